// The extension's sync against the publisher's static layout on a static host: the first page
// (urgent + newest) and its thumbnails before the rest, one delta for one change, one index request
// when nothing changed, files checked by sha256, a cut download resumed with a range.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadPrivateKey } from '../../library/keys';
import { writeStaticLayout } from '../../library/static-layout';
import { latestPublication, readHistory } from '../../library/static-history';
import { readSyncState, syncLibrary, syncMedia } from '../../utils/background/sync';
import { mergeSettings } from '../../utils/shared/settings';
import { PRIORITY_NEWEST, SignedIndexFileSchema, StaticIndexSchema } from '../../utils/shared/static-format';
import type { ContentItem } from '../../utils/shared/schema';
import { openDb, setMeta } from '../../utils/storage/db';
import { generatedItems } from '../support/generated-library';
import { startStaticHost, type StaticHost } from '../support/static-host';
import { storedItems } from '../support/stored-items';
import { SYNC_STATE_KEY } from '../../utils/background/sync-status';

const DEV_KEY = new URL('../../library/dev-keys/', import.meta.url).pathname;
const signingKey = loadPrivateKey(readFileSync(`${DEV_KEY}dev-ed25519-private.pem`, 'utf8'));
const publicKey = readFileSync(`${DEV_KEY}dev-ed25519-public.txt`, 'utf8').trim();
const NOW = new Date('2026-11-23T00:00:00Z');

let host: StaticHost | undefined;
let n = 0;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

function publish(out: string, items: ContentItem[], minutesLater = 0, tombstones: { id: string; reason: 'withdrawn' }[] = []) {
  const history = readHistory(out);
  const when = new Date(NOW.getTime() + minutesLater * 60_000);
  const publication = { sequence: (latestPublication(history)?.sequence ?? 0) + 1, issuedAt: when.toISOString() };
  return writeStaticLayout(out, { items, tombstones, reasons: new Map(tombstones.map((t) => [t.id, t.reason])), publisher: 'Uji', publication, history, signingKey, now: when });
}

const indexOf = (out: string) => StaticIndexSchema.parse(JSON.parse(SignedIndexFileSchema.parse(JSON.parse(readFileSync(join(out, 'v1/index.json'), 'utf8'))).index));

async function library(count: number) {
  const out = mkdtempSync(join(tmpdir(), 'hk-static-sync-'));
  const items = generatedItems(count, { urgentEvery: 250 });
  publish(out, items);
  host = await startStaticHost(out);
  const db = openDb(`static-sync-${++n}`);
  const settings = mergeSettings({ libraryUrl: host.url, publicKey }, {});
  return { out, items, db, settings, host };
}

const paths = (h: StaticHost, from = 0) => h.answers.slice(from).map((a) => `${a.status} ${a.path.split('/').slice(0, 4).join('/')}`);

