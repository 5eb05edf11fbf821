// The hub reads the national library feed (the same protocol the extension syncs) for what the
// entries only name by id: titles, programmes, urgency, publication times and withdrawals.
// As the extension does, it needs the library's key and https (a development hub started with
// `--dev` may follow an unsigned or plain-http library), verifies every page, and judges each page's
// freshness by the extension's own rules (utils/shared/feed-freshness.ts): a replayed older answer
// cannot bring a withdrawn item back or hide a withdrawal. v1.2: every signed page must answer the
// request it is served for (`since`), so a fresh answer to another cursor cannot skip a withdrawal.
// A library with the static layout (`v1/index.json`, hub/library-static-follow.ts) is read that way.
//
// `complete: true` (a whole snapshot) removes nothing here: an item missing from a snapshot may have
// expired or been replaced, and the hub marks only withdrawals, which name posts to take down. The
// hub uses it for one thing: after a whole snapshot, the next read asks without a cursor too.
import { base64ToBytes, verifyFeedSignature } from '../utils/shared/crypto';
import { judgePageFreshness, type PageFreshness } from '../utils/shared/feed-freshness';
import { ContentItemSchema, FeedPageSchema, type FeedPage } from '../utils/shared/schema';
import type { HubDatabase, Queryable } from './database';
import { readStaticChanges, readStaticIndex } from './library-static-follow';

export interface LibraryFollowOptions {
  libraryUrl: string;
  /** base64 raw Ed25519 key of the library: pages without a valid signature are refused. */
  publicKey?: string;
  /** Development only (`--dev`): an unsigned or plain-http library is followed too. */
  dev?: boolean;
  /** The lowest feed sequence accepted, the first read of a library included (as the extension's `minSequence`). */
  minSequence?: number;
  fetch?: typeof fetch;
}

const isRawEd25519 = (key: string) => {
  try {
    return base64ToBytes(key).length === 32;
  } catch {
    return false;
  }
};

/** Why these options cannot be followed (bilingual, for the operator), or undefined when they can. */
export function libraryFollowProblem(options: LibraryFollowOptions): string | undefined {
  if (!URL.canParse(options.libraryUrl)) return `alamat pustaka tidak valid / invalid library address: ${options.libraryUrl}`;
  if (options.publicKey !== undefined && !isRawEd25519(options.publicKey)) return '--library-key bukan kunci Ed25519 (base64, 32 byte) / --library-key is not a base64 raw Ed25519 key';
  if (options.dev) return undefined;
  if (new URL(options.libraryUrl).protocol !== 'https:') return 'pustaka harus https:// (kecuali --dev) / the library must be https:// (unless --dev)';
  if (!options.publicKey) return 'pustaka tanpa --library-key ditolak (kecuali --dev) / a library without --library-key is refused (unless --dev)';
  return undefined;
}

type LibraryState = { cursor: string | null; sequence: number | null; library_url: string | null; snapshot_only: boolean };
type FollowCounts = { items: number; removed: number };

/** v1.2: why a signed page does not answer the request made with `cursor` ("" for none), or undefined when it does. */
export function requestBindingProblem(page: Pick<FeedPage, 'since' | 'complete' | 'hasMore'>, cursor: string): string | undefined {
  if (page.since === cursor) return undefined;
  // An older publisher's whole snapshot predates `since`; without a cursor it cannot skip anything.
  if (page.since === undefined && cursor === '' && isWholeSnapshot(page)) return undefined;
  if (page.since === undefined) return 'halaman pustaka tanpa since ditolak / library page without since refused';
  return `halaman pustaka menjawab permintaan lain (since "${page.since}", diminta "${cursor}"), ditolak / library page answers another request (since "${page.since}", asked "${cursor}"), refused`;
}

/** Every live item on one page: what a static host serves whatever the query string. */
const isWholeSnapshot = (page: Pick<FeedPage, 'complete' | 'hasMore'>) => page.complete === true && !page.hasMore;

function freshnessProblem(freshness: PageFreshness): string | undefined {
  if (freshness.ok) return undefined;
  return freshness.code === 'older'
    ? `jawaban pustaka lebih lama daripada yang sudah dibaca (${freshness.detail}), diabaikan / library answer older than the one already read (${freshness.detail}), ignored`
    : `halaman pustaka tanpa ${freshness.detail} ditolak / library page without ${freshness.detail} refused`;
}

/** Stores the valid items (a newer version replaces the stored one) and the withdrawals; returns how many items were valid. */
async function storeChanges(tx: Queryable, rawItems: unknown[], removed: FeedPage['removed']): Promise<number> {
  const items = rawItems.flatMap((raw) => {
    const parsed = ContentItemSchema.safeParse(raw);
    return parsed.success ? [parsed.data] : [];
  });
  if (items.length) {
    const rows = items.map((i) => ({ id: i.id, version: i.version, title: i.title, program: i.program, urgent: i.priority === 'urgent', published_at: i.publishedAt }));
    await tx.query(
      `INSERT INTO items (id, version, title, program, urgent, published_at)
       SELECT r.id, r.version, r.title, r.program, r.urgent, r.published_at FROM jsonb_to_recordset($1::jsonb) AS r(id text, version int, title text, program text, urgent boolean, published_at timestamptz)
       ON CONFLICT (id) DO UPDATE SET version = excluded.version, title = excluded.title, program = excluded.program, urgent = excluded.urgent,
         published_at = excluded.published_at, withdrawn_at = NULL, withdrawn_reason = NULL
       WHERE items.version < excluded.version`,
      [JSON.stringify(rows)],
    );
  }
  // Withdrawn items name posts to take down (expired or replaced ones do not), even ones the hub never saw.
  for (const removal of removed.filter((r) => r.reason === 'withdrawn')) {
    await tx.query(
      `INSERT INTO items (id, version, title, program, urgent, published_at, withdrawn_at, withdrawn_reason) VALUES ($1, 0, $1, '', false, now(), now(), $2)
       ON CONFLICT (id) DO UPDATE SET withdrawn_at = coalesce(items.withdrawn_at, now()), withdrawn_reason = $2`,
      [removal.id, removal.reason],
    );
  }
  return items.length;
}

