// The urgent to-do and the badge, muting and alert policy, dismissals with a reason, and the time to
// amplify each post of an urgent item carries.
import { describe, expect, it } from 'vitest';
import { createBackgroundService } from '../../utils/background/background-service';
import { verifyChain } from '../../utils/background/posting-log';
import { installIdentity } from '../../utils/background/install-identity';
import { alertsFor, type UrgentAlert } from '../../utils/background/urgent-alerts';
import type { Message, TodoItem } from '../../utils/shared/messages';
import { mergeSettings } from '../../utils/shared/settings';
import type { ContentItem } from '../../utils/shared/schema';
import { isDismissal, isPostEntry, openDb, type StoredLogEntry } from '../../utils/storage/db';
import { memoryStore, useSampleLibrary } from '../support/background-harness';

const library = useSampleLibrary();
const NOW = new Date('2026-11-25T09:00:00Z');
const SAMPLE_URGENT = 'hoaks-bansos-link-whatsapp';
const tab = (tabId: number) => ({ id: 'ext', tabId, fromExtensionPage: false });
const page = { id: 'ext', fromExtensionPage: true };

let n = 0;
async function makeService(local: object = {}, managed: object = {}) {
  const db = openDb(`todo-${++n}`);
  const settings = mergeSettings({ libraryUrl: library.current.url, officerName: 'Sari Dewi', agency: 'Diskominfo Kota Malang', ...local }, managed);
  const badge: number[] = [];
  const alerts: UrgentAlert[] = [];
  const service = createBackgroundService({
    db, extensionId: 'ext', getSettings: async () => settings, session: memoryStore(), now: () => NOW,
    showTodoCount: async (count) => void badge.push(count), alertUrgent: async (a) => void alerts.push(a),
  });
  await service.requestSync();
  const todo = () => service.handle({ type: 'todo.list' } as Message, page) as Promise<TodoItem[]>;
  /** Inserts an item on a platform and clicks Post, as the content script would. */
  const post = async (itemId: string, platform: string, tabId = 7) => {
    const prepared = (await service.handle({ type: 'insert.prepare', itemId, platform } as Message, tab(tabId))) as { token: string; text: string };
    await service.handle({ type: 'log.post', token: prepared.token, text: prepared.text, account: '@humas', pageUrl: 'https://x.com/compose/post' } as Message, tab(tabId));
    return prepared.token;
  };
  return { db, service, badge, alerts, todo, post };
}

const marks = (item: TodoItem | undefined) => item?.marks.map((m) => `${m.platform}:${m.posted ? '✓' : '–'}`);

describe('urgent to-do', () => {
  it('counts an urgent item on every network until the officer has posted anywhere, then on the networks they post on', async () => {
    const { service, badge, todo, post } = await makeService();
    await service.refreshTodo();
    expect(badge.at(-1)).toBe(1);
    expect(marks((await todo())[0])).toEqual(['x:–', 'facebook:–', 'instagram:–']);

    // The officer posts on Facebook (another item) and then the urgent item on X: Facebook is still open.
    await post('cek-bansos-resmi', 'facebook');
    await post(SAMPLE_URGENT, 'x', 8);
    await service.refreshTodo();
    expect(marks((await todo())[0])).toEqual(['x:✓', 'facebook:–']);
    expect(badge.at(-1)).toBe(1);

    await post(SAMPLE_URGENT, 'facebook', 9);
    await service.refreshTodo();
    expect(await todo()).toEqual([]);
    expect(badge.at(-1)).toBe(0);
  });

  it('clears an item posted on the only network the officer uses; a post the site refused does not count', async () => {
    const { service, badge, todo, post } = await makeService();
    const token = await post(SAMPLE_URGENT, 'x');
    await service.refreshTodo();
    expect(badge.at(-1)).toBe(0);
    await service.handle({ type: 'log.update', token, status: 'failed' } as Message, tab(7));
    await service.refreshTodo();
    // The refused post was the only one: no network is "in use" any more, so every network counts again.
    expect(marks((await todo())[0])).toEqual(['x:–', 'facebook:–', 'instagram:–']);
    expect(badge.at(-1)).toBe(1);
  });

  it('takes an item off the list with a reason, as a signed entry in the chain; only extension pages may', async () => {
    const { db, service, badge, todo } = await makeService();
    await expect(service.handle({ type: 'todo.dismiss', itemId: SAMPLE_URGENT, reason: 'noAccount' } as Message, tab(7))).rejects.toThrow();
    await expect(service.handle({ type: 'todo.dismiss', itemId: SAMPLE_URGENT, reason: 'other' } as Message, page)).rejects.toThrow();
    await expect(service.handle({ type: 'todo.dismiss', itemId: SAMPLE_URGENT, reason: 'bosan' } as Message, page)).rejects.toThrow();
    await expect(service.handle({ type: 'todo.dismiss', itemId: 'cek-bansos-resmi', reason: 'noAccount' } as Message, page)).rejects.toThrow();
    await service.handle({ type: 'todo.dismiss', itemId: SAMPLE_URGENT, reason: 'other', note: '  Akun sedang diblokir  ' } as Message, page);
    await service.refreshTodo();
    expect(await todo()).toEqual([]);
    expect(badge.at(-1)).toBe(0);
    const rows = await db.log.toArray();
    expect(rows).toHaveLength(1);
    expect(isDismissal(rows[0]!) && !isPostEntry(rows[0]!)).toBe(true);
    expect(rows[0]).toMatchObject({ dismisses: SAMPLE_URGENT, itemVersion: 1, program: 'Klarifikasi Hoaks', reason: 'other', note: 'Akun sedang diblokir', officerName: 'Sari Dewi' });
    expect(rows[0]!.signature).toBeTruthy();
    const { genesis } = await installIdentity(db);
    expect(await verifyChain(rows, [genesis])).toMatchObject({ ok: true, checked: 1 });
    expect(await db.outbox.count()).toBe(1);
  });

  it('writes the time from publication to post on posts of urgent items only', async () => {
    const { db, post } = await makeService();
    await post(SAMPLE_URGENT, 'x');
    await post('cek-bansos-resmi', 'x', 8);
    const [urgent, normal] = (await db.log.orderBy('seq').toArray()) as StoredLogEntry[];
    // Published 2026-11-16T19:00:00Z, posted 2026-11-25T09:00:00Z.
    expect(urgent!.secondsToPost).toBe((NOW.getTime() - Date.parse('2026-11-16T19:00:00Z')) / 1000);
    expect(normal!.secondsToPost).toBeUndefined();
    expect(await verifyChain(await db.log.orderBy('seq').toArray(), [(await installIdentity(db)).genesis])).toMatchObject({ ok: true });
  });
});