describe('sync from the static layout', () => {
  it('first sync: urgent and newest items with their thumbnails first, then every page; the other thumbnails after the text', async () => {
    const { items, db, settings } = await library(1_200);
    const committed: { ids: string[]; thumbs: number }[] = [];
    const state = await syncLibrary({
      db, settings, separateMedia: true,
      onPageApplied: async (changes) => void committed.push({ ids: changes.upserted.map((i) => i.id), thumbs: (await db.media.toArray()).filter((m) => m.thumb).length }),
    });
    const urgent = items.filter((i) => i.priority === 'urgent').map((i) => i.id);
    expect(urgent.length).toBeGreaterThan(2);
    const newest = items.filter((i) => i.priority !== 'urgent').slice(0, PRIORITY_NEWEST).map((i) => i.id);
    expect(new Set(committed[0]!.ids)).toEqual(new Set([...urgent, ...newest]));
    // Page 0's thumbnails were stored before the second page was committed.
    expect(committed[1]!.thumbs).toBe(urgent.length + newest.length);
    expect((await storedItems(db)).length).toBe(1_200);
    expect(state.sequence).toBe(1);
    expect(paths(host!).slice(0, 3)).toEqual(['200 /v1/index.json', '200 /v1/static/pages', '200 /v1/static/thumbs']);
    expect((await db.media.toArray()).filter((m) => m.thumb).length).toBe(urgent.length + newest.length);
    // The rest of the thumbnails in the image run (data saver: no full image is fetched here).
    await syncMedia({ db, settings, dataSaver: true });
    expect((await db.media.toArray()).filter((m) => m.thumb).length).toBe(1_200);
  });

  it('one changed item costs the index and one delta; nothing changed costs the index alone', async () => {
    const { out, items, db, settings } = await library(600);
    await syncLibrary({ db, settings, separateMedia: true });
    const before = host!.answers.length;
    await syncLibrary({ db, settings, separateMedia: true });
    expect(paths(host!, before)).toEqual(['200 /v1/index.json']);

    const changed = { ...items[42]!, version: 2, title: 'Judul yang dikoreksi oleh pusat' };
    publish(out, items.map((i) => (i.id === changed.id ? changed : i)), 5);
    const mark = host!.answers.length;
    await syncLibrary({ db, settings, separateMedia: true });
    expect(paths(host!, mark)).toEqual(['200 /v1/index.json', '200 /v1/static/deltas']);
    expect(host!.answers.slice(mark).reduce((sum, a) => sum + a.bytes, 0)).toBeLessThan(8_000);
    expect((await storedItems(db)).find((i) => i.id === changed.id)).toMatchObject({ version: 2, title: changed.title });
    expect((await readSyncState(db)).sequence).toBe(2);
  });

  it('a client older than every delta takes the snapshot, and an item it lists nowhere is removed', async () => {
    const { out, items, db, settings } = await library(300);
    await syncLibrary({ db, settings, separateMedia: true });
    // Withdrawn so long ago that no tombstone is left; the client has been away ever since.
    publish(out, items.slice(1), 60);
    await setMeta(db, SYNC_STATE_KEY, { ...(await readSyncState(db)), sequence: 0 });
    const mark = host!.answers.length;
    await syncLibrary({ db, settings, separateMedia: true });
    expect(paths(host!, mark)).toContain('200 /v1/static/pages');
    expect(paths(host!, mark)).not.toContain('200 /v1/static/deltas');
    const ids = (await storedItems(db)).map((i) => i.id);
    expect(ids).toHaveLength(299);
    expect(ids).not.toContain(items[0]!.id);
  });

  it('a file that does not match the signed index changes nothing', async () => {
    const { out, db, settings } = await library(300);
    const page = indexOf(out).snapshot.pages[0]!;
    const body = readFileSync(join(out, page.path), 'utf8');
    writeFileSync(join(out, page.path), body.replace('"version":1', '"version":9'));
    await expect(syncLibrary({ db, settings, separateMedia: true })).rejects.toMatchObject({ code: 'signature' });
    expect(await storedItems(db)).toEqual([]);
    expect((await readSyncState(db)).sequence).toBeUndefined();
  });

  it('an index signed by another key, or older than what is here, is refused', async () => {
    const { out, items, db, settings } = await library(200);
    await syncLibrary({ db, settings, separateMedia: true });
    const first = readFileSync(join(out, 'v1/index.json'));
    publish(out, items.slice(0, 150), 5);
    await syncLibrary({ db, settings, separateMedia: true });
    writeFileSync(join(out, 'v1/index.json'), first); // the older publication served again
    await expect(syncLibrary({ db, settings, separateMedia: true })).rejects.toMatchObject({ code: 'older' });
    const file = JSON.parse(first.toString('utf8'));
    writeFileSync(join(out, 'v1/index.json'), JSON.stringify({ ...file, index: file.index.replace('"sequence":1', '"sequence":7') }));
    await expect(syncLibrary({ db, settings, separateMedia: true })).rejects.toMatchObject({ code: 'signature' });
    expect((await storedItems(db)).length).toBe(150);
  });

  it('a page cut by the link is finished with a range request, not downloaded again', async () => {
    const { db, settings } = await library(900);
    let cut = false;
    const requests: { url: string; range?: string }[] = [];
    const cutting: typeof fetch = async (input, init) => {
      const url = String(input);
      const range = new Headers(init?.headers).get('Range') ?? undefined;
      requests.push({ url, range });
      const res = await fetch(input, init);
      if (cut || !url.includes('/v1/static/pages/') || range) return res;
      cut = true;
      const bytes = new Uint8Array(await res.arrayBuffer()).slice(0, 5_000);
      // Five kilobytes arrive, then the connection breaks.
      let sent = false;
      const body = new ReadableStream({
        pull: (c) => {
          if (sent) return c.error(new TypeError('network error'));
          sent = true;
          c.enqueue(bytes);
        },
      });
      return new Response(body, { status: 200, headers: res.headers });
    };
    await syncLibrary({ db, settings, fetch: cutting, separateMedia: true });
    expect(cut).toBe(true);
    expect(requests.filter((r) => r.range)).toEqual([{ url: expect.stringContaining('/v1/static/pages/'), range: 'bytes=5000-' }]);
    expect(host!.answers.filter((a) => a.status === 206)).toHaveLength(1);
    expect((await storedItems(db)).length).toBe(900);
  });
});
