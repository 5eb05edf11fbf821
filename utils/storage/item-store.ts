// Library items in IndexedDB as segments: each committed feed page appends one record holding its
// new item versions and the ids it removed, and the library is the fold of all segments in order.
// Why: Chromium's IndexedDB costs ~150 µs per record written on a two-core machine whatever its
// size (10,000 item records: 1.4–2.0 s; the same items in 20 records: 0.07–0.15 s), so a first sync
// of 10,000 items writes 20 records, not 10,000. The background is the only writer; it keeps the
// folded library in memory and checks it against the stored revision before each use, so a write
// from elsewhere (or a transaction that aborted after the cache moved) is read again, never trusted.
import type { HumasDb, StoredItem } from './db';

export interface ItemSegment {
  seg: number;
  items: StoredItem[];
  /** Applied after `items`: an id both written and removed in one page is gone. */
  removed: string[];
}

export interface StoredLibrary {
  rev: number;
  byId: ReadonlyMap<string, StoredItem>;
  segments: number;
  nextSeg: number;
  /** Items and removals across all segments: the work a fold does, and the garbage compaction drops. */
  entries: number;
  bySha?: Map<string, StoredItem[]>;
}

export interface ItemChange {
  put: StoredItem[];
  remove: string[];
  /** The whole library goes first (another library URL). */
  clear?: boolean;
}

export const ITEMS_REVISION_KEY = 'itemsRevision';
const SEGMENT_ITEMS = 500;
const MAX_SEGMENTS = 32;
const folded = new WeakMap<HumasDb, StoredLibrary>();

function fold(segments: ItemSegment[], rev: number): StoredLibrary {
  const byId = new Map<string, StoredItem>();
  let entries = 0;
  for (const segment of segments) {
    for (const item of segment.items) byId.set(item.id, item);
    for (const id of segment.removed) byId.delete(id);
    entries += segment.items.length + segment.removed.length;
  }
  return { rev, byId, segments: segments.length, nextSeg: (segments.at(-1)?.seg ?? 0) + 1, entries };
}

/** The stored library; inside a caller's transaction when there is one (it must include itemSegments and meta). */
export function storedLibrary(db: HumasDb): Promise<StoredLibrary> {
  return db.transaction('r', [db.itemSegments, db.meta], async () => {
    const rev = ((await db.meta.get(ITEMS_REVISION_KEY))?.value as number | undefined) ?? 0;
    const known = folded.get(db);
    if (known && known.rev === rev) return known;
    const library = fold(await db.itemSegments.toArray(), rev);
    folded.set(db, library);
    return library;
  });
}

export async function storedItems(db: HumasDb): Promise<StoredItem[]> {
  return [...(await storedLibrary(db)).byId.values()];
}

/** Stored items showing an image (sha256 in lower case). */
export async function itemsUsingMedia(db: HumasDb, sha: string): Promise<StoredItem[]> {
  const library = await storedLibrary(db);
  if (!library.bySha) {
    library.bySha = new Map();
    for (const item of library.byId.values()) {
      for (const itemSha of new Set(item.mediaShas)) {
        const users = library.bySha.get(itemSha);
        if (users) users.push(item);
        else library.bySha.set(itemSha, [item]);
      }
    }
  }
  return library.bySha.get(sha) ?? [];
}

async function commit(db: HumasDb, segments: ItemSegment[], library: Omit<StoredLibrary, 'rev'>, rev: number): Promise<void> {
  await db.itemSegments.bulkAdd(segments);
  await db.meta.put({ key: ITEMS_REVISION_KEY, value: rev });
  folded.set(db, { ...library, rev });
}

/** Writes one change as one segment, in the caller's transaction when there is one. */
export function changeItems(db: HumasDb, change: ItemChange): Promise<void> {
  if (!change.put.length && !change.remove.length && !change.clear) return Promise.resolve();
  return db.transaction('rw', [db.itemSegments, db.meta], async () => {
    const before = await storedLibrary(db);
    const byId = new Map(change.clear ? [] : before.byId);
    for (const item of change.put) byId.set(item.id, item);
    for (const id of change.remove) byId.delete(id);
    if (change.clear) await db.itemSegments.clear();
    const seg = change.clear ? 1 : before.nextSeg;
    const entries = (change.clear ? 0 : before.entries) + change.put.length + change.remove.length;
    const segments = (change.clear ? 0 : before.segments) + 1;
    await commit(db, [{ seg, items: change.put, removed: change.remove }], { byId, segments, nextSeg: seg + 1, entries }, before.rev + 1);
  });
}

/**
 * Rewrites the library as few segments when many small pages or much garbage (replaced versions,
 * removals) piled up; a sync calls it once at its end, so each feed page still commits on its own.
 */
export function compactItems(db: HumasDb): Promise<boolean> {
  return db.transaction('rw', [db.itemSegments, db.meta], async () => {
    const library = await storedLibrary(db);
    if (library.segments <= MAX_SEGMENTS && library.entries <= 2 * library.byId.size + SEGMENT_ITEMS) return false;
    const items = [...library.byId.values()];
    const segments = segmentsOf(items);
    await db.itemSegments.clear();
    await commit(db, segments, { byId: library.byId, segments: segments.length, nextSeg: segments.length + 1, entries: items.length }, library.rev + 1);
    return true;
  });
}

/** Segments of an existing item list (the upgrade from one record per item). */
export function segmentsOf(items: StoredItem[]): ItemSegment[] {
  const segments: ItemSegment[] = [];
  for (let start = 0; start < items.length; start += SEGMENT_ITEMS) segments.push({ seg: segments.length + 1, items: items.slice(start, start + SEGMENT_ITEMS), removed: [] });
  return segments;
}
