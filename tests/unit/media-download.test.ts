// Image downloads over a bad link (the dev server's slow-link simulator): a cut download resumes
// from its kept bytes with a Range request, a slow but steady one is never given up, urgent and new
// images come first, and an image the officer waits for overtakes the others.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startLibraryServer, type LibraryServer } from '../../library/server';
import type { SlowLinkOptions } from '../../library/slow-link';
import { demandMedia, downloadMissingMedia, markPendingMedia, mediaProgress } from '../../utils/background/media-cache';
import type { ContentItem } from '../../utils/shared/schema';
import { openDb, type HumasDb } from '../../utils/storage/db';
import { eventually } from '../support/eventually';
import { sampleItem } from '../support/sample-items';
import { putItem } from '../support/stored-items';

const dir = mkdtempSync(join(tmpdir(), 'hk-media-dl-'));
let server: LibraryServer | undefined;
afterEach(() => server?.close());

/** Items with an image of `size` random bytes each, served by the dev server through `link`. */
async function library(specs: { id: string; size: number; priority?: 'urgent' | 'normal'; publishedAt?: string }[], link?: SlowLinkOptions) {
  const files = new Map<string, { path: string; mime: string }>();
  const items: ContentItem[] = specs.map((spec) => {
    const bytes = randomBytes(spec.size);
    const path = join(dir, `${spec.id}.png`);
    writeFileSync(path, bytes);
    files.set(`media/${spec.id}.png`, { path, mime: 'image/png' });
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    return sampleItem(spec.id, {
      priority: spec.priority ?? 'normal', publishedAt: spec.publishedAt ?? '2026-11-20T08:00:00+07:00',
      media: [{ id: `${spec.id}-1`, url: `media/${spec.id}.png`, mime: 'image/png', sha256, bytes: spec.size, width: 1080, height: 1350, alt: spec.id }],
    });
  });
  server = await startLibraryServer({ items, files, link });
  return { server, items };
}

let n = 0;
async function storeItems(items: ContentItem[]): Promise<HumasDb> {
  const db = openDb(`media-dl-${++n}`);
  for (const item of items) await putItem(db, { ...item, mediaShas: item.media.map((m) => m.sha256), publishedMs: Date.parse(item.publishedAt), storedAt: '' });
  await markPendingMedia(db, items.flatMap((i) => i.media.map((m) => m.sha256)));
  return db;
}

const deps = (db: HumasDb, url: string, timeoutMs = 5000) => ({ db, libraryUrl: url, fetch: fetch.bind(globalThis), now: () => new Date(), timeoutMs });

