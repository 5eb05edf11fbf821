// Library sync: feed pages → signature → Zod → Dexie, each page committed with its cursor.
import { maxAgeSeconds } from './news-check';
import { verifyFeedSignature } from '../shared/crypto';
import { getMeta, setMeta, type HumasDb, type StoredItem } from '../storage/db';
import { changeItems, compactItems, storedLibrary } from '../storage/item-store';
import type { LibraryChanges } from './library';
import { deleteOrphanMedia, downloadMissingMedia, markPendingMedia } from './media-cache';
import { ContentItemSchema, FeedPageSchema, type ContentItem, type FeedPage } from '../shared/schema';
import { isLoopbackUrl, type Settings } from '../shared/settings';
import { judgePageFreshness } from '../shared/feed-freshness';
import { SYNC_STATE_KEY, SyncError, type SyncState } from './sync-status';

export interface SyncDeps {
  db: HumasDb;
  settings: Settings;
  fetch?: typeof fetch;
  now?: () => Date;
  timeoutMs?: number;
  /** Whether the extension holds a host permission for a URL's origin (absent in tests: assumed not needed). */
  hasHostPermission?: (url: string) => Promise<boolean>;
  /** Told about each committed page, so in-memory views can follow without re-reading everything. */
  onPageApplied?: (changes: LibraryChanges) => void | Promise<void>;
  /** Called once every feed page is in, before the images download. */
  onPagesDone?: () => void | Promise<void>;
  /** Called each time an image was stored (the sidebar shows it without waiting for the others). */
  onMediaStored?: () => void;
  /** Data-saver mode: full images are not downloaded ahead; each comes when the officer needs it. */
  dataSaver?: boolean;
}

const MAX_PAGES_PER_SYNC = 1000;

export async function readSyncState(db: HumasDb): Promise<SyncState> {
  return { skippedInvalid: 0, mediaProblems: 0, ...(await getMeta<SyncState>(db, SYNC_STATE_KEY)) };
}

async function fetchWithTimeout(doFetch: typeof fetch, url: string, init: RequestInit, timeoutMs: number): Promise<Response> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    // `no-cache`: the browser revalidates its cached copy with If-None-Match itself. Setting that
    // header by hand would make every cross-origin feed request need a CORS preflight, which static
    // hosts and CDNs often do not answer.
    const res = await doFetch(url, { ...init, signal: controller.signal, cache: 'no-cache' });
    // The body is read under the same deadline: a server that hangs mid-body is a timeout too.
    const body = res.status === 304 ? new Uint8Array() : new Uint8Array(await res.arrayBuffer());
    return new Response(res.status === 304 ? null : body, { status: res.status, headers: res.headers });
  } catch (err) {
    throw new SyncError(controller.signal.aborted ? 'timeout' : 'unreachable', String((err as Error)?.message ?? err));
  } finally {
    clearTimeout(timer);
  }
}

interface FetchedPage {
  res: Response;
  /** Its body read ahead (pages fetched while the one before was stored). */
  read?: Promise<ReadPage>;
}

interface ReadPage {
  envelope: FeedPage;
  valid: ContentItem[];
  invalid: number;
}

/** A fetched page's signature checked, its JSON parsed, its items validated: the CPU work of a page. */
async function readPage(res: Response, publicKey: string | undefined): Promise<ReadPage> {
  const body = new Uint8Array(await res.arrayBuffer());
  if (publicKey && !(await verifyFeedSignature(publicKey, res.headers.get('X-Library-Signature'), body))) throw new SyncError('signature');
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch (err) {
    throw new SyncError('format', String((err as Error).message));
  }
  const envelope = FeedPageSchema.safeParse(json);
  if (!envelope.success) throw new SyncError('format', envelope.error.issues[0]?.message ?? '');
  const valid: ContentItem[] = [];
  let invalid = 0;
  for (const raw of envelope.data.items) {
    const parsed = ContentItemSchema.safeParse(raw);
    if (parsed.success) valid.push(parsed.data);
    else invalid++;
  }
  return { envelope: envelope.data, valid, invalid };
}

function toStored(item: ContentItem, now: Date): StoredItem {
  return { ...item, mediaShas: item.media.map((m) => m.sha256.toLowerCase()), publishedMs: Date.parse(item.publishedAt), storedAt: now.toISOString() };
}

