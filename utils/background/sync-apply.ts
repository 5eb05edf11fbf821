// Applying what a sync fetched, whatever the layout (feed pages or the static layout's files): items
// validated one by one, each page committed in one transaction with the sync state, so a stopped
// worker resumes from the last committed page.
import { getMeta, setMeta, type HumasDb, type StoredItem } from '../storage/db';
import { changeItems, storedLibrary } from '../storage/item-store';
import type { LibraryChanges } from './library';
import { deleteOrphanMedia, markPendingMedia } from './media-cache';
import { ContentItemSchema, type ContentItem, type FeedPage } from '../shared/schema';
import type { Settings } from '../shared/settings';
import { belongsTo, splitStoredId, storedItemId, type LibrarySource } from '../shared/libraries';
import { syncStateKey, type SyncState } from './sync-status';
import { resolveMediaUrl } from './media-cache';
import type { SyncDeps } from './sync';
import type { FileRef } from '../shared/static-format';

export type Removal = FeedPage['removed'][number];

/** One sync as it goes: where it is, and what every page needs to know. */
export interface SyncRun {
  deps: SyncDeps;
  db: HumasDb;
  settings: Settings;
  /** The library this run syncs (its items, tombstones and state are its own). */
  library: LibrarySource;
  doFetch: typeof fetch;
  now: () => Date;
  /** A download is given up when no byte arrived for this long. */
  stallMs: number;
  /** Written with each committed page. */
  state: SyncState;
  /** The first page comes from another library: the old one goes with it. */
  replaceLibrary: boolean;
  skippedInvalid: number;
  /** Ids in the withdrawn table (a handful): read once per sync, not per item. */
  withdrawnIds: Set<string>;
  /** Whether any tombstone exists (a first sync has none: it skips the lookups). */
  anyTombstones?: boolean;
}

/** The text sync's own state, without the image run's (sync.ts's readSyncState merges both). */
export async function readTextState(db: HumasDb, library?: LibrarySource): Promise<SyncState> {
  return { skippedInvalid: 0, mediaProblems: 0, ...(await getMeta<SyncState>(db, syncStateKey(library))) };
}

/** What the image phase knows: kept apart from the text's state so neither overwrites the other. */
export interface MediaState {
  /** Thumbnail packs of the static snapshot's later pages, still to fetch. */
  thumbPacks?: FileRef[];
  mediaProblems?: number;
  storageFull?: boolean;
  dataSaver?: boolean;
}
export const MEDIA_STATE_KEY = 'syncMedia';
export const mediaStateKey = (library?: LibrarySource) => (!library || library.primary ? MEDIA_STATE_KEY : `${MEDIA_STATE_KEY}:${library.id}`);
export async function setThumbPacks(db: HumasDb, thumbPacks: FileRef[], library?: LibrarySource): Promise<void> {
  await setMeta(db, mediaStateKey(library), { ...(await getMeta<MediaState>(db, mediaStateKey(library))), thumbPacks });
}

/**
 * An item as this library's store knows it: another library's under `<libraryId>:<id>` (the same id
 * in two libraries stays two items), its images' addresses made absolute against its own library.
 */
function inStore(library: LibrarySource, item: ContentItem): ContentItem {
  if (storedItemId(library, item.id) === item.id) return item;
  const media = item.media.map((m) => ({ ...m, url: resolveMediaUrl(library.url, m.url) }));
  return { ...item, id: storedItemId(library, item.id), media };
}

/** Each item validated on its own: one invalid item is skipped and counted, the rest are kept. */
export function validItems(raw: unknown[]): { valid: ContentItem[]; invalid: number } {
  const valid: ContentItem[] = [];
  let invalid = 0;
  for (const item of raw) {
    const parsed = ContentItemSchema.safeParse(item);
    if (parsed.success) valid.push(parsed.data);
    else invalid++;
  }
  return { valid, invalid };
}

function toStored(item: ContentItem, now: Date): StoredItem {
  return { ...item, mediaShas: item.media.map((m) => m.sha256.toLowerCase()), publishedMs: Date.parse(item.publishedAt), storedAt: now.toISOString() };
}

/** Applies one validated page in one transaction, cursor included, so a stopped worker resumes cleanly. */
async function applyPage(db: HumasDb, page: PageChanges, nextState: SyncState, now: Date, library: LibrarySource): Promise<{ orphans: string[]; changes: LibraryChanges }> {
  const maybeOrphaned: string[] = [];
  let upserted: StoredItem[] = [];
  const { items, removed } = page;
  const removedIds = removed.map((r) => r.id);
  await db.transaction('rw', [db.itemSegments, db.media, db.meta, db.withdrawn, db.tombstones], async () => {
    const stored = (await storedLibrary(db)).byId;
    // First page from a different library: the old library goes, in the same transaction (the others' items stay).
    const replaced = page.replaceLibrary ? [...stored.values()].filter((old) => belongsTo(library, old.id)) : [];
    for (const old of replaced) maybeOrphaned.push(...old.mediaShas);
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
    const clear = page.replaceLibrary && replaced.length === stored.size;
    const remove = page.replaceLibrary && !clear ? [...new Set([...replaced.map((old) => old.id), ...removedIds])] : removedIds;
    await changeItems(db, { put: upserted, remove, clear });
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
    await setMeta(db, syncStateKey(library), nextState);
  });
  return { orphans: maybeOrphaned, changes: { upserted, removedIds, replaced: page.replaceLibrary } };
}

interface PageChanges {
  items: ContentItem[];
  removed: Removal[];
  replaceLibrary: boolean;
  /** Ids in the withdrawn table (a handful): read once per sync, not per item. */
  withdrawnIds: Set<string>;
  /** Whether any tombstone exists (a first sync has none: it skips the lookups). */
  anyTombstones: boolean;
}

/**
 * A full snapshot's removals plus every stored item it does not list (a client offline longer than
 * the publisher keeps tombstones would otherwise keep withdrawn content forever). An item listed but
 * invalid is still listed: it keeps its stored version.
 */
export async function withUnlistedRemoved(run: Pick<SyncRun, 'db' | 'library'>, listed: Set<unknown>, removed: Removal[]): Promise<Removal[]> {
  const known = new Set([...listed, ...removed.map((r) => r.id)]);
  // Only this library's items: another library's are not listed here, and not gone.
  const stored = [...(await storedLibrary(run.db)).byId.keys()].filter((id) => belongsTo(run.library, id)).map((id) => splitStoredId(id).itemId);
  return [...removed, ...stored.filter((id) => !known.has(id)).map((id) => ({ id, reason: 'withdrawn' as const }))];
}

/** Commits one page with the run's state, tells the in-memory views, and drops images no item uses any more. */
export async function commitPage(run: SyncRun, page: { items: ContentItem[]; removed: Removal[] }): Promise<void> {
  // Counted once per sync (each count waits for a transaction); a page's removals make tombstones.
  run.anyTombstones ??= (await run.db.tombstones.count()) > 0;
  const items = page.items.map((item) => inStore(run.library, item));
  const removed = page.removed.map((r) => ({ ...r, id: storedItemId(run.library, r.id) }));
  const changes = { items, removed, replaceLibrary: run.replaceLibrary, withdrawnIds: run.withdrawnIds, anyTombstones: run.anyTombstones };
  const applied = await applyPage(run.db, changes, { ...run.state, skippedInvalid: run.skippedInvalid }, run.now(), run.library);
  run.anyTombstones ||= page.removed.length > 0;
  run.replaceLibrary = false;
  await run.deps.onPageApplied?.(applied.changes);
  await deleteOrphanMedia(run.db, applied.orphans);
}
