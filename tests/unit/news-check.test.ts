// The one-minute check for news: an idle hour against an unchanged library asks 60 conditional
// questions and writes nothing; max-age spaces the questions out; an unreachable library is asked
// less and less often, with jitter.
import { describe, expect, it } from 'vitest';
import { createBackgroundService } from '../../utils/background/background-service';
import { afterCheck, maxAgeSeconds, shouldCheck, type NewsCheckState } from '../../utils/background/news-check';
import { mergeSettings } from '../../utils/shared/settings';
import { openDb } from '../../utils/storage/db';
import { memoryStore, useSampleLibrary } from '../support/background-harness';
import { storedItems } from '../support/stored-items';

const library = useSampleLibrary();

/** A service on a clock the test moves, whose feed requests go through `answer` (the browser's conditional request included). */
async function serviceWithClock(name: string, answer: (url: string, etag?: string) => Promise<Response>) {
  const db = openDb(name);
  let clock = Date.parse('2026-11-25T08:00:00Z');
  let etag: string | undefined;
  const requests: number[] = [];
  const doFetch: typeof fetch = async (input) => {
    const url = String(input);
    // Every question to the library: the static index it looks for first, and the feed.
    if (url.includes('/v1/feed') || url.includes('/v1/index.json')) requests.push(clock);
    // What the browser's HTTP cache does for `cache: 'no-cache'`: revalidate with the ETag it holds.
    const res = await answer(url, url.includes('/v1/feed') ? etag : undefined);
    if (url.includes('/v1/feed') && res.headers.get('ETag')) etag = res.headers.get('ETag')!;
    return res;
  };
  const settings = mergeSettings({ libraryUrl: library.current.url }, {});
  const service = createBackgroundService({ db, extensionId: 'ext', getSettings: async () => settings, session: memoryStore(), fetch: doFetch, now: () => new Date(clock) });
  return { db, service, requests, advance: (ms: number) => void (clock += ms) };
}

const viaServer = (extraHeaders: Record<string, string> = {}) => async (url: string, etag?: string) => {
  const res = await fetch(url, { headers: etag ? { 'If-None-Match': etag } : {} });
  const headers = new Headers(res.headers);
  for (const [k, v] of Object.entries(extraHeaders)) headers.set(k, v);
  return new Response(res.status === 304 ? null : await res.arrayBuffer(), { status: res.status, headers });
};

describe('one-minute check for news', () => {
  it('backs off with jitter while failing, honours max-age up to 15 minutes, and resets on success', () => {
    const now = 1_000_000;
    const waits = [1, 2, 3, 4, 5, 6, 7].reduce<number[]>((acc, _, i, all) => {
      let state: NewsCheckState = { failures: 0 };
      for (let k = 0; k <= i; k++) state = afterCheck(state, { ok: false }, now, () => 0.5);
      return [...acc, state.notBefore! - now];
    }, []);
    expect(waits).toEqual([60_000, 120_000, 240_000, 480_000, 960_000, 1_800_000, 1_800_000]);
    expect(afterCheck({ failures: 2 }, { ok: false }, now, () => 0).notBefore! - now).toBe(120_000);
    expect(afterCheck({ failures: 2 }, { ok: false }, now, () => 0.999).notBefore! - now).toBe(Math.round(240_000 * 1.499));
    expect(afterCheck({ failures: 5 }, { ok: true, maxAgeSeconds: 300 }, now)).toEqual({ failures: 0, notBefore: now + 300_000 });
    expect(afterCheck(undefined, { ok: true, maxAgeSeconds: 86_400 }, now)).toEqual({ failures: 0, notBefore: now + 900_000 });
    expect(afterCheck(undefined, { ok: true, maxAgeSeconds: 30 }, now)).toEqual({ failures: 0 });
    expect(shouldCheck({ failures: 1, notBefore: now + 1 }, now)).toBe(false);
    expect(shouldCheck({ failures: 1, notBefore: now }, now)).toBe(true);
    expect(maxAgeSeconds('public, max-age=300, must-revalidate')).toBe(300);
    expect(maxAgeSeconds('no-cache')).toBeUndefined();
  });

  it('an idle hour against an unchanged library: 60 conditional requests, all 304, no item written (the 15-minute sync adds none)', async () => {
    const statuses: number[] = [];
    const { db, service, requests, advance } = await serviceWithClock('news-idle', async (url, etag) => {
      const res = await viaServer()(url, etag);
      if (url.includes('/v1/feed')) statuses.push(res.status);
      return res;
    });
    await service.requestSync();
    const before = await storedItems(db);
    let writes = 0;
    db.itemSegments.hook('creating', () => void writes++);
    db.itemSegments.hook('updating', () => void writes++);
    db.itemSegments.hook('deleting', () => void writes++);
    statuses.length = 0;
    requests.length = 0;
    for (let minute = 1; minute <= 60; minute++) {
      advance(60_000);
      await service.checkForNews();
      if (minute % 15 === 0) expect(await service.syncUnlessRecent()).toBe('skipped');
    }
    expect(requests).toHaveLength(60);
    expect(new Set(statuses)).toEqual(new Set([304]));
    expect(writes).toBe(0);
    expect(await storedItems(db)).toEqual(before);
  });

  it('asks every five minutes when the feed says max-age=300, and ever more rarely while unreachable', async () => {
    const cached = await serviceWithClock('news-max-age', viaServer({ 'Cache-Control': 'public, max-age=300' }));
    for (let minute = 0; minute < 60; minute++) {
      cached.advance(60_000);
      await cached.service.checkForNews();
    }
    // Minutes in which the feed was asked (the first one is a full first sync, more than one page).
    expect(new Set(cached.requests).size).toBe(12);

    const offline = await serviceWithClock('news-offline', async () => {
      throw new TypeError('Failed to fetch');
    });
    for (let minute = 0; minute < 60; minute++) {
      offline.advance(60_000);
      await offline.service.checkForNews();
    }
    // 1 + 2 + 4 + 8 + 16 + 30 minutes apart (each ± half): a handful of requests, not 60.
    expect(new Set(offline.requests).size).toBeGreaterThanOrEqual(4);
    expect(new Set(offline.requests).size).toBeLessThanOrEqual(8);
    // The 15-minute sync still tries when nothing asked for that long.
    offline.advance(15 * 60_000);
    expect(await offline.service.syncUnlessRecent()).toBe('synced');
  });
});