/** Applies one validated page in one transaction, cursor included, so a stopped worker resumes cleanly. */
async function applyPage(db: HumasDb, page: PageChanges, nextState: SyncState, now: Date): Promise<{ orphans: string[]; changes: LibraryChanges }> {
  const maybeOrphaned: string[] = [];
  let upserted: StoredItem[] = [];
  const { items, removed } = page;
  const removedIds = removed.map((r) => r.id);
  await db.transaction('rw', [db.itemSegments, db.media, db.meta, db.withdrawn, db.tombstones], async () => {
    const stored = (await storedLibrary(db)).byId;
    // First page from a different library: the old library goes, in the same transaction.
    if (page.replaceLibrary) for (const old of stored.values()) maybeOrphaned.push(...old.mediaShas);
    const existing = (id: string) => (page.replaceLibrary ? undefined : stored.get(id));
    // A removed item comes back only as a newer version than the one removed (never by a replayed page).
    const tombstones = page.anyTombstones ? await db.tombstones.bulkGet(items.map((i) => i.id)) : [];
    const fresh: ContentItem[] = [];
    items.forEach((item, i) => {
      const old = existing(item.id);
      if (old && item.version <= old.version) return; // same or older version: nothing to do
      if (tombstones[i] && item.version <= tombstones[i]!.version) return;
      fresh.push(item);
      if (old) maybeOrphaned.push(...old.mediaShas);
    });
    upserted = fresh.map((item) => toStored(item, now));
    // An item written and removed in the same page is gone at the version written.
    const written = new Map(upserted.map((item) => [item.id, item]));
    const gone = removedIds.map((id) => written.get(id) ?? existing(id));
    for (const old of gone) if (old) maybeOrphaned.push(...old.mediaShas);
    await changeItems(db, { put: upserted, remove: removedIds, clear: page.replaceLibrary });
    await markPendingMedia(db, upserted.flatMap((item) => item.mediaShas));
    const known = await db.tombstones.bulkGet(removedIds);
    await db.tombstones.bulkPut(removedIds.map((id, i) => ({ id, version: Math.max(gone[i]?.version ?? 0, known[i]?.version ?? 0) })));
    // Remember withdrawals so posts that used the item can be followed up; a republished item is cleared.
    const at = now.toISOString();
    const withdrawals = removed.flatMap((r, i) => (r.reason === 'withdrawn' ? [{ itemId: r.id, reason: r.reason, at, title: gone[i]?.title }] : []));
    await db.withdrawn.bulkPut(withdrawals);
    const republished = upserted.map((item) => item.id).filter((id) => page.withdrawnIds.has(id));
    if (republished.length) await db.withdrawn.bulkDelete(republished);
    for (const w of withdrawals) page.withdrawnIds.add(w.itemId);
    await setMeta(db, SYNC_STATE_KEY, nextState);
  });
  return { orphans: maybeOrphaned, changes: { upserted, removedIds, replaced: page.replaceLibrary } };
}

interface PageChanges {
  items: ContentItem[];
  removed: FeedPage['removed'];
  replaceLibrary: boolean;
  /** Ids in the withdrawn table (a handful): read once per sync, not per item. */
  withdrawnIds: Set<string>;
  /** Whether any tombstone exists (a first sync has none: it skips the lookups). */
  anyTombstones: boolean;
}

/**
 * A full snapshot's removals plus every stored item it no longer lists (a client offline longer than
 * the publisher keeps tombstones would otherwise keep withdrawn content forever). An item listed but
 * invalid is still listed: it keeps its stored version.
 */
async function withMissingRemoved(db: HumasDb, page: Pick<FeedPage, 'items' | 'removed'>): Promise<FeedPage['removed']> {
  const listed = new Set([...page.items.map((raw) => (raw as { id?: unknown } | null)?.id), ...page.removed.map((r) => r.id)]);
  const stored = [...(await storedLibrary(db)).byId.keys()];
  return [...page.removed, ...stored.filter((id) => !listed.has(id)).map((id) => ({ id, reason: 'withdrawn' as const }))];
}

function feedUrl(libraryUrl: string, cursor?: string): string {
  return `${libraryUrl}/v1/feed${cursor ? `?since=${encodeURIComponent(cursor)}` : ''}`;
}