describe('which programmes alert', () => {
  const urgent = (id: string, program: string, kind: ContentItem['kind'] = 'infografis'): ContentItem => ({
    id, version: 1, title: id, program, tags: [], kind, priority: 'urgent', publishedAt: '2026-11-25T08:00:00Z', captions: { default: 'Segera.' }, hashtags: [], media: [],
  });

  it('follows the officer’s mutes, except for counter-hoaxes; policy decides alone when it lists programmes', () => {
    expect(alertsFor({ program: 'Stunting', kind: 'infografis' }, { mutedPrograms: ['Stunting'] })).toBe(false);
    expect(alertsFor({ program: 'Stunting', kind: 'klarifikasi' }, { mutedPrograms: ['Stunting'] })).toBe(true);
    expect(alertsFor({ program: 'Stunting', kind: 'infografis' }, { mutedPrograms: ['Stunting'], alertPrograms: ['Stunting'] })).toBe(true);
    expect(alertsFor({ program: 'Mudik', kind: 'infografis' }, { mutedPrograms: [], alertPrograms: ['Stunting'] })).toBe(false);
    expect(alertsFor({ program: 'Mudik', kind: 'infografis' }, { mutedPrograms: [] })).toBe(true);
  });

  it('leaves muted programmes out of alerts and the badge; the policy list is read from storage.managed', async () => {
    const muted = await makeService({ mutedPrograms: ['Mudik Aman'] });
    library.current.upsert(urgent('mudik-info', 'Mudik Aman'));
    library.current.upsert(urgent('pemilu-info', 'Pemilu Damai'));
    await muted.service.requestSync();
    await muted.service.refreshTodo();
    expect(muted.alerts.map((a) => a.itemId)).toEqual(['pemilu-info']);
    expect((await muted.todo()).map((t) => t.itemId).sort()).toEqual([SAMPLE_URGENT, 'pemilu-info']);

    const policy = await makeService({ mutedPrograms: ['Mudik Aman'] }, { alertPrograms: ['Mudik Aman'] });
    library.current.upsert({ ...urgent('mudik-info', 'Mudik Aman'), version: 2 });
    library.current.upsert({ ...urgent('pemilu-info', 'Pemilu Damai'), version: 2 });
    await policy.service.requestSync();
    await policy.service.refreshTodo();
    expect(policy.alerts.map((a) => a.itemId)).toEqual(['mudik-info']);
    expect((await policy.todo()).map((t) => t.itemId).sort()).toEqual([SAMPLE_URGENT, 'mudik-info']);
    expect(policy.badge.at(-1)).toBe(2);
  });
});
