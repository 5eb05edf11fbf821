// Freshness (feed spec v1.1): a replayed older signed answer changes nothing, removed items stay
// removed, "last synced" is the issue time of the newest verified page, and unsigned remote
// libraries are refused (fail closed).
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publishLibrary } from '../../library/publish';
import { startStaticHost } from '../support/static-host';
import { afterEach, describe, expect, it } from 'vitest';
import { rawPublicKeyBase64 } from '../../library/keys';
import { startLibraryServer, type LibraryServer } from '../../library/server';
import { readSyncState, syncLibrary } from '../../utils/background/sync';
import { describeSyncState } from '../../utils/background/sync-status';
import { mergeSettings } from '../../utils/shared/settings';
import { openDb } from '../../utils/storage/db';
import { sampleItem } from '../support/sample-items';
import { storedItems } from '../support/stored-items';

let server: LibraryServer | undefined;
let n = 0;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A fetch that records every feed answer, and can answer the next request with a recorded one instead. */
function recordingFetch() {
  const answers: { status: number; headers: [string, string][]; body: Uint8Array }[] = [];
  let replay: (typeof answers)[number] | undefined;
  const doFetch: typeof fetch = async (input, init) => {
    if (replay && String(input).includes('/v1/feed')) return new Response(replay.body.slice(), { status: replay.status, headers: replay.headers });
    const res = await fetch(input, init);
    if (!String(input).includes('/v1/feed')) return res;
    const body = new Uint8Array(await res.arrayBuffer());
    answers.push({ status: res.status, headers: [...res.headers], body });
    return new Response(res.status === 304 ? null : body.slice(), { status: res.status, headers: res.headers });
  };
  return { doFetch, answers, replayWith: (answer: (typeof answers)[number] | undefined) => void (replay = answer) };
}

