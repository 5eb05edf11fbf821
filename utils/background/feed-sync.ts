// Sync from feed pages (`/v1/feed?since=<cursor>`, feed spec v1–v1.2): each page verified, bound to
// the request it answers, validated and committed with its cursor; the next page read ahead.
import { verifyFeedSignature } from '../shared/crypto';
import { judgePageFreshness } from '../shared/feed-freshness';
import { FeedPageSchema, type FeedPage } from '../shared/schema';
import { fetchAnswer, type FetchedAnswer } from './feed-fetch';
import { maxAgeSeconds } from './news-check';
import { commitPage, validItems, withUnlistedRemoved, type SyncRun } from './sync-apply';
import { SyncError } from './sync-status';

const MAX_PAGES_PER_SYNC = 1000;

interface FetchedPage {
  /** The cursor the request asked with ("" for none): the page must say it answers that one. */
  asked: string;
  res: FetchedAnswer;
  /** Its body read ahead (pages fetched while the one before was stored). */
  read?: Promise<FeedPage>;
}

function feedUrl(libraryUrl: string, cursor: string): string {
  return `${libraryUrl}/v1/feed${cursor ? `?since=${encodeURIComponent(cursor)}` : ''}`;
}

/** A fetched page's signature checked and its envelope parsed: the CPU work of a page. */
async function readPage(res: FetchedAnswer, publicKey: string | undefined): Promise<FeedPage> {
  if (publicKey && !(await verifyFeedSignature(publicKey, res.headers.get('X-Library-Signature'), res.body))) throw new SyncError('signature');
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(res.body));
  } catch (err) {
    throw new SyncError('format', String((err as Error).message));
  }
  const envelope = FeedPageSchema.safeParse(json);
  if (!envelope.success) throw new SyncError('format', envelope.error.issues[0]?.message ?? '');
  return envelope.data;
}

type Binding = 'bound' | 'snapshot' | 'refetchWithoutCursor';

/**
 * v1.2: a page must name the cursor it answers, or the fresh answer to a newer cursor could be
 * replayed to a client at an older one (skipping every withdrawal in between). A full snapshot (one
 * page, `complete`, `since: ""`) answers only a request without a cursor: asked with one (a static
 * host ignores the query), it is fetched again without. An older publisher's snapshot carries no
 * `since` at all: it is accepted on a cursorless request only, where it removes by absence.
 */
function bindingOf(page: FeedPage, asked: string, firstPage: boolean, signed: boolean): Binding {
  const fullSnapshot = page.complete === true && firstPage && !page.hasMore && !page.since;
  if (fullSnapshot) return asked ? 'refetchWithoutCursor' : 'snapshot';
  if (page.since === asked || (page.since === undefined && !signed)) return 'bound';
  throw new SyncError('binding', `since ${JSON.stringify(page.since ?? null)} ≠ ${JSON.stringify(asked)}`);
}

export async function syncFeed(run: SyncRun): Promise<void> {
  const { settings } = run;
  const fetchPage = (asked: string, readAhead: boolean): Promise<FetchedPage> => {
    const fetched = fetchAnswer(run.doFetch, feedUrl(settings.libraryUrl, asked), run.stallMs).then((res): FetchedPage => {
      if (!readAhead || !res.ok || res.status === 304) return { asked, res };
      const read = readPage(res, settings.publicKey);
      read.catch(() => undefined); // awaited in the next round; a sync that fails before then leaves it unread
      return { asked, res, read };
    });
    fetched.catch(() => undefined);
    return fetched;
  };
  // A library known to publish one snapshot is always asked without a cursor (one address: the
  // browser's ETag revalidation makes an unchanged snapshot one 304).
  let nextPage: Promise<FetchedPage> | undefined;
  let refetched = false;
  for (let page = 0; page < MAX_PAGES_PER_SYNC; page++) {
    const { asked, res, read } = await (nextPage ?? fetchPage(run.state.fullSnapshots ? '' : (run.state.cursor ?? ''), false));
    nextPage = undefined;
    run.state = { ...run.state, maxAgeSeconds: maxAgeSeconds(res.headers.get('Cache-Control')) };
    if (res.status === 304) break;
    if (!res.ok) throw new SyncError('http', String(res.status));
    // A 304 answered by the browser's cache arrives as the cached 200: the same ETag means unchanged.
    const etag = res.headers.get('ETag');
    if (page === 0 && run.state.cursor && etag && etag === run.state.etag) break;
    const envelope = await (read ?? readPage(res, settings.publicKey));
    const { sequence, issuedAt } = envelope;
    // A page older than what is here (a replay, a stale cache), or than the build's or policy's
    // floor on a first sync, changes nothing; signed pages must say when and which publication.
    const freshness = judgePageFreshness(envelope, { signed: !!settings.publicKey, acceptedSequence: run.state.sequence, minSequence: settings.minSequence });
    if (!freshness.ok) throw new SyncError(freshness.code, freshness.detail);
    const binding = bindingOf(envelope, asked, page === 0, !!settings.publicKey);
    if (binding === 'refetchWithoutCursor') {
      if (refetched) throw new SyncError('binding', 'snapshot');
      refetched = true;
      run.state = { ...run.state, fullSnapshots: true };
      nextPage = fetchPage('', false);
      page--;
      continue;
    }
    const { valid, invalid } = validItems(envelope.items);
    run.skippedInvalid += invalid;
    if (envelope.hasMore) nextPage = fetchPage(envelope.cursor, true);
    run.state = {
      ...run.state,
      layout: 'feed',
      publisher: envelope.publisher,
      fullSnapshots: binding === 'snapshot' || undefined,
      cursor: envelope.cursor,
      etag: envelope.hasMore ? undefined : (etag ?? undefined),
      ...(sequence !== undefined ? { sequence } : {}),
      ...(issuedAt && (!run.state.issuedAt || Date.parse(issuedAt) > Date.parse(run.state.issuedAt)) ? { issuedAt } : {}),
    };
    const listed = new Set(envelope.items.map((raw) => (raw as { id?: unknown } | null)?.id));
    const removed = binding === 'snapshot' ? await withUnlistedRemoved(run, listed, envelope.removed) : envelope.removed;
    await commitPage(run, { items: valid, removed });
    await run.deps.onSiteHints?.(envelope.siteHints, sequence);
    if (!envelope.hasMore) break;
  }
}