async function saveState(tx: Queryable, libraryUrl: string, state: Omit<LibraryState, 'library_url'>) {
  await tx.query(
    `INSERT INTO library_state (id, cursor, sequence, synced_at, library_url, snapshot_only) VALUES (1, $1, $2, now(), $3, $4)
     ON CONFLICT (id) DO UPDATE SET cursor = $1, sequence = $2, synced_at = now(), library_url = $3, snapshot_only = $4`,
    [state.cursor, state.sequence, libraryUrl, state.snapshot_only],
  );
}

export async function followLibrary(db: HubDatabase, options: LibraryFollowOptions): Promise<FollowCounts> {
  const problem = libraryFollowProblem(options);
  if (problem) throw new Error(problem);
  const doFetch = options.fetch ?? fetch;
  const [stored] = await db.query<LibraryState>('SELECT cursor, sequence, library_url, snapshot_only FROM library_state WHERE id = 1');
  // Another library: its cursor and publication numbers mean nothing here (as in the extension).
  const state = stored?.library_url === options.libraryUrl ? stored : undefined;
  const reader = { libraryUrl: options.libraryUrl, publicKey: options.publicKey, fetch: doFetch };
  const index = await readStaticIndex(reader);
  if (!index) return followFeed(db, options, doFetch, state);
  const accepted = state?.sequence ?? undefined;
  const refused = freshnessProblem(judgePageFreshness(index, { signed: !!options.publicKey, acceptedSequence: accepted, minSequence: options.minSequence }));
  if (refused) throw new Error(refused);
  const changes = await readStaticChanges(reader, index, accepted);
  // No cursor: should the library drop its static layout, its feed is read afresh from the start.
  const items = await db.transaction(async (tx) => {
    const valid = await storeChanges(tx, changes.items, changes.removed);
    await saveState(tx, options.libraryUrl, { cursor: null, sequence: index.sequence, snapshot_only: false });
    return valid;
  });
  return { items, removed: changes.removed.length };
}

async function followFeed(db: HubDatabase, options: LibraryFollowOptions, doFetch: typeof fetch, stored: LibraryState | undefined): Promise<FollowCounts> {
  let state = stored;
  // After a whole snapshot the next read asks without a cursor: the snapshot's `since` is "" (or, from an
  // older publisher, missing), so it answers no other request.
  let cursor = state?.snapshot_only ? '' : (state?.cursor ?? '');
  let askedAgainWithoutCursor = false;
  const counts = { items: 0, removed: 0 };
  for (let pages = 0; pages < 1000; pages++) {
    const url = `${options.libraryUrl}/v1/feed${cursor ? `?since=${encodeURIComponent(cursor)}` : ''}`;
    const res = await doFetch(url, { signal: AbortSignal.timeout(30_000) });
    if (!res.ok) throw new Error(`pustaka menjawab HTTP ${res.status} / library answered HTTP ${res.status}`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    if (options.publicKey && !(await verifyFeedSignature(options.publicKey, res.headers.get('x-library-signature'), bytes))) {
      throw new Error('tanda tangan pustaka tidak valid / invalid library signature');
    }
    const page = FeedPageSchema.parse(JSON.parse(new TextDecoder().decode(bytes)));
    const unbound = options.publicKey ? requestBindingProblem(page, cursor) : undefined;
    if (unbound && cursor && isWholeSnapshot(page) && (page.since ?? '') === '' && !askedAgainWithoutCursor) {
      // A static host ignoring the query (a hub that followed it before v1.2 kept a cursor): this answer
      // is not used; the same snapshot is asked for without a cursor and judged by every rule.
      askedAgainWithoutCursor = true;
      cursor = '';
      continue;
    }
    if (unbound) throw new Error(unbound);
    const refused = freshnessProblem(judgePageFreshness(page, { signed: !!options.publicKey, acceptedSequence: state?.sequence ?? undefined, minSequence: options.minSequence }));
    if (refused) throw new Error(refused);
    const next: Omit<LibraryState, 'library_url'> = {
      cursor: page.cursor,
      sequence: page.sequence ?? state?.sequence ?? null,
      // `complete` counts only on the only page of an answer to a request without a cursor (v1.2).
      snapshot_only: cursor === '' && isWholeSnapshot(page),
    };
    counts.items += await db.transaction(async (tx) => {
      const valid = await storeChanges(tx, page.items, page.removed);
      await saveState(tx, options.libraryUrl, next);
      return valid;
    });
    counts.removed += page.removed.length;
    state = { ...next, library_url: options.libraryUrl };
    cursor = page.cursor;
    if (!page.hasMore) break;
  }
  return counts;
}
