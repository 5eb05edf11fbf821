// The extension's IndexedDB. Written by the background (library, media, log, outbox); read by the
// extension's own pages directly (dashboard and popup query the log through utils/pages/log-query.ts:
// a 100,000-row log does not travel well as messages). Never by the content script, which sees the
// page's IndexedDB, not ours (tests/unit/architecture.test.ts keeps it out).
import Dexie, { type EntityTable } from 'dexie';
import type { RemovalReason } from '../shared/library-terms';
import type { ContentItem } from '../shared/schema';
import type { CsvBlock } from './csv-blocks';
import { ITEMS_REVISION_KEY, segmentsOf, type ItemSegment } from './item-store';

/** A library item as stored: the feed item plus derived index fields. */
export interface StoredItem extends ContentItem {
  /** sha256 of each media file, multi-entry indexed so orphaned images are found without a scan. */
  mediaShas: string[];
  /** publishedAt as epoch ms: offsets differ between items, numbers compare correctly. */
  publishedMs: number;
  storedAt: string;
}

/** Cached image bytes, content-addressed by sha256 so a version bump with the same image costs nothing. */
export interface StoredMedia {
  sha256: string;
  /** pending: referenced, not downloaded yet; failed: retried after nextAttemptAt; rejected: wrong bytes. */
  state: 'ok' | 'pending' | 'rejected' | 'failed';
  blob?: Blob;
  mime?: string;
  /** Small preview as a data URL, drawn once when the image is cached. */
  thumb?: string;
  error?: string;
  attempts: number;
  nextAttemptAt?: number;
  /** Bytes of an interrupted download, resumed with a Range request; `partialEtag` is the answer's validator. */
  partial?: Blob;
  partialEtag?: string;
}

export { POST_STATUSES, currentState, isDismissal, isPostEntry } from '../shared/log-entry';
import type { StoredLogRow } from '../shared/log-entry';
export type { LogDismissal, LogEntry, LogUpdate, PostStatus, StoredLogDismissal, StoredLogEntry, StoredLogUpdate, StoredLogRow } from '../shared/log-entry';

/** An item the library withdrew: posts that used it need following up. */
export interface WithdrawnRow {
  itemId: string;
  reason: RemovalReason;
  at: string;
  title?: string;
}

/** A removed item and the version it had: no page may bring that version (or an older one) back. */
export interface TombstoneRow {
  id: string;
  version: number;
}

export interface OutboxRow {
  id: string;
  attempts: number;
  nextAttemptAt: number;
}

export interface MetaRow {
  key: string;
  value: unknown;
}

export type HumasDb = Dexie & {
  itemSegments: EntityTable<ItemSegment, 'seg'>;
  media: EntityTable<StoredMedia, 'sha256'>;
  log: EntityTable<StoredLogRow, 'seq'>;
  outbox: EntityTable<OutboxRow, 'id'>;
  meta: EntityTable<MetaRow, 'key'>;
  withdrawn: EntityTable<WithdrawnRow, 'itemId'>;
  tombstones: EntityTable<TombstoneRow, 'id'>;
  csvBlocks: EntityTable<CsvBlock, 'block'>;
};

export function openDb(name = 'humas-kanal'): HumasDb {
  const db = new Dexie(name) as HumasDb;
  db.version(1).stores({
    items: '&id, program, kind, publishedAt, expiresAt, *mediaShas',
    media: '&sha256, state',
    log: '++seq, &id, postedAt, platform, itemId, officerName',
    outbox: '&id, nextAttemptAt',
    meta: '&key',
  });
  // v2: chains from imported exports, and withdrawn items for the follow-up view.
  db.version(2).stores({
    log: '++seq, &id, postedAt, platform, itemId, officerName, chain',
    withdrawn: '&itemId',
  });
  // v3: post status (updates carry no postedAt, so posts-only indexes skip them) and lookups of a post's updates.
  db.version(3).stores({
    log: '++seq, &id, postedAt, platform, itemId, officerName, chain, updates',
  });
  // v4: tombstones of removed items, so a replayed older feed cannot bring them back.
  db.version(4).stores({ tombstones: '&id' });
  // v5: dismissals of urgent items (the to-do reads them by item).
  db.version(5).stores({
    log: '++seq, &id, postedAt, platform, itemId, officerName, chain, updates, dismisses',
  });
  // v6: item indexes nothing reads (kind, publishedAt, expiresAt) dropped: each cost every first sync a write per row.
  db.version(6).stores({ items: '&id, program, *mediaShas' });
  // v7: the log's CSV lines in blocks (csv-blocks.ts); filled from the log on the first export.
  db.version(7).stores({ csvBlocks: '&block' });
  // v8: library items in segments (item-store.ts): a first sync writes 20 records, not 10,000.
  db.version(8)
    .stores({ itemSegments: '&seg' })
    .upgrade(async (tx) => {
      const items = (await tx.table('items').toArray()) as StoredItem[];
      await tx.table('itemSegments').bulkAdd(segmentsOf(items));
      await tx.table('meta').put({ key: ITEMS_REVISION_KEY, value: 1 });
    });
  // v9: the old one-record-per-item store goes (Dexie deletes a table only after the version that copied it).
  db.version(9).stores({ items: null });
  // v10: CSV blocks became columnar; the old ones go and are rebuilt from the log on the next export.
  db.version(10)
    .stores({})
    .upgrade((tx) => tx.table('csvBlocks').clear());
  // v11: this install's own chain in order (report-cursor.ts reads "own entries after seq n" without
  // walking imported chains).
  db.version(11).stores({
    log: '++seq, &id, postedAt, platform, itemId, officerName, chain, updates, dismisses, [chain+seq]',
  });
  return db;
}

export async function getMeta<T>(db: HumasDb, key: string): Promise<T | undefined> {
  return (await db.meta.get(key))?.value as T | undefined;
}

export function setMeta(db: HumasDb, key: string, value: unknown): Promise<string> {
  return db.meta.put({ key, value });
}