/** Runs one full sync. Throws SyncError after recording it; the stored library stays as it was. */
export async function syncLibrary(deps: SyncDeps): Promise<SyncState> {
  const { db, settings } = deps;
  const doFetch = deps.fetch ?? fetch.bind(globalThis);
  const now = deps.now ?? (() => new Date());
  const timeoutMs = deps.timeoutMs ?? 30_000;
  let state = await readSyncState(db);
  let replaceLibrary = !!state.libraryUrl && state.libraryUrl !== settings.libraryUrl;
  if (state.libraryUrl !== settings.libraryUrl) {
    // A different library: its cursor, ETag and publication numbers mean nothing here.
    state = { ...state, libraryUrl: settings.libraryUrl, cursor: undefined, etag: undefined, sequence: undefined, issuedAt: undefined };
  }
  const startedAt = now().toISOString();
  let skippedInvalid = 0;
  const withdrawnIds = new Set((await db.withdrawn.toCollection().primaryKeys()) as string[]);
  try {
    // Fail closed: a refused address is never replaced by another silently, and only a library on
    // this computer (development) may be used without a key.
    if (settings.rejected?.includes('libraryUrl')) throw new SyncError('insecureUrl');
    if (!settings.publicKey && !isLoopbackUrl(settings.libraryUrl)) throw new SyncError('unsigned');
    if (replaceLibrary) await db.tombstones.clear();
    // The next page is fetched, verified and validated while this one is stored (network, the
    // worker's CPU and IndexedDB overlap); it is used only after this page committed, so a stop in
    // between resumes from this page's cursor.
    let nextPage: Promise<FetchedPage> | undefined;
    let anyTombstones: boolean | undefined;
    for (let page = 0; page < MAX_PAGES_PER_SYNC; page++) {
      const fetched = await (nextPage ?? fetchWithTimeout(doFetch, feedUrl(settings.libraryUrl, state.cursor), {}, timeoutMs).then((res): FetchedPage => ({ res })));
      nextPage = undefined;
      const { res } = fetched;
      state = { ...state, maxAgeSeconds: maxAgeSeconds(res.headers.get('Cache-Control')) };
      if (res.status === 304) break;
      if (!res.ok) throw new SyncError('http', String(res.status));
      // A 304 answered by the browser's cache arrives as the cached 200: the same ETag means unchanged.
      const etag = res.headers.get('ETag');
      if (page === 0 && state.cursor && etag && etag === state.etag) break;
      const { envelope, valid, invalid } = await (fetched.read ?? readPage(res, settings.publicKey));
      skippedInvalid += invalid;
      const { sequence, issuedAt } = envelope;
      // A page older than what is here (a replay, a stale cache), or than the build's or policy's
      // floor on a first sync, changes nothing; signed pages must say when and which publication.
      const freshness = judgePageFreshness(envelope, { signed: !!settings.publicKey, acceptedSequence: state.sequence, minSequence: settings.minSequence });
      if (!freshness.ok) throw new SyncError(freshness.code, freshness.detail);
      if (envelope.hasMore) {
        nextPage = fetchWithTimeout(doFetch, feedUrl(settings.libraryUrl, envelope.cursor), {}, timeoutMs).then((next): FetchedPage => {
          if (!next.ok || next.status === 304) return { res: next };
          const read = readPage(next, settings.publicKey);
          // Awaited in the next round; a sync that fails before then leaves it unread, not unhandled.
          read.catch(() => undefined);
          return { res: next, read };
        });
        nextPage.catch(() => undefined);
      }
      state = {
        ...state,
        cursor: envelope.cursor,
        etag: envelope.hasMore ? undefined : (res.headers.get('ETag') ?? undefined),
        ...(sequence !== undefined ? { sequence } : {}),
        ...(issuedAt && (!state.issuedAt || Date.parse(issuedAt) > Date.parse(state.issuedAt)) ? { issuedAt } : {}),
      };
      // Counted once per sync (each count waits for a transaction); a page's removals make tombstones.
      anyTombstones ??= (await db.tombstones.count()) > 0;
      const removed = envelope.complete && !envelope.hasMore ? await withMissingRemoved(db, envelope) : envelope.removed;
      const changes = { items: valid, removed, replaceLibrary, withdrawnIds, anyTombstones };
      const applied = await applyPage(db, changes, { ...state, skippedInvalid }, now());
      anyTombstones ||= removed.length > 0;
      replaceLibrary = false;
      await deps.onPageApplied?.(applied.changes);
      await deleteOrphanMedia(db, applied.orphans);
      if (!envelope.hasMore) break;
    }
    await compactItems(db);
    // The library text is complete and verified: say so now. On a slow link the images that follow
    // may take many minutes, and neither the status nor the sidebar waits for them.
    state = { ...state, skippedInvalid, lastSuccessAt: now().toISOString(), lastAttemptAt: startedAt, lastError: undefined };
    await setMeta(db, SYNC_STATE_KEY, state);
    await deps.onPagesDone?.();
    const media = deps.dataSaver
      ? { unavailable: await db.media.where('state').anyOf('failed', 'rejected').count(), storageFull: false }
      : await downloadMissingMedia({ db, libraryUrl: settings.libraryUrl, fetch: doFetch, now, timeoutMs, onStored: deps.onMediaStored });
    state = { ...state, running: false, dataSaver: deps.dataSaver || undefined, skippedInvalid, mediaProblems: media.unavailable, storageFull: media.storageFull, lastSuccessAt: now().toISOString(), lastAttemptAt: startedAt, lastError: undefined };
    await setMeta(db, SYNC_STATE_KEY, state);
    return state;
  } catch (err) {
    let error = err instanceof SyncError ? err : new SyncError('unreachable', String(err));
    // Without CORS headers a fetch fails just like an unreachable server: say both, and how to fix it.
    if (error.code === 'unreachable' && deps.hasHostPermission && !(await deps.hasHostPermission(settings.libraryUrl))) {
      error = new SyncError('permission', error.detail);
    }
    const latest = await readSyncState(db);
    await setMeta(db, SYNC_STATE_KEY, {
      ...latest,
      running: false,
      lastAttemptAt: startedAt,
      lastError: { code: error.code, detail: error.detail, at: now().toISOString() },
    });
    throw error;
  }
}