describe('freshness of a signed library', () => {
  it('an older signed answer replayed after a withdrawal brings nothing back and says why', async () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    server = await startLibraryServer({ items: [sampleItem('tetap'), sampleItem('ditarik')], signingKey: privateKey });
    const db = openDb(`fresh-${++n}`);
    const settings = mergeSettings({ libraryUrl: server.url, publicKey: rawPublicKeyBase64(privateKey) }, {});
    const net = recordingFetch();
    await syncLibrary({ db, settings, fetch: net.doFetch });
    const old = net.answers[0]!;
    expect((await storedItems(db)).length).toBe(2);

    server.withdraw('ditarik');
    await syncLibrary({ db, settings, fetch: net.doFetch });
    expect((await storedItems(db)).map((i) => i.id)).toEqual(['tetap']);
    expect(await db.tombstones.get('ditarik')).toEqual({ id: 'ditarik', version: 1 });

    // Someone who can answer for the library URL serves the first, correctly signed answer again.
    net.replayWith(old);
    await expect(syncLibrary({ db, settings, fetch: net.doFetch })).rejects.toMatchObject({ code: 'older' });
    expect((await storedItems(db)).map((i) => i.id)).toEqual(['tetap']);
    expect(await db.withdrawn.get('ditarik')).toMatchObject({ reason: 'withdrawn' });
    expect(describeSyncState(await readSyncState(db), 1)).toMatch(/^Jawaban server lebih lama daripada pustaka yang sudah ada/);
  });

  it('a newer page cannot bring a removed item back at the version that was removed; a higher version can', async () => {
    server = await startLibraryServer({ items: [sampleItem('berita')] });
    const db = openDb(`fresh-${++n}`);
    const settings = mergeSettings({ libraryUrl: server.url }, {});
    await syncLibrary({ db, settings });
    server.withdraw('berita');
    await syncLibrary({ db, settings });
    server.upsert(sampleItem('berita', { version: 1 }));
    await syncLibrary({ db, settings });
    expect((await storedItems(db)).length).toBe(0);
    server.upsert(sampleItem('berita', { version: 2, title: 'Diterbitkan ulang' }));
    await syncLibrary({ db, settings });
    expect((await storedItems(db)).map((i) => [i.id, i.version])).toEqual([['berita', 2]]);
    expect(await db.withdrawn.count()).toBe(0);
  });

  it('"last synced" is the issue time of the newest verified page; past the maximum age the library is stale', async () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    server = await startLibraryServer({ items: [sampleItem('satu')], signingKey: privateKey });
    const db = openDb(`fresh-${++n}`);
    const settings = mergeSettings({ libraryUrl: server.url, publicKey: rawPublicKeyBase64(privateKey) }, { maxLibraryAgeDays: 7 });
    await syncLibrary({ db, settings });
    const state = await readSyncState(db);
    expect(state.issuedAt).toBeTruthy();
    const issued = Date.parse(state.issuedAt!);
    expect(describeSyncState(state, 1, { maxAgeDays: 7, now: new Date(issued + 6 * 86_400_000) })).not.toContain('belum diperbarui');
    // Eight days on, every check answers 304: nothing new is proven, the library is stale.
    await syncLibrary({ db, settings, now: () => new Date(issued + 8 * 86_400_000) });
    const later = await readSyncState(db);
    expect(later.issuedAt).toBe(state.issuedAt);
    expect(describeSyncState(later, 1, { maxAgeDays: 7, now: new Date(issued + 8 * 86_400_000) })).toMatch(/^Pustaka belum diperbarui sejak /);
  });

  it("a first sync (new install, then a changed libraryUrl) refuses a publication below the policy's minSequence like a replay", async () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const publicKey = rawPublicKeyBase64(privateKey);
    // Two changes so far: this library's answers carry sequence 2.
    server = await startLibraryServer({ items: [sampleItem('lama-1'), sampleItem('lama-2')], signingKey: privateKey });
    const db = openDb(`fresh-${++n}`);
    const settings = mergeSettings({ libraryUrl: server.url, publicKey }, { minSequence: 3 });
    await expect(syncLibrary({ db, settings })).rejects.toMatchObject({ code: 'older', detail: '2 < 3' });
    expect(await storedItems(db)).toEqual([]);
    expect(describeSyncState(await readSyncState(db), 0)).toMatch(/^Jawaban server lebih lama daripada pustaka yang sudah ada/);
    server.upsert(sampleItem('baru'));
    await syncLibrary({ db, settings });
    expect((await storedItems(db)).map((i) => i.id).sort()).toEqual(['baru', 'lama-1', 'lama-2']);

    // Pointed at another library: no sequence accepted from it yet, so the floor is the policy's again.
    const other = await startLibraryServer({ items: [sampleItem('lain')], signingKey: privateKey });
    try {
      await expect(syncLibrary({ db, settings: mergeSettings({ libraryUrl: other.url, publicKey }, { minSequence: 3 }) })).rejects.toMatchObject({ code: 'older', detail: '1 < 3' });
      expect((await storedItems(db)).map((i) => i.id).sort()).toEqual(['baru', 'lama-1', 'lama-2']);
    } finally {
      await other.close();
    }
  });

  it('fails closed: a remote library without a key, or refused by the settings rules, is never fetched', async () => {
    const db = openDb(`fresh-${++n}`);
    let fetched = 0;
    const counting: typeof fetch = async () => {
      fetched++;
      return new Response('{}');
    };
    await expect(syncLibrary({ db, settings: mergeSettings({ libraryUrl: 'https://pustaka.example.go.id' }, {}), fetch: counting })).rejects.toMatchObject({ code: 'unsigned' });
    await expect(syncLibrary({ db, settings: mergeSettings({}, { libraryUrl: 'http://pustaka.example.go.id' }), fetch: counting })).rejects.toMatchObject({ code: 'insecureUrl' });
    expect(describeSyncState(await readSyncState(db), 0)).toMatch(/^Alamat pustaka ditolak karena tidak memakai https:\/\//);
    expect(fetched).toBe(0);
  });

  it('an item missing from a full snapshot is gone, even when its tombstone aged out of the snapshot', async () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const content = mkdtempSync(join(tmpdir(), 'hk-complete-'));
    mkdirSync(join(content, 'items'));
    for (const id of ['tetap', 'lama']) writeFileSync(join(content, 'items', `${id}.json`), JSON.stringify(sampleItem(id)));
    const site = mkdtempSync(join(tmpdir(), 'hk-complete-site-'));
    await publishLibrary(content, site, { signingKey: privateKey, now: new Date('2026-08-01T00:00:00Z') });
    const host = await startStaticHost(site);
    try {
      const db = openDb(`fresh-${++n}`);
      const settings = mergeSettings({ libraryUrl: host.url, publicKey: rawPublicKeyBase64(privateKey) }, {});
      await syncLibrary({ db, settings });
      expect((await storedItems(db)).map((i) => i.id).sort()).toEqual(['lama', 'tetap']);

      // Withdrawn more than 90 days ago: the snapshot has neither the item nor its tombstone.
      rmSync(join(content, 'items', 'lama.json'));
      writeFileSync(join(content, 'removed.json'), JSON.stringify([{ id: 'lama', reason: 'withdrawn', removedAt: '2026-08-02T00:00:00Z' }]));
      await publishLibrary(content, site, { signingKey: privateKey, now: new Date('2026-11-30T00:00:00Z') });
      expect(JSON.parse(readFileSync(join(site, 'v1/feed'), 'utf8'))).toMatchObject({ complete: true, removed: [] });
      await syncLibrary({ db, settings });
      expect((await storedItems(db)).map((i) => i.id)).toEqual(['tetap']);
      expect(await db.withdrawn.get('lama')).toMatchObject({ reason: 'withdrawn' });
      expect(await db.tombstones.get('lama')).toEqual({ id: 'lama', version: 1 });
    } finally {
      await host.close();
    }
  });
});
