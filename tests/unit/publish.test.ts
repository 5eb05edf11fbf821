// The publisher: validation per file, byte-identical output, signatures the extension accepts,
// tombstones, and a static host the extension syncs from.
import { createHash, generateKeyPairSync } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rawPublicKeyBase64 } from '../../library/keys';
import { publishLibrary } from '../../library/publish';
import { verifyFeedSignature } from '../../utils/shared/crypto';
import { openDb } from '../../utils/storage/db';
import { mergeSettings } from '../../utils/shared/settings';
import { syncLibrary } from '../../utils/background/sync';
import { startStaticHost } from '../support/static-host';
import { storedItems, storedItem } from '../support/stored-items';

const SAMPLE = new URL('../../library/content/', import.meta.url).pathname;
const NOW = new Date('2026-11-23T00:00:00Z');

function copyOfSample(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hk-content-'));
  cpSync(SAMPLE, dir, { recursive: true });
  return dir;
}

describe('publishLibrary', () => {
  it('publishes the sample library with content-addressed media, byte-identical on a re-run', async () => {
    const out1 = mkdtempSync(join(tmpdir(), 'hk-out-'));
    const out2 = mkdtempSync(join(tmpdir(), 'hk-out-'));
    // Separate image caches: the second run encodes every image again and must get the same bytes.
    const a = await publishLibrary(SAMPLE, out1, { now: NOW, prepCache: mkdtempSync(join(tmpdir(), 'hk-prep-')) });
    const b = await publishLibrary(SAMPLE, out2, { now: NOW, prepCache: mkdtempSync(join(tmpdir(), 'hk-prep-')) });
    expect(a).toMatchObject({ items: 32, tombstones: 1, drafts: 0, problems: [] });
    expect(readFileSync(join(out1, 'v1/feed'))).toEqual(readFileSync(join(out2, 'v1/feed')));
    const feed = JSON.parse(readFileSync(join(out1, 'v1/feed'), 'utf8'));
    expect(feed.hasMore).toBe(false);
    const media = feed.items.find((i: { id: string }) => i.id === 'cek-bansos-resmi').media[0];
    // The editor's 1080×1350 PNG (~390 KB) → a platform-ready JPEG, a thumbnail in the item, the original kept.
    expect(media).toMatchObject({ mime: 'image/jpeg', width: 1080, height: 1350, original: { mime: 'image/png', width: 1080, height: 1350 } });
    expect(media.url).toBe(`media/${media.sha256}.jpg`);
    expect(media.bytes).toBeLessThanOrEqual(300_000);
    expect(media.original.bytes).toBeGreaterThan(300_000);
    const served = readFileSync(join(out1, media.url));
    expect(served.length).toBe(media.bytes);
    expect(createHash('sha256').update(served).digest('hex')).toBe(media.sha256);
    expect(createHash('sha256').update(readFileSync(join(out1, media.original.url))).digest('hex')).toBe(media.original.sha256);
    expect(Buffer.from(media.thumbnail.split(',')[1], 'base64').length).toBeLessThanOrEqual(8_000);
    for (const item of feed.items) for (const m of item.media) expect(readFileSync(join(out2, m.url))).toEqual(readFileSync(join(out1, m.url)));
   }, 60_000);

  it('reports each bad file in Indonesian and English, publishes the rest, and skips drafts', async () => {
    const dir = copyOfSample();
    writeFileSync(join(dir, 'items/rusak.json'), '{ "id": "rusak", ');
    writeFileSync(join(dir, 'items/tanpa-judul.json'), JSON.stringify({ id: 'tanpa-judul', version: 1, title: '', program: 'X', tags: [], kind: 'berita', publishedAt: '2026-11-20T00:00:00Z', captions: { default: 'a' }, hashtags: [], media: [] }));
    writeFileSync(join(dir, 'items/draf-baru.json'), JSON.stringify({ id: 'draf-baru', draft: true }));
    const result = await publishLibrary(dir, mkdtempSync(join(tmpdir(), 'hk-out-')), { now: NOW });
    expect(result.items).toBe(32);
    expect(result.drafts).toBe(1);
    expect(result.problems.map((p) => p.file)).toEqual(['items/rusak.json', 'items/tanpa-judul.json']);
    expect(result.problems[0]?.message).toMatch(/^JSON tidak valid \/ invalid JSON/);
    expect(result.problems[1]?.message).toMatch(/^isi tidak valid \/ invalid content: title/);
  });

  it('signs the exact bytes: the extension accepts them and rejects a tampered feed', async () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const out = mkdtempSync(join(tmpdir(), 'hk-out-'));
    const result = await publishLibrary(SAMPLE, out, { now: NOW, signingKey: privateKey });
    const body = new Uint8Array(readFileSync(join(out, 'v1/feed')));
    expect(readFileSync(join(out, '_headers'), 'utf8')).toContain(`X-Library-Signature: ${result.signature}`);
    expect(await verifyFeedSignature(rawPublicKeyBase64(privateKey), result.signature!, body)).toBe(true);
    body[100] = body[100]! ^ 1;
    expect(await verifyFeedSignature(rawPublicKeyBase64(privateKey), result.signature!, body)).toBe(false);
  });

  it('keeps tombstones for 90 days and drops older ones', async () => {
    const dir = copyOfSample();
    writeFileSync(join(dir, 'removed.json'), JSON.stringify([
      { id: 'baru-ditarik', reason: 'withdrawn', removedAt: '2026-11-01T00:00:00Z' },
      { id: 'lama-sekali', reason: 'expired', removedAt: '2026-06-01T00:00:00Z' },
    ]));
    const out = mkdtempSync(join(tmpdir(), 'hk-out-'));
    await publishLibrary(dir, out, { now: NOW });
    expect(JSON.parse(readFileSync(join(out, 'v1/feed'), 'utf8')).removed).toEqual([{ id: 'baru-ditarik', reason: 'withdrawn' }]);
  });

  it('the extension syncs from a plain static host: unchanged snapshots change nothing, a republished withdrawal removes the item', async () => {
    const dir = copyOfSample();
    const out = mkdtempSync(join(tmpdir(), 'hk-out-'));
    const { privateKey } = generateKeyPairSync('ed25519');
    await publishLibrary(dir, out, { now: NOW, signingKey: privateKey });
    const host = await startStaticHost(out);
    try {
      const db = openDb('publish-static');
      const settings = mergeSettings({ libraryUrl: host.url, publicKey: rawPublicKeyBase64(privateKey) }, {});
      await syncLibrary({ db, settings });
      expect((await storedItems(db)).length).toBe(32);
      expect(await db.media.where('state').equals('ok').count()).toBe(16);
      const before = await storedItem(db, 'kur-umkm-bunga-rendah');
      await syncLibrary({ db, settings });
      expect(await storedItem(db, 'kur-umkm-bunga-rendah')).toEqual(before);

      // Withdraw by republishing: the item file goes, a tombstone comes.
      const { rmSync } = await import('node:fs');
      rmSync(join(dir, 'items/kur-umkm-bunga-rendah.json'));
      writeFileSync(join(dir, 'removed.json'), JSON.stringify([{ id: 'kur-umkm-bunga-rendah', reason: 'withdrawn', removedAt: '2026-11-22T00:00:00Z' }]));
      await publishLibrary(dir, out, { now: NOW, signingKey: privateKey });
      await syncLibrary({ db, settings });
      expect(await storedItem(db, 'kur-umkm-bunga-rendah')).toBeUndefined();
      expect(await db.withdrawn.get('kur-umkm-bunga-rendah')).toMatchObject({ reason: 'withdrawn' });
      expect((await storedItems(db)).length).toBe(31);
    } finally {
      await host.close();
    }
  });

  it('site-hints.json: published in the feed and as a hints file of the static index, taken by the sync once; an invalid file is a problem and is not published', async () => {
    const dir = copyOfSample();
    const out = mkdtempSync(join(tmpdir(), 'hk-out-'));
    const { privateKey } = generateKeyPairSync('ed25519');
    const hints = { x: { editor: ['[data-testid="tweetTextarea_9"]'], postButton: ['[data-testid="tweetButton"]'] } };
    writeFileSync(join(dir, 'site-hints.json'), JSON.stringify(hints));
    const first = await publishLibrary(dir, out, { now: NOW, signingKey: privateKey });
    expect(first.problems).toEqual([]);
    expect(JSON.parse(readFileSync(join(out, 'v1', 'feed'), 'utf8')).siteHints).toEqual(hints);
    const host = await startStaticHost(out);
    try {
      const db = openDb('publish-hints');
      const settings = mergeSettings({ libraryUrl: host.url, publicKey: rawPublicKeyBase64(privateKey) }, {});
      const taken: { hints: unknown; sequence?: number }[] = [];
      const onSiteHints = (h: unknown, sequence: number | undefined) => void taken.push({ hints: h, sequence });
      await syncLibrary({ db, settings, onSiteHints, separateMedia: true });
      expect(taken).toEqual([{ hints, sequence: first.static.sequence }]);
      await syncLibrary({ db, settings, onSiteHints, separateMedia: true });
      expect(taken).toHaveLength(1); // the same file is not taken twice

      // Changed hints are a new publication, whose index names the new file.
      const next = { x: { editor: ['[data-testid="tweetTextarea_10"]'] } };
      writeFileSync(join(dir, 'site-hints.json'), JSON.stringify(next));
      const second = await publishLibrary(dir, out, { now: NOW, signingKey: privateKey });
      expect(second.static.sequence).toBe(first.static.sequence + 1);
      await syncLibrary({ db, settings, onSiteHints, separateMedia: true });
      expect(taken.at(-1)).toEqual({ hints: next, sequence: second.static.sequence });

      writeFileSync(join(dir, 'site-hints.json'), JSON.stringify({ x: { editor: ['.kelas-css'] } }));
      const refused = await publishLibrary(dir, out, { now: NOW, signingKey: privateKey });
      expect(refused.problems).toEqual([{ file: 'site-hints.json', message: expect.stringContaining('isi tidak valid / invalid content: x.editor.0') }]);
      expect(JSON.parse(readFileSync(join(out, 'v1', 'feed'), 'utf8')).siteHints).toBeUndefined();
    } finally {
      await host.close();
    }
  });
});