describe('media downloads on a bad link', () => {
  it('resumes a download cut at half from its byte offset at once, and the stored bytes match the sha256', async () => {
    const { server, items } = await library([{ id: 'infografis', size: 400_000 }], { bytesPerSecond: 10_000_000, cutMediaAfterBytes: 200_000 });
    const db = await storeItems(items);
    // The link broke after bytes came: no backoff, the download continues from what arrived.
    expect((await downloadMissingMedia(deps(db, server.url))).unavailable).toBe(0);
    const [cut, resumed] = server.mediaLog;
    expect(cut).toMatchObject({ status: 200, bytes: 200_000 });
    expect(cut?.range).toBeUndefined();
    // What arrived before the cut is kept (the last bytes in flight may be lost with the connection).
    const offset = Number(resumed?.range?.match(/^bytes=(\d+)-$/)?.[1]);
    expect(offset).toBeGreaterThan(150_000);
    expect(offset).toBeLessThanOrEqual(200_000);
    expect(resumed).toMatchObject({ status: 206, bytes: 400_000 - offset });
    expect(server.mediaLog).toHaveLength(2);
    const sha = items[0]!.media[0]!.sha256;
    const stored = await db.media.get(sha);
    expect(stored?.state).toBe('ok');
    expect(stored?.partial).toBeUndefined();
    const bytes = new Uint8Array(await stored!.blob!.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(sha);
  });

  it('waits for the backoff when a download broke before any byte came (the link is down, not flaky)', async () => {
    const { server, items } = await library([{ id: 'putus', size: 50_000 }], { bytesPerSecond: 10_000_000, cutMediaAfterBytes: 0 });
    const db = await storeItems(items);
    expect((await downloadMissingMedia(deps(db, server.url))).unavailable).toBe(1);
    expect(server.mediaLog).toHaveLength(1);
    const sha = items[0]!.media[0]!.sha256;
    expect(await db.media.get(sha)).toMatchObject({ state: 'failed', attempts: 1 });
    await db.media.update(sha, { nextAttemptAt: 0 });
    expect((await downloadMissingMedia(deps(db, server.url))).unavailable).toBe(0);
    expect(server.mediaLog.map((r) => r.status)).toEqual([200, 200]);
  });

  it('never gives up a slow download that keeps moving, however long it takes in total', async () => {
    // 60 KB at 20 KB/s: three seconds, with a "no byte for 1 s" limit.
    const { server, items } = await library([{ id: 'lambat', size: 60_000 }], { bytesPerSecond: 20_000, latencyMs: 300 });
    const db = await storeItems(items);
    const started = Date.now();
    expect((await downloadMissingMedia(deps(db, server.url, 1000))).unavailable).toBe(0);
    expect(Date.now() - started).toBeGreaterThan(2500);
  });

  it('downloads urgent images first, then the newest, two at a time', async () => {
    const { server, items } = await library([
      { id: 'lama', size: 20_000, publishedAt: '2026-11-01T08:00:00Z' },
      { id: 'baru', size: 20_000, publishedAt: '2026-11-24T08:00:00Z' },
      { id: 'sedang', size: 20_000, publishedAt: '2026-11-10T08:00:00Z' },
      { id: 'mendesak', size: 20_000, priority: 'urgent', publishedAt: '2026-11-02T08:00:00Z' },
    ]);
    const db = await storeItems(items);
    await downloadMissingMedia(deps(db, server.url));
    expect(server.mediaLog.map((r) => r.path)).toEqual(['/media/mendesak.png', '/media/baru.png', '/media/sedang.png', '/media/lama.png']);
  });

  it('lets the image the officer waits for overtake the running downloads, which resume afterwards', async () => {
    const { server, items } = await library(
      [{ id: 'satu', size: 96_000, publishedAt: '2026-11-24T08:00:00Z' }, { id: 'dua', size: 96_000, publishedAt: '2026-11-23T08:00:00Z' }, { id: 'ditunggu', size: 64_000, publishedAt: '2026-11-01T08:00:00Z' }],
      { bytesPerSecond: 64_000 },
    );
    const db = await storeItems(items);
    const all = downloadMissingMedia(deps(db, server.url));
    // The queue is busy: both running downloads have bytes in (not a guess at how long that takes).
    const [satu, dua, ditunggu] = items.map((item) => item.media[0]!.sha256);
    await eventually(async () => [satu, dua].every((sha) => (mediaProgress(db, sha!)?.received ?? 0) > 0), (busy) => busy, 10_000, 10);
    expect(await demandMedia(deps(db, server.url), ditunggu!)).toBe('ok');
    // It overtook them: they were paused, not finished, and resumed from their kept bytes after it
    // (the ranged requests below; without the pause there would be none).
    expect([(await db.media.get(satu!))?.state, (await db.media.get(dua!))?.state]).not.toContain('ok');
    expect((await all).unavailable).toBe(0);
    const log = server.mediaLog.map((r) => `${r.path}${r.range ? ' ' + r.range : ''}`);
    expect(log.slice(0, 3)).toEqual(['/media/satu.png', '/media/dua.png', '/media/ditunggu.png']);
    expect(log.slice(3).every((line) => / bytes=\d+-$/.test(line))).toBe(true);
    for (const item of items) expect((await db.media.get(item.media[0]!.sha256))?.state).toBe('ok');
  });
});
