// The sync engine against the real local library server (in-process), on fake-indexeddb.
import { createHash, generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type HumasDb } from '../../utils/storage/db';
import { queryLibrary } from '../../utils/background/library-query';
import { mergeSettings } from '../../utils/shared/settings';
import { readSyncState, syncLibrary } from '../../utils/background/sync';
import { describeSyncState } from '../../utils/background/sync-status';
import { startLibraryServer, type LibraryServer } from '../../library/server';
import { rawPublicKeyBase64 } from '../../library/keys';
import { sampleItem } from '../support/sample-items';
import { readContentFolder } from '../../library/content-folder';
import { storedItems, storedItem } from '../support/stored-items';

const contentDir = new URL('../../library/content/', import.meta.url).pathname;
let server: LibraryServer | undefined;
let dbCount = 0;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

function freshDb(): HumasDb {
  return openDb(`sync-test-${++dbCount}`);
}

function settingsFor(url: string, extra: Record<string, string> = {}) {
  return mergeSettings({ libraryUrl: url, agency: 'Diskominfo', region: 'Kota Malang', ...extra }, {});
}

describe('syncLibrary against the local library', () => {
  it('stores every sample item over several pages, caches images with matching sha256, hides the expired item', async () => {
    server = await startLibraryServer({ contentDir, pageSize: 7 });
    const db = freshDb();
    const state = await syncLibrary({ db, settings: settingsFor(server.url) });
    expect((await storedItems(db)).length).toBe(32);
    expect(server.stats.feedRequests).toBe(5); // 33 changes (32 items + 1 tombstone) in pages of 7
    expect(state.skippedInvalid).toBe(0);
    expect(state.mediaProblems).toBe(0);
    const media = await db.media.toArray();
    expect(media).toHaveLength(16);
    for (const row of media) {
      const bytes = new Uint8Array(await row.blob!.arrayBuffer());
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(row.sha256);
    }
    const visible = queryLibrary(await storedItems(db), { platform: 'x' }, settingsFor(server.url), new Date('2026-11-23T00:00:00Z'));
    expect(visible).toHaveLength(31);
    expect(visible.map((c) => c.id)).not.toContain('pemilu-tps-lama');
    expect(visible[0]?.id).toBe('hoaks-bansos-link-whatsapp'); // urgent first
  });

  it('answers an unchanged library with 304 and applies withdrawals and version bumps incrementally', async () => {
    server = await startLibraryServer({ contentDir });
    const db = freshDb();
    const settings = settingsFor(server.url);
    await syncLibrary({ db, settings });
    const requests = server.stats.feedRequests;
    await syncLibrary({ db, settings });
    expect(server.stats.feedRequests).toBe(requests + 1);
    expect((await storedItems(db)).length).toBe(32);

    const withImage = await storedItem(db, 'cek-bansos-resmi');
    server.withdraw('cek-bansos-resmi');
    const bumped = { ...(await storedItem(db, 'kur-umkm-bunga-rendah'))!, version: 2, title: 'KUR 2027: bunga tetap rendah' };
    server.upsert(bumped);
    await syncLibrary({ db, settings });
    expect(await storedItem(db, 'cek-bansos-resmi')).toBeUndefined();
    expect(await db.media.get(withImage!.mediaShas[0]!)).toBeUndefined();
    expect((await storedItem(db, 'kur-umkm-bunga-rendah'))?.title).toBe('KUR 2027: bunga tetap rendah');
    expect((await storedItems(db)).length).toBe(31);
  });

  it('skips and counts an invalid item but stores the rest', async () => {
    const broken = { ...sampleItem('rusak'), id: 'ID Tidak Valid!' };
    server = await startLibraryServer({ items: [sampleItem('satu'), broken as never, sampleItem('dua')] });
    const db = freshDb();
    const state = await syncLibrary({ db, settings: settingsFor(server.url) });
    expect((await storedItems(db)).map((i) => i.id).sort()).toEqual(['dua', 'satu']);
    expect(state.skippedInvalid).toBe(1);
    expect(describeSyncState(state, 2)).toContain('1 konten tidak valid dilewati');
  });

  it('verifies the Ed25519 signature and changes nothing when it fails', async () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    server = await startLibraryServer({ items: [sampleItem('satu')], signingKey: privateKey });
    const db = freshDb();
    const settings = settingsFor(server.url, { publicKey: rawPublicKeyBase64(privateKey) });
    await syncLibrary({ db, settings });
    expect((await storedItems(db)).length).toBe(1);

    server.upsert(sampleItem('dua'));
    server.setFault('badSignature');
    await expect(syncLibrary({ db, settings })).rejects.toMatchObject({ code: 'signature' });
    expect((await storedItems(db)).length).toBe(1);
    const state = await readSyncState(db);
    expect(describeSyncState(state, 1)).toMatch(/^Tanda tangan tidak valid/);

    const other = generateKeyPairSync('ed25519').privateKey;
    server.setFault('none');
    await expect(syncLibrary({ db, settings: settingsFor(server.url, { publicKey: rawPublicKeyBase64(other) }) })).rejects.toMatchObject({ code: 'signature' });
    expect((await storedItems(db)).length).toBe(1);
  });

  it('keeps the last good library on 500, truncated JSON, HTML and a hanging server, and says why', async () => {
    server = await startLibraryServer({ items: [sampleItem('satu')] });
    const db = freshDb();
    const settings = settingsFor(server.url);
    await syncLibrary({ db, settings });
    server.upsert(sampleItem('dua'));
    const cases = [['error500', 'http'], ['truncated', 'format'], ['wrongContentType', 'format'], ['hang', 'timeout']] as const;
    for (const [fault, code] of cases) {
      server.setFault(fault);
      await expect(syncLibrary({ db, settings, timeoutMs: 300 })).rejects.toMatchObject({ code });
      expect((await storedItems(db)).length).toBe(1);
    }
    expect(describeSyncState(await readSyncState(db), 1)).toMatch(/^Server pustaka tidak menjawab/);
    server.setFault('none');
    await syncLibrary({ db, settings });
    expect((await storedItems(db)).length).toBe(2);
    expect((await readSyncState(db)).lastError).toBeUndefined();
  });

  it('reports an unreachable server in plain words', async () => {
    const db = freshDb();
    await expect(syncLibrary({ db, settings: settingsFor('http://127.0.0.1:9') })).rejects.toMatchObject({ code: 'unreachable' });
    expect(describeSyncState(await readSyncState(db), 0)).toMatch(/^Server pustaka tidak dapat dihubungi/);
  });

  it('rejects an image whose bytes do not match sha256 and never stores them', async () => {
    server = await startLibraryServer({ contentDir });
    const served = (await readContentFolder(contentDir)).items.find((i) => i.id === 'cek-bansos-resmi')!.media[0]!;
    const item = sampleItem('gambar-salah', {
      media: [{ ...served, id: 'g1', sha256: 'ab'.repeat(32) }],
    });
    server.upsert(item);
    const db = freshDb();
    const state = await syncLibrary({ db, settings: settingsFor(server.url) });
    const row = await db.media.get('ab'.repeat(32));
    expect(row?.state).toBe('rejected');
    expect(row?.blob).toBeUndefined();
    expect(state.mediaProblems).toBe(1);
  });

  it('resumes after a stop mid-sync from the last committed page, without duplicates', async () => {
    server = await startLibraryServer({ contentDir, pageSize: 5 });
    const db = freshDb();
    const settings = settingsFor(server.url);
    let calls = 0;
    const dying: typeof fetch = async (input, init) => {
      if (String(input).includes('/v1/feed') && ++calls === 4) throw new Error('service worker stopped');
      return fetch(input, init);
    };
    await expect(syncLibrary({ db, settings, fetch: dying })).rejects.toBeTruthy();
    expect((await storedItems(db)).length).toBe(15);
    const before = server.stats.feedRequests;
    await syncLibrary({ db, settings });
    expect(server.stats.feedRequests - before).toBe(4); // pages 4..7 only
    expect((await storedItems(db)).length).toBe(32);
  });

  it('asks for the next page while the current one is being stored', async () => {
    server = await startLibraryServer({ contentDir, pageSize: 5 });
    const db = freshDb();
    let pagesStored = 0;
    const storedWhenAsked: number[] = [];
    const watching: typeof fetch = async (input, init) => {
      if (String(input).includes('/v1/feed')) storedWhenAsked.push(pagesStored);
      return fetch(input, init);
    };
    await syncLibrary({ db, settings: settingsFor(server.url), fetch: watching, onPageApplied: () => void pagesStored++ });
    // Page n+1 is requested before page n is in: one page behind, never two (nothing runs ahead unstored).
    expect(storedWhenAsked).toEqual([0, 0, 1, 2, 3, 4, 5]);
    expect((await storedItems(db)).length).toBe(32);
  });

  it('stores every page before a broken page read ahead, then stops there and resumes from it', async () => {
    server = await startLibraryServer({ contentDir, pageSize: 5 });
    const db = freshDb();
    const settings = settingsFor(server.url);
    let feedCalls = 0;
    // The third page is read (parsed, validated) while the second is stored: its fault must not
    // overtake the second page's commit.
    const breaksThirdPage: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (!String(input).includes('/v1/feed') || ++feedCalls !== 3) return res;
      return new Response((await res.text()).slice(0, 40), { status: 200, headers: res.headers });
    };
    await expect(syncLibrary({ db, settings, fetch: breaksThirdPage })).rejects.toMatchObject({ code: 'format' });
    expect((await storedItems(db)).length).toBe(10);
    const before = server.stats.feedRequests;
    await syncLibrary({ db, settings });
    expect(server.stats.feedRequests - before).toBe(5); // pages 3..7 only
    expect((await storedItems(db)).length).toBe(32);
  });

  it('replaces the library only once a different library has answered', async () => {
    server = await startLibraryServer({ items: [sampleItem('lama')] });
    const other = await startLibraryServer({ items: [sampleItem('baru')] });
    const db = freshDb();
    await syncLibrary({ db, settings: settingsFor(server.url) });
    other.setFault('error500');
    await expect(syncLibrary({ db, settings: settingsFor(other.url) })).rejects.toMatchObject({ code: 'http' });
    expect((await storedItems(db)).map((i) => i.id)).toEqual(['lama']);
    other.setFault('none');
    await syncLibrary({ db, settings: settingsFor(other.url) });
    expect((await storedItems(db)).map((i) => i.id)).toEqual(['baru']);
    await other.close();
  });

  it('retries a failed image download after its backoff and then caches it', async () => {
    server = await startLibraryServer({ contentDir });
    const db = freshDb();
    const settings = settingsFor(server.url);
    const offlineImages: typeof fetch = async (input, init) => {
      if (String(input).includes('/media/')) throw new TypeError('Failed to fetch');
      return fetch(input, init);
    };
    const t0 = new Date('2026-11-23T08:00:00Z');
    const first = await syncLibrary({ db, settings, fetch: offlineImages, now: () => t0 });
    expect(first.mediaProblems).toBe(16);
    expect(describeSyncState(first, 31)).toContain('16 gambar belum tersedia');
    // Within the backoff nothing is retried; after it, everything arrives.
    const soon = await syncLibrary({ db, settings, now: () => new Date(t0.getTime() + 10_000) });
    expect(soon.mediaProblems).toBe(16);
    const later = await syncLibrary({ db, settings, now: () => new Date(t0.getTime() + 10 * 60_000) });
    expect(later.mediaProblems).toBe(0);
    expect(await db.media.where('state').equals('ok').count()).toBe(16);
  });

  it('in data-saver mode syncs text and signed thumbnails, downloads no full image, and lists every card with its thumbnail', async () => {
    server = await startLibraryServer({ contentDir });
    const db = freshDb();
    const settings = settingsFor(server.url);
    const state = await syncLibrary({ db, settings, dataSaver: true });
    expect(server.mediaLog).toEqual([]);
    expect(await db.media.where('state').equals('pending').count()).toBe(16);
    expect(state.mediaProblems).toBe(0);
    expect(describeSyncState(state, 31)).toContain('Hemat data aktif');
    const cards = queryLibrary(await storedItems(db), { platform: 'instagram' }, settings, new Date('2026-11-23T00:00:00Z'), {
      media: () => ({ state: 'pending' }),
      onDemand: true,
    });
    const withImage = cards.filter((c) => c.image);
    expect(withImage).toHaveLength(16);
    for (const card of withImage) expect(card.image).toMatchObject({ available: false, onDemand: true, fetchable: true, thumb: expect.stringMatching(/^data:image\/jpeg;base64,/) });

    // Turned off: the next sync downloads them all.
    const after = await syncLibrary({ db, settings });
    expect(after.mediaProblems).toBe(0);
    expect(await db.media.where('state').equals('ok').count()).toBe(16);
    expect(server.mediaLog).toHaveLength(16);
  });
});
