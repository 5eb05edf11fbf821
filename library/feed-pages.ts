// The dev server's feed pages (spec v1.2: every page names the request it answers) and the faults
// tests switch on to play a broken or hostile library.
import type { ContentItem, FeedPage } from '../utils/shared/schema';

/**
 * - `error500`, `hang`, `truncated`, `badSignature`, `wrongContentType`, `badEnvelope`: a broken library.
 * - `replayNewest`: every request, whatever its `since`, gets the exact signed bytes (and signature
 *   header) of the answer to `?since=<newest cursor>`: fresh, empty and validly signed, as anyone can
 *   fetch and replay it; only its `since` shows it answers another request.
 * - `completeOnLastPage`: the last page of an answer to a cursor carries `complete: true` (signed,
 *   `since` = that cursor) although it lists only the changes since it; a client removing by absence
 *   on it would drop every unchanged item.
 */
export type FeedFault =
  | 'none'
  | 'error500'
  | 'hang'
  | 'truncated'
  | 'badSignature'
  | 'wrongContentType'
  | 'badEnvelope'
  | 'replayNewest'
  | 'completeOnLastPage';

export type Removal = FeedPage['removed'][number];
/** One change of the library; `rev` numbers them, and a cursor `r<rev>` means "every change up to it". */
export type Change = { rev: number; id: string; item?: ContentItem; removal?: Removal };

export interface FeedPageInput {
  changes: Change[];
  /** The library's newest revision, which is also its publication number (`sequence`). */
  rev: number;
  /** The request's `since` query value (null: none). */
  sinceParam: string | null;
  pageSize: number;
  publisher: string;
  fault: FeedFault;
}

/** The cursor after every change so far: the request whose (empty) answer `replayNewest` serves to all. */
export const newestCursor = (rev: number) => `r${rev}`;

export function buildFeedPage({ changes, rev, sinceParam, pageSize, publisher, fault }: FeedPageInput) {
  const since = Number(sinceParam?.match(/^r(\d+)$/)?.[1] ?? 0);
  let start = changes.findIndex((c) => c.rev > since);
  if (start === -1) start = changes.length;
  const page = changes.slice(start, start + pageSize);
  const hasMore = start + pageSize < changes.length;
  const body = {
    schema: 1,
    publisher,
    // v1.2: bound to its request, inside the signed bytes.
    since: sinceParam ?? '',
    cursor: page.length ? `r${page.at(-1)!.rev}` : newestCursor(Math.max(since, rev)),
    hasMore,
    items: page.filter((c) => c.item).map((c) => c.item),
    removed: page.filter((c) => c.removal).map((c) => c.removal),
    // Freshness (v1.1): every change of the library is a new publication number.
    issuedAt: new Date().toISOString(),
    sequence: rev,
  };
  if (fault === 'badEnvelope') return { ...body, schema: 2, cursor: 42 };
  if (fault === 'completeOnLastPage' && sinceParam && !hasMore) return { ...body, complete: true };
  return body;
}
