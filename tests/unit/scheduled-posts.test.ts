// Posts the officer scheduled on the site (X's "Schedule") and the Indonesian interface texts: the
// banner's time as the adapter reads it, the `scheduled` update with its time, the to-do keeping an
// urgent item scheduled for later, and the adapters' text tables matching what the sites say.
import { describe, expect, it } from 'vitest';
import { createBackgroundService } from '../../utils/background/background-service';
import { FACEBOOK_TEXTS } from '../../utils/content/sites/facebook-texts';
import { isPhrase, labelled, says } from '../../utils/content/sites/texts';
import { scheduledTime, X_TEXTS } from '../../utils/content/sites/x-texts';
import type { Message, TodoItem } from '../../utils/shared/messages';
import { mergeSettings } from '../../utils/shared/settings';
import { currentState, isPostEntry, openDb } from '../../utils/storage/db';
import { memoryStore, useSampleLibrary } from '../support/background-harness';

const library = useSampleLibrary();
const URGENT = 'hoaks-bansos-link-whatsapp';
const tab = { id: 'ext', tabId: 7, fromExtensionPage: false };
const page = { id: 'ext', fromExtensionPage: true };

describe("X's schedule banner", () => {
  it('reads the chosen time in local time from the English and the Indonesian banner', () => {
    expect(scheduledTime('Will send on Thu, Apr 30, 2026 at 8:00 AM')).toEqual(new Date(2026, 3, 30, 8, 0));
    expect(scheduledTime('Will send on Sat, Dec 24, 2026 at 12:05\u202fPM')).toEqual(new Date(2026, 11, 24, 12, 5));
    expect(scheduledTime('Will send on Fri, Jan 1, 2027 at 12:30 AM')).toEqual(new Date(2027, 0, 1, 0, 30));
    expect(scheduledTime('Akan dikirim pada Kam, 24 Des 2026 pukul 21.45')).toEqual(new Date(2026, 11, 24, 21, 45));
    expect(scheduledTime('Akan dikirim pada Sen, 3 Agustus 2026 pukul 07.05')).toEqual(new Date(2026, 7, 3, 7, 5));
  });

  it('gives no time when the banner lacks a part of it', () => {
    for (const banner of ['', 'Will send on Thu, Apr 30 at 8:00 AM', 'Will send on 30, 2026 at 8:00 AM', 'Will send on Apr 30, 2026', 'Will send on Feb 31, 2026 at 8:00 AM']) {
      expect(scheduledTime(banner), banner).toBeUndefined();
    }
  });
});

describe('site text tables', () => {
  it("match X's and Facebook's Indonesian interface, and keep guesses apart", () => {
    expect(says('Postingan Anda sudah terkirim. Lihat', X_TEXTS.postSent)).toBe(true);
    expect(says('Your posts were sent. View', X_TEXTS.postSent)).toBe(true);
    expect(says('Postingan Anda telah dikirim.', X_TEXTS.postSent)).toBe(true);
    expect(X_TEXTS.postSent.guessed).toContain('Postingan Anda telah dikirim');
    expect(says('Postingan Anda sudah dijadwalkan', X_TEXTS.postSent)).toBe(false);
    expect(isPhrase(' Jadwalkan ', X_TEXTS.schedule)).toBe(true);
    expect(isPhrase('Posting', X_TEXTS.schedule)).toBe(false);
    expect(isPhrase('Balas', X_TEXTS.reply)).toBe(true);
    expect(labelled(FACEBOOK_TEXTS.post)).toBe('[aria-label="Post"], [aria-label="Posting"], [aria-label="Kirim"]');
    expect(labelled(FACEBOOK_TEXTS.next)).toContain('[aria-label="Berikutnya"]');
    expect(labelled(FACEBOOK_TEXTS.photoVideo)).toBe('[aria-label="Photo/video"], [aria-label="Foto/video"]');
    for (const phrase of [...Object.values(X_TEXTS), ...Object.values(FACEBOOK_TEXTS)]) expect(phrase.source.length).toBeGreaterThan(10);
  });
});

let n = 0;
async function makeService(clock: { now: Date }) {
  const db = openDb(`scheduled-${++n}`);
  const settings = mergeSettings({ libraryUrl: library.current.url, officerName: 'Sari Dewi', agency: 'Diskominfo Kota Malang' }, {});
  const service = createBackgroundService({ db, extensionId: 'ext', getSettings: async () => settings, session: memoryStore(), now: () => clock.now, showTodoCount: async () => {} });
  await service.requestSync();
  /** Inserts an item on X and clicks the site's Post (or Schedule), as the content script would. */
  const click = async (itemId: string) => {
    const prepared = (await service.handle({ type: 'insert.prepare', itemId, platform: 'x' } as Message, tab)) as { token: string; text: string };
    await service.handle({ type: 'log.post', token: prepared.token, text: prepared.text, account: '@humas', pageUrl: 'https://x.com/compose/post' } as Message, tab);
    return prepared;
  };
  const posts = async () => (await db.log.orderBy('seq').toArray()).filter(isPostEntry).map((p) => currentState(p));
  /** Whether the urgent item is on the to-do (X is the only network in use: it is open there). */
  const onTodo = async () => ((await service.handle({ type: 'todo.list' } as Message, page)) as TodoItem[]).some((t) => t.itemId === URGENT);
  return { service, click, posts, onTodo };
}

describe('a post scheduled on the site', () => {
  it('is logged `scheduled` with its time (UTC ISO), uses up the insertion, and a time that is not one is dropped', async () => {
    const clock = { now: new Date('2026-11-25T09:00:00Z') };
    const { service, click, posts } = await makeService(clock);
    const first = await click('cek-bansos-resmi');
    await service.handle({ type: 'log.update', token: first.token, status: 'scheduled', scheduledFor: '2026-11-26T08:30:00+07:00' } as Message, tab);
    const second = await click('cegah-dbd-3m-plus');
    await service.handle({ type: 'log.update', token: second.token, status: 'scheduled', scheduledFor: 'besok pagi' } as Message, tab);
    expect(await posts()).toEqual([{ status: 'scheduled', scheduledFor: '2026-11-26T01:30:00.000Z' }, { status: 'scheduled' }]);
    // Scheduled: this insertion is used up, a further click on it is not a new post.
    await expect(service.handle({ type: 'log.post', token: first.token, text: first.text, account: '', pageUrl: 'https://x.com/home' } as Message, tab)).rejects.toThrow();
  });

  it('keeps an urgent item on the to-do until its time has passed; without a time it stays', async () => {
    const clock = { now: new Date('2026-11-25T09:00:00Z') };
    const { service, click, onTodo } = await makeService(clock);
    expect(await onTodo()).toBe(true);
    const urgent = await click(URGENT);
    expect(await onTodo()).toBe(false); // unconfirmed at the click: counts as posted, as before
    await service.handle({ type: 'log.update', token: urgent.token, status: 'scheduled', scheduledFor: '2026-11-25T12:00:00Z' } as Message, tab);
    expect(await onTodo()).toBe(true);
    clock.now = new Date('2026-11-25T12:00:01Z');
    expect(await onTodo()).toBe(false);

    const other = await makeService({ now: new Date('2026-11-25T09:00:00Z') });
    const untimed = await other.click(URGENT);
    await other.service.handle({ type: 'log.update', token: untimed.token, status: 'scheduled' } as Message, tab);
    expect(await other.onTodo()).toBe(true);
  });
});
