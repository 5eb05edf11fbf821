// The static layout (docs/static-format.md): a signed index over content-addressed pages, thumbnail
// packs and deltas; unchanged content changes no byte; deltas reach clients weeks behind; old files go.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { loadPrivateKey } from '../../library/keys';
import { publishLibrary } from '../../library/publish';
import { writeStaticLayout } from '../../library/static-layout';
import { latestPublication, readHistory } from '../../library/static-history';
import { verifyFeedSignature } from '../../utils/shared/crypto';
import type { ContentItem } from '../../utils/shared/schema';
import {
  planStaticSync,
  SignedIndexFileSchema,
  StaticDeltaSchema,
  StaticIndexSchema,
  StaticPageSchema,
  ThumbPackSchema,
  type FileRef,
  type StaticIndex,
} from '../../utils/shared/static-format';
import { generatedItems } from '../support/generated-library';
import { startStaticHost } from '../support/static-host';

const SAMPLE = new URL('../../library/content/', import.meta.url).pathname;
const DEV_KEY = new URL('../../library/dev-keys/', import.meta.url).pathname;
const signingKey = loadPrivateKey(readFileSync(`${DEV_KEY}dev-ed25519-private.pem`, 'utf8'));
const publicKey = readFileSync(`${DEV_KEY}dev-ed25519-public.txt`, 'utf8').trim();
const NOW = new Date('2026-11-23T00:00:00Z');
const DAY = 86_400_000;
const at = (days: number) => new Date(NOW.getTime() + days * DAY);
const tempDir = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));

function readIndex(out: string): { file: { signature?: string; index: string }; index: StaticIndex } {
  const file = SignedIndexFileSchema.parse(JSON.parse(readFileSync(join(out, 'v1/index.json'), 'utf8')));
  return { file, index: StaticIndexSchema.parse(JSON.parse(file.index)) };
}

/** A referenced file's bytes, checked against its address as a client checks them. */
function readRef(out: string, ref: FileRef): Buffer {
  const body = readFileSync(join(out, ref.path));
  expect(body.length).toBe(ref.bytes);
  expect(createHash('sha256').update(body).digest('hex')).toBe(ref.sha256);
  expect(ref.path).toBe(`v1/static/${ref.path.split('/')[2]}/${ref.sha256}.json`);
  return body;
}
const readJson = (out: string, ref: FileRef) => JSON.parse(readRef(out, ref).toString('utf8'));
const gzipBytes = (body: Buffer) => gzipSync(body).length;

/** Publishes generated items straight through the writer, one publication after the history's last. */
function publishItems(out: string, items: ContentItem[], when: Date, removed: { id: string; reason: 'withdrawn' }[] = []) {
  const history = readHistory(out);
  const sequence = (latestPublication(history)?.sequence ?? 0) + 1;
  const publication = { sequence, issuedAt: when.toISOString() };
  return writeStaticLayout(out, { items, tombstones: removed, reasons: new Map(), publisher: 'Uji', publication, history, signingKey, now: when });
}

/** Every file of the output folder with its bytes, and for the static layout when it was last written. */
function folderState(out: string): Map<string, { bytes: string; mtime?: number }> {
  const state = new Map<string, { bytes: string; mtime?: number }>();
  for (const name of readdirSync(out, { recursive: true }) as string[]) {
    const path = join(out, name);
    const ours = name === 'v1/index.json' || name.startsWith('v1/static/');
    if (statSync(path).isFile()) state.set(name, { bytes: readFileSync(path, 'base64'), mtime: ours ? statSync(path).mtimeMs : undefined });
  }
  return state;
}

const staticFiles = (out: string) => ['pages', 'thumbs', 'deltas'].flatMap((kind) => (existsSync(join(out, 'v1/static', kind)) ? readdirSync(join(out, 'v1/static', kind)).map((n) => `v1/static/${kind}/${n}`) : []));
const referencedFiles = (index: StaticIndex) => [...index.snapshot.pages, ...index.snapshot.thumbs, ...index.deltas].flatMap((ref) => (ref ? [ref.path] : []));
const bump = (item: ContentItem, title: string): ContentItem => ({ ...item, version: item.version + 1, title });

