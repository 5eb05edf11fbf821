// Message handling: who may ask for what, and what one insertion may log.
import { describe, expect, it } from 'vitest';
import { createBackgroundService } from '../../utils/background/background-service';
import { currentState, isPostEntry, openDb, type StoredLogEntry } from '../../utils/storage/db';
import { verifyChain } from '../../utils/background/posting-log';
import { installIdentity } from '../../utils/background/install-identity';
import { mergeSettings } from '../../utils/shared/settings';
import { memoryStore, useSampleLibrary } from '../support/background-harness';
import type { Message } from '../../utils/shared/messages';
import { storedItems } from '../support/stored-items';

const library = useSampleLibrary();

async function makeService(name: string) {
  const db = openDb(name);
  const settings = mergeSettings({ libraryUrl: library.current.url, officerName: 'Sari Dewi', agency: 'Diskominfo Kota Malang', region: 'Kota Malang' }, {});
  const service = createBackgroundService({ db, extensionId: 'ext', getSettings: async () => settings, session: memoryStore(), now: () => new Date('2026-11-23T00:00:00Z') });
  await service.requestSync();
  await service.requestMedia(); // the images come after the text, in their own run
  return { db, service };
}

const tab = { id: 'ext', tabId: 7, fromExtensionPage: false };

describe('background service', () => {
  it('searches with Indonesian-friendly normalisation and returns composed text, not image bytes', async () => {
    const { service } = await makeService('bg-1');
    const view = (await service.handle({ type: 'library.query', query: { text: 'IMUNISASI ANAK', platform: 'instagram' } } as Message, tab)) as { cards: { id: string; text: string }[] };
    expect(view.cards.map((c) => c.id)).toEqual(['imunisasi-anak-lengkap']);
    expect(view.cards[0]?.text).toContain('petugas kesehatan di Kota Malang');
    expect(view.cards[0]?.text).not.toContain('https://');
  });

  it('hands over text and the cached image as a file, then logs exactly one post for that token', async () => {
    const { db, service } = await makeService('bg-2');
    const prepared = (await service.handle({ type: 'insert.prepare', itemId: 'cek-bansos-resmi', platform: 'x' } as Message, tab)) as { token: string; text: string; file: { name: string; mime: string; blob: Blob } };
    // The editor's file is a 390 KB PNG; every network gets the publisher's platform-ready JPEG.
    expect(prepared.file.name).toBe('cek-bansos-resmi-1.jpg');
    expect(prepared.file.mime).toBe('image/jpeg');
    expect([...new Uint8Array(await prepared.file.blob.slice(0, 3).arrayBuffer())]).toEqual([0xff, 0xd8, 0xff]);

    const post = { type: 'log.post', token: prepared.token, text: prepared.text, account: '@humas_malang', pageUrl: 'https://x.com/compose/post' } as Message;
    await expect(service.handle(post, { ...tab, tabId: 8 })).rejects.toThrow();
    await expect(service.handle(post, { ...tab, id: 'other-extension' })).rejects.toThrow();
    await service.handle(post, tab);
    // A second Post click while the first is not refused is not a second post.
    await expect(service.handle(post, tab)).rejects.toThrow();
    const [entry] = (await db.log.toArray()) as StoredLogEntry[];
    expect(await db.log.count()).toBe(1);
    expect(entry).toMatchObject({ platform: 'x', itemId: 'cek-bansos-resmi', itemVersion: 1, mediaIds: ['cek-bansos-resmi-1'], edited: false, account: '@humas_malang', officerName: 'Sari Dewi', agency: 'Diskominfo Kota Malang', status: 'unconfirmed', pageUrl: 'https://x.com/compose/post' });
  });

  it('records what the site said as update entries: a refused post may be tried again, a confirmed one is used up', async () => {
    const { db, service } = await makeService('bg-5');
    const prepared = (await service.handle({ type: 'insert.prepare', itemId: 'cek-bansos-resmi', platform: 'x' } as Message, tab)) as { token: string; text: string };
    const post = { type: 'log.post', token: prepared.token, text: prepared.text, account: '', pageUrl: 'https://x.com/compose/post?session=rahasia#x' } as Message;
    const first = (await service.handle(post, tab)) as { id: string };
    await service.handle({ type: 'log.update', token: prepared.token, status: 'failed' } as Message, tab);
    const second = (await service.handle(post, tab)) as { id: string };
    await service.handle({ type: 'log.update', token: prepared.token, status: 'confirmed' } as Message, tab);
    await service.handle({ type: 'log.update', token: prepared.token, postUrl: 'https://x.com/humas_malang/status/1' } as Message, tab);
    await expect(service.handle({ type: 'log.update', token: prepared.token, postUrl: 'javascript:alert(1)' } as Message, tab)).rejects.toThrow();
    await expect(service.handle(post, tab)).rejects.toThrow();
    await expect(service.handle({ type: 'log.update', token: prepared.token, status: 'confirmed' } as Message, { ...tab, tabId: 9 })).rejects.toThrow();

    const rows = await db.log.orderBy('seq').toArray();
    expect(rows.map((r) => ('updates' in r ? `${r.updates === first.id ? 'first' : 'second'}:${r.status ?? r.postUrl}` : `post:${(r as StoredLogEntry).status}`))).toEqual([
      'post:unconfirmed', 'first:failed', 'post:unconfirmed', 'second:confirmed', 'second:https://x.com/humas_malang/status/1',
    ]);
    const posts = rows.filter(isPostEntry);
    expect(posts.map((p) => currentState(p))).toEqual([{ status: 'failed' }, { status: 'confirmed', postUrl: 'https://x.com/humas_malang/status/1' }]);
    expect(posts[0]!.pageUrl).toBe('https://x.com/compose/post');
    // Chained from this install's genesis, each entry signed by its key.
    const identity = await installIdentity(db);
    expect(rows[0]!.prevHash).toBe(identity.genesis);
    expect(await verifyChain(rows, [identity.genesis])).toEqual({ ok: true, checked: 5 });
    const key = await crypto.subtle.importKey('raw', Buffer.from(identity.publicKey, 'base64'), { name: 'Ed25519' }, false, ['verify']);
    for (const row of rows) expect(await crypto.subtle.verify({ name: 'Ed25519' }, key, Buffer.from(row.signature!, 'base64'), new TextEncoder().encode(row.hash))).toBe(true);
    expect(second.id).not.toBe(first.id);
  });

  it('marks an entry edited when the posted text differs from the inserted text', async () => {
    const { db, service } = await makeService('bg-3');
    const prepared = (await service.handle({ type: 'insert.prepare', itemId: 'literasi-baca-keluarga', platform: 'facebook' } as Message, tab)) as { token: string; text: string };
    await service.handle({ type: 'log.post', token: prepared.token, text: `Halo warga! ${prepared.text}`, account: '', pageUrl: 'https://www.facebook.com/' } as Message, tab);
    expect(((await db.log.toArray()) as StoredLogEntry[])[0]?.edited).toBe(true);
  });

  it('runs one sync at a time and coalesces triggers that arrive during it into one more run', async () => {
    const db = openDb('bg-4');
    const settings = mergeSettings({ libraryUrl: library.current.url }, {});
    let feedCalls = 0;
    const counting: typeof fetch = (input, init) => {
      if (String(input).includes('/v1/feed')) feedCalls++;
      return fetch(input, init);
    };
    const service = createBackgroundService({ db, extensionId: 'ext', getSettings: async () => settings, session: memoryStore(), fetch: counting });
    await Promise.all([service.requestSync(), service.requestSync(), service.requestSync(), service.requestSync()]);
    // First run: 2 pages (33 changes, page size 20); the coalesced second run: one 304.
    expect(feedCalls).toBe(3);
    expect((await storedItems(db)).length).toBe(32);
  });
});
