// A library on a fake network for the hub's follower tests: feed answers built per request (signed
// with the dev key unless told otherwise), static files by path, and every URL asked for.
import { readFileSync } from 'node:fs';
import type { KeyObject } from 'node:crypto';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { loadPrivateKey, signatureHeader } from '../../../library/keys';
import { migrate, type HubDatabase } from '../../../hub/database';

export const LIBRARY = 'https://pustaka.test';
export const devKey = loadPrivateKey(readFileSync(new URL('../../../library/dev-keys/dev-ed25519-private.pem', import.meta.url), 'utf8'));
export const devPublicKey = readFileSync(new URL('../../../library/dev-keys/dev-ed25519-public.txt', import.meta.url), 'utf8').trim();

export const item = (id: string, version = 1) => ({
  id, version, title: `Judul ${id}`, program: 'Kesehatan', tags: [], kind: 'infografis', priority: 'normal', publishedAt: '2026-11-20T03:00:00.000Z',
  captions: { default: id }, hashtags: [], media: [],
});

export type Page = { sequence?: number; issuedAt?: string; since?: string; cursor?: string; hasMore?: boolean; complete?: boolean; items?: object[]; removed?: object[] };

/** One feed answer, signed with `key` (default: the library's). */
export function answer(page: Page, key: KeyObject | null = devKey): Response {
  const body = Buffer.from(JSON.stringify({ schema: 1, publisher: 'Komdigi', cursor: `c${page.sequence ?? 0}`, hasMore: false, items: [], removed: [], ...page }));
  return new Response(body, { status: 200, headers: key ? { 'X-Library-Signature': signatureHeader(key, body) } : {} });
}

/**
 * A library whose feed answers are made per request from its `since` ("" without one); `files` are
 * served by path (anything else: 404, so by default there is no static layout).
 */
export function library() {
  let feed: (since: string) => Response = (since) => answer({ sequence: 1, issuedAt: '2026-11-20T00:00:00Z', since });
  const files = new Map<string, () => Response>();
  const urls: string[] = [];
  const doFetch = (async (input: string | URL) => {
    const url = new URL(String(input));
    urls.push(url.pathname + url.search);
    if (url.pathname === '/v1/feed') return feed(url.searchParams.get('since') ?? '');
    return files.get(url.pathname.slice(1))?.() ?? new Response('Tidak ditemukan', { status: 404 });
  }) as typeof fetch;
  return {
    doFetch,
    urls,
    /** The `since` of every feed request so far ("" without one). */
    feedRequests: () => urls.filter((u) => u.startsWith('/v1/feed')).map((u) => new URLSearchParams(u.split('?')[1] ?? '').get('since') ?? ''),
    serve: (make: (since: string) => Response) => void (feed = make),
    files,
  };
}

export const storedItems = (db: HubDatabase) =>
  db.query<{ id: string; version: number; withdrawn: boolean }>('SELECT id, version, withdrawn_at IS NOT NULL AS withdrawn FROM items ORDER BY id');

export const libraryState = async (db: HubDatabase) =>
  (await db.query<{ cursor: string | null; sequence: number | null; snapshot_only: boolean }>('SELECT cursor, sequence, snapshot_only FROM library_state WHERE id = 1'))[0];

/** One migrated database for a file's tests on one backend, emptied of library data before each (opening and migrating costs seconds). */
export function libraryDatabase(open: () => Promise<HubDatabase>): () => HubDatabase {
  let db: HubDatabase | undefined;
  beforeAll(async () => {
    db = await open();
    await migrate(db);
  }, 60_000);
  beforeEach(async () => {
    await db!.query('DELETE FROM items');
    await db!.query('DELETE FROM library_state');
  });
  afterAll(() => db?.close());
  return () => db!;
}