describe('static layout', () => {
  it('publishes the sample library as a signed index over content-addressed pages and thumbnail packs', async () => {
    const out = tempDir('hk-static-');
    const result = await publishLibrary(SAMPLE, out, { now: NOW, signingKey });
    const { file, index } = readIndex(out);
    const indexBytes = new TextEncoder().encode(file.index);
    expect(await verifyFeedSignature(publicKey, file.signature!, indexBytes)).toBe(true);
    indexBytes[40] = indexBytes[40]! ^ 1;
    expect(await verifyFeedSignature(publicKey, file.signature!, indexBytes)).toBe(false);
    expect(result.static).toEqual({ indexBytes: readFileSync(join(out, 'v1/index.json')).length, pages: 1, deltas: 0, sequence: 1 });

    const feed = JSON.parse(readFileSync(join(out, 'v1/feed'), 'utf8'));
    expect(feed).toMatchObject({ since: '', sequence: index.sequence, issuedAt: index.issuedAt });
    expect(index).toMatchObject({ since: '', sequence: 1, publisher: feed.publisher });

    // Pages without thumbnails plus their packs give back exactly the feed's items.
    const rebuilt: ContentItem[] = [];
    index.snapshot.pages.forEach((ref, i) => {
      const page = StaticPageSchema.parse(readJson(out, ref));
      expect(page.items.length).toBe(ref.items);
      expect(page.removed).toEqual(i === 0 ? feed.removed : []);
      const packRef = index.snapshot.thumbs[i];
      const pack = packRef ? ThumbPackSchema.parse(readJson(out, packRef)).thumbs : {};
      for (const item of page.items as ContentItem[]) {
        for (const media of item.media) expect(media.thumbnail).toBeUndefined();
        rebuilt.push({ ...item, media: item.media.map((m) => ({ ...m, ...(pack[m.sha256] ? { thumbnail: pack[m.sha256] } : {}) })) });
      }
    });
    const byId = (a: ContentItem, b: ContentItem) => a.id.localeCompare(b.id);
    expect(rebuilt.sort(byId)).toEqual([...feed.items].sort(byId));
    expect(Object.keys(readJson(out, index.snapshot.thumbs[0]!).thumbs)).toHaveLength(16);

    const headers = readFileSync(join(out, '_headers'), 'utf8');
    expect(headers).toContain('/v1/index.json\n  Content-Type: application/json; charset=utf-8\n  Access-Control-Allow-Origin: *\n  Access-Control-Expose-Headers: ETag\n  Cache-Control: no-cache\n');
    expect(headers).toContain('/v1/static/*\n  Content-Type: application/json; charset=utf-8\n  Access-Control-Allow-Origin: *\n  Access-Control-Expose-Headers: ETag, Content-Range\n  Cache-Control: public, max-age=31536000, immutable\n');
  }, 60_000);

  it('unchanged content changes no byte; a change, a withdrawal and a refresh each travel as a small delta', async () => {
    const content = tempDir('hk-static-content-');
    cpSync(SAMPLE, content, { recursive: true });
    const out = tempDir('hk-static-out-');
    await publishLibrary(content, out, { now: NOW, signingKey });
    const before = folderState(out);
    await publishLibrary(content, out, { now: at(1), signingKey });
    expect(folderState(out)).toEqual(before);

    // One item changed: publication 2, and a delta from 1 with exactly that item, thumbnail inline.
    const itemFile = join(content, 'items/cek-bansos-resmi.json');
    writeFileSync(itemFile, JSON.stringify({ ...JSON.parse(readFileSync(itemFile, 'utf8')), version: 2, title: 'Cek Bansos: Judul Baru' }));
    await publishLibrary(content, out, { now: at(2), signingKey });
    let { index } = readIndex(out);
    expect(index.sequence).toBe(2);
    expect(JSON.parse(readFileSync(join(out, 'v1/feed'), 'utf8')).sequence).toBe(2);
    const plan = planStaticSync(index, 1);
    expect(plan).toMatchObject({ kind: 'delta', delta: { from: 1 } });
    const delta = StaticDeltaSchema.parse(readJson(out, index.deltas[0]!));
    expect(delta).toMatchObject({ from: 1, to: 2, removed: [] });
    expect((delta.items as ContentItem[]).map((i) => [i.id, i.version, i.title])).toEqual([['cek-bansos-resmi', 2, 'Cek Bansos: Judul Baru']]);
    expect((delta.items as ContentItem[])[0]!.media[0]!.thumbnail).toMatch(/^data:image\/jpeg;base64,/);
    expect(gzipBytes(readRef(out, index.deltas[0]!))).toBeLessThan(3_000);

    // A withdrawal: in the delta's removed, on no page.
    rmSync(join(content, 'items/kur-umkm-bunga-rendah.json'));
    writeFileSync(join(content, 'removed.json'), JSON.stringify([{ id: 'kur-umkm-bunga-rendah', reason: 'expired', removedAt: at(3).toISOString() }]));
    await publishLibrary(content, out, { now: at(3), signingKey });
    ({ index } = readIndex(out));
    expect(index.deltas.map((d) => d.from)).toEqual([2, 1]);
    const fromTwo = StaticDeltaSchema.parse(readJson(out, index.deltas[0]!));
    expect(fromTwo).toMatchObject({ from: 2, to: 3, items: [], removed: [{ id: 'kur-umkm-bunga-rendah', reason: 'expired' }] });
    const fromOne = StaticDeltaSchema.parse(readJson(out, index.deltas[1]!));
    expect((fromOne.items as ContentItem[]).map((i) => i.id)).toEqual(['cek-bansos-resmi']);
    expect(fromOne.removed).toEqual([{ id: 'kur-umkm-bunga-rendah', reason: 'expired' }]);
    for (const ref of index.snapshot.pages) expect((readJson(out, ref).items as ContentItem[]).map((i) => i.id)).not.toContain('kur-umkm-bunga-rendah');

    // A refresh: a new number, an empty change set; clients one, two and three behind each get a delta.
    await publishLibrary(content, out, { now: at(4), signingKey, refresh: true });
    ({ index } = readIndex(out));
    expect(index.sequence).toBe(4);
    expect(index.deltas.map((d) => d.from)).toEqual([3, 2, 1]);
    expect(readJson(out, index.deltas[0]!)).toEqual({ from: 3, to: 4, items: [], removed: [] });
    for (const accepted of [1, 2, 3]) {
      const picked = planStaticSync(index, accepted);
      expect(picked).toMatchObject({ kind: 'delta', delta: { from: accepted } });
    }
    expect(planStaticSync(index, 4)).toEqual({ kind: 'current' });
  }, 60_000);

  it('v1/feed and the index share one sequence, also when one of them is missing; an invalid history stops the publisher', async () => {
    const out = tempDir('hk-static-sequence-');
    await publishLibrary(SAMPLE, out, { now: NOW, signingKey });
    rmSync(join(out, 'v1/feed'));
    await publishLibrary(SAMPLE, out, { now: at(1), signingKey });
    const feed = JSON.parse(readFileSync(join(out, 'v1/feed'), 'utf8'));
    expect([feed.sequence, readIndex(out).index.sequence]).toEqual([2, 2]);
    writeFileSync(join(out, 'v1/static/history.json'), '{"schema":1}');
    await expect(publishLibrary(SAMPLE, out, { now: at(2), signingKey })).rejects.toThrow(/history.json tidak valid \/ is invalid/);
    expect(JSON.parse(readFileSync(join(out, 'v1/feed'), 'utf8')).sequence).toBe(2);
  }, 60_000);

  it('the first page holds every urgent item and the newest 100; then 500 a page, newest first', () => {
    const out = tempDir('hk-static-pages-');
    const items = generatedItems(1_234, { urgentEvery: 200 });
    const urgent = items.filter((i) => i.priority === 'urgent').map((i) => i.id);
    expect(urgent).toHaveLength(7);
    publishItems(out, items, NOW);
    const { index } = readIndex(out);
    const pages = index.snapshot.pages.map((ref) => (readJson(out, ref).items as ContentItem[]).map((i) => i.id));
    const newestFirst = [...items].filter((i) => i.priority !== 'urgent').sort((a, b) => Date.parse(b.publishedAt) - Date.parse(a.publishedAt) || a.id.localeCompare(b.id)).map((i) => i.id);
    expect(pages[0]!.slice(0, 7).sort()).toEqual(urgent.sort());
    expect(pages[0]!.slice(7)).toEqual(newestFirst.slice(0, 100));
    expect(pages.slice(1)).toEqual([newestFirst.slice(100, 600), newestFirst.slice(600, 1100), newestFirst.slice(1100)]);
    expect(index.snapshot.pages.map((p) => p.items)).toEqual([107, 500, 500, 127]);
    // Thumbnails only in the packs, one pack per page holding that page's thumbnails.
    index.snapshot.pages.forEach((ref, i) => {
      const page = readJson(out, ref).items as ContentItem[];
      expect(page.flatMap((item) => item.media.filter((m) => m.thumbnail))).toEqual([]);
      expect(Object.keys(readJson(out, index.snapshot.thumbs[i]!).thumbs).sort()).toEqual(page.flatMap((item) => item.media.map((m) => m.sha256)).sort());
    });
  });

  it('deltas reach back 60 days from N-1, N-2, N-4, … and the oldest; a client older than every delta gets the snapshot', () => {
    const out = tempDir('hk-static-deltas-');
    let items = generatedItems(50);
    for (let n = 1; n <= 10; n++) {
      if (n > 1) items = items.map((item, i) => (i === n ? bump(item, `Diubah ${n}`) : item));
      publishItems(out, items, at(n));
    }
    let { index } = readIndex(out);
    expect(index.deltas.map((d) => d.from)).toEqual([9, 8, 6, 2, 1]);
    const pick = (accepted: number) => planStaticSync(index, accepted);
    expect([7, 5, 3, 1].map((accepted) => pick(accepted))).toMatchObject([6, 2, 2, 1].map((from) => ({ kind: 'delta', delta: { from } })));
    expect((readJson(out, index.deltas.find((d) => d.from === 6)!).items as ContentItem[]).map((i) => i.id)).toEqual([items[7]!.id, items[8]!.id, items[9]!.id, items[10]!.id].sort());

    // An item changed in 9 and withdrawn in 11: only a removal for a client at 7.
    const withdrawn = items[9]!.id;
    items = items.filter((item) => item.id !== withdrawn);
    publishItems(out, items, at(11), [{ id: withdrawn, reason: 'withdrawn' }]);
    ({ index } = readIndex(out));
    const fromSeven = readJson(out, index.deltas.find((d) => d.from === 7)!);
    expect(fromSeven.items.map((i: ContentItem) => i.id)).toEqual([items[8]!.id, items[9]!.id]);
    expect(fromSeven.removed).toEqual([{ id: withdrawn, reason: 'withdrawn' }]);

    // 70 days later: publications 1–11 are too old to be a base; every client before 12 takes the snapshot.
    publishItems(out, items.map((item, i) => (i === 20 ? bump(item, 'Lama sekali') : item)), at(81));
    ({ index } = readIndex(out));
    expect(index.deltas).toEqual([]);
    expect(planStaticSync(index, 11)).toEqual({ kind: 'snapshot' });
    expect(planStaticSync(index, undefined)).toEqual({ kind: 'snapshot' });
  });

  it('an item may be called constructor: its removal still travels', () => {
    const out = tempDir('hk-static-names-');
    const [kept, named] = generatedItems(2);
    publishItems(out, [kept!, { ...named!, id: 'constructor' }], NOW);
    publishItems(out, [kept!], at(1), [{ id: 'constructor', reason: 'withdrawn' }]);
    expect(readJson(out, readIndex(out).index.deltas[0]!).removed).toEqual([{ id: 'constructor', reason: 'withdrawn' }]);
  });

  it('keeps a replaced publication’s files for 7 days, then deletes every file no recent index names', () => {
    const out = tempDir('hk-static-retention-');
    let items = generatedItems(30);
    const publish = (day: number, changed: number) => {
      items = items.map((item, i) => (i === changed ? bump(item, `Hari ${day}`) : item));
      publishItems(out, items, at(day));
      return referencedFiles(readIndex(out).index);
    };
    const first = publish(0, -1);
    const second = publish(1, 3);
    const stray = `v1/static/pages/${'0'.repeat(64)}.json`;
    writeFileSync(join(out, stray), '{}');
    const onlyFirst = first.filter((path) => !second.includes(path));
    expect(onlyFirst.length).toBeGreaterThan(0);
    const third = publish(5, 4); // publication 1 was replaced 4 days ago: still fetchable
    for (const path of [...first, ...second, ...third]) expect(existsSync(join(out, path))).toBe(true);
    expect(existsSync(join(out, stray))).toBe(false);
    const fourth = publish(9, 5); // publication 1 replaced 8 days ago: its own files go; 2 replaced 4 days ago stays
    for (const path of onlyFirst) expect(existsSync(join(out, path))).toBe(false);
    for (const path of [...second, ...third, ...fourth]) expect(existsSync(join(out, path))).toBe(true);
    expect(staticFiles(out).sort()).toEqual([...new Set([...second, ...third, ...fourth])].sort());
  });

  it('the static host gzips JSON, answers byte ranges and conditional requests, and can be slow', async () => {
    const out = tempDir('hk-static-host-');
    await publishLibrary(SAMPLE, out, { now: NOW, signingKey });
    const host = await startStaticHost(out);
    try {
      const indexFile = readFileSync(join(out, 'v1/index.json'));
      const zipped = await rawGet(`${host.url}/v1/index.json`, { 'accept-encoding': 'gzip, br' });
      expect(zipped).toMatchObject({ status: 200, headers: { 'content-encoding': 'gzip', vary: 'Accept-Encoding', 'cache-control': 'no-cache', 'accept-ranges': 'bytes' } });
      expect(gunzipSync(zipped.body)).toEqual(indexFile);
      expect(await rawGet(`${host.url}/v1/index.json`, { 'accept-encoding': 'gzip', 'if-none-match': zipped.headers.etag! })).toMatchObject({ status: 304 });

      const pageRef = readIndex(out).index.snapshot.pages[0]!;
      const page = readFileSync(join(out, pageRef.path));
      const plain = await rawGet(`${host.url}/${pageRef.path}`, {});
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(plain.body).toEqual(page);
      expect(await rawGet(`${host.url}/${pageRef.path}`, { 'if-none-match': plain.headers.etag! })).toMatchObject({ status: 304 });
      const part = await rawGet(`${host.url}/${pageRef.path}`, { range: 'bytes=100-199', 'accept-encoding': 'gzip' });
      expect(part).toMatchObject({ status: 206, headers: { 'content-range': `bytes 100-199/${page.length}` } });
      expect(part.body).toEqual(page.subarray(100, 200));
      const tail = await rawGet(`${host.url}/${pageRef.path}`, { range: `bytes=${page.length - 10}-` });
      expect(tail).toMatchObject({ status: 206, headers: { 'content-range': `bytes ${page.length - 10}-${page.length - 1}/${page.length}` } });
      expect(tail.body).toEqual(page.subarray(-10));
      expect(await rawGet(`${host.url}/${pageRef.path}`, { range: `bytes=${page.length}-` })).toMatchObject({ status: 416, headers: { 'content-range': `bytes */${page.length}` } });
      expect(host.feedAnswers.map((a) => a.status)).toEqual([200, 304]);
      expect(host.answers.map((a) => [a.path, a.status])).toEqual([
        ['/v1/index.json', 200], ['/v1/index.json', 304], [`/${pageRef.path}`, 200], [`/${pageRef.path}`, 304], [`/${pageRef.path}`, 206], [`/${pageRef.path}`, 206], [`/${pageRef.path}`, 416],
      ]);
      expect(host.answers[0]!.bytes).toBe(zipped.body.length);

      // 26 KB at 40 KB/s after 200 ms of latency.
      host.setLink({ bytesPerSecond: 40_000, latencyMs: 200 });
      const started = Date.now();
      expect((await rawGet(`${host.url}/${pageRef.path}`, {})).body).toEqual(page);
      expect(Date.now() - started).toBeGreaterThanOrEqual(200 + (page.length / 40_000) * 1000 - 50);
      host.setLink(undefined);
    } finally {
      await host.close();
    }
  }, 60_000);

  it.each([1_500, 10_000])('sizes at %i items', (count) => {
    const out = tempDir('hk-static-size-');
    const items = generatedItems(count, { urgentEvery: 500 });
    publishItems(out, items, NOW);
    publishItems(out, items.map((item, i) => (i === 7 ? bump(item, 'Satu konten berubah') : item)), at(1));
    const { index } = readIndex(out);
    const feedText = Buffer.from(JSON.stringify({ items }));
    const sizes = {
      items: count,
      feedBytes: feedText.length,
      feedGzip: gzipBytes(feedText),
      indexBytes: readFileSync(join(out, 'v1/index.json')).length,
      indexGzip: gzipBytes(readFileSync(join(out, 'v1/index.json'))),
      page0Gzip: gzipBytes(readRef(out, index.snapshot.pages[0]!)),
      page0ThumbsGzip: gzipBytes(readRef(out, index.snapshot.thumbs[0]!)),
      deltaGzip: gzipBytes(readRef(out, index.deltas[0]!)),
      snapshotText: index.snapshot.pages.reduce((sum, ref) => sum + ref.bytes, 0),
      snapshotTextGzip: index.snapshot.pages.reduce((sum, ref) => sum + gzipBytes(readRef(out, ref)), 0),
      thumbs: index.snapshot.thumbs.reduce((sum, ref) => sum + (ref?.bytes ?? 0), 0),
      thumbsGzip: index.snapshot.thumbs.reduce((sum, ref) => sum + (ref ? gzipBytes(readRef(out, ref)) : 0), 0),
    };
    console.log(JSON.stringify(sizes));
    // Two references per snapshot page (its text and its pack): the index grows by ~450 bytes per 500 items.
    expect(sizes.indexBytes).toBeLessThan(1_500 + 460 * index.snapshot.pages.length);
    expect(sizes.indexGzip).toBeLessThan(5_000);
    expect(sizes.deltaGzip).toBeLessThan(3_000);
    expect(sizes.page0Gzip).toBeLessThan(40_000);
    expect(sizes.snapshotTextGzip).toBeLessThan(sizes.feedBytes / 5);
  }, 120_000);
});

/** A GET that shows the bytes as sent (fetch would decompress them). */
function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers as Record<string, string | undefined>, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}
