// The extension's IndexedDB. Written by the background (library, media, log, outbox); read by the
// extension's own pages directly (dashboard and popup query the log through utils/pages/log-query.ts:
// a 100,000-row log does not travel well as messages). Never by the content script, which sees the
// page's IndexedDB, not ours (tests/unit/architecture.test.ts keeps it out).
import Dexie, { type EntityTable } from 'dexie';
import type { RemovalReason } from '../shared/library-terms';
import type { ContentItem, Platform } from '../shared/schema';

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
}

export interface LogEntry {
  id: string;
  postedAt: string;
  platform: Platform;
  itemId: string;
  itemVersion: number;
  mediaIds: string[];
  text: string;
  edited: boolean;
  account: string;
  pageUrl: string;
  officerName: string;
  agency: string;
  /** What the site said when the entry was written: at the Post click that is always `unconfirmed`. */
  status: PostStatus;
  /** The item's programme when posted (items can be withdrawn later). */
  program: string;
  /** The published post's address, when the site showed it before the entry was written. */
  postUrl?: string;
  prevHash: string;
  hash: string;
  /** base64 Ed25519 signature of `hash` by this install's key (entries written before installs had keys: none). */
  signature?: string;
}

export const POST_STATUSES = ['unconfirmed', 'confirmed', 'failed'] as const;
export type PostStatus = (typeof POST_STATUSES)[number];

/**
 * A later fact about a post, as its own entry in the chain (hashed entries are never edited): the
 * site's verdict and/or the post's address. It has no `postedAt`, so the log's indexes, and with
 * them the dashboard's lists, see posts only.
 */
export interface LogUpdate {
  id: string;
  /** The id of the post entry this one completes. */
  updates: string;
  observedAt: string;
  status?: PostStatus;
  postUrl?: string;
  prevHash: string;
  hash: string;
  /** base64 Ed25519 signature of `hash` by this install's key (entries written before installs had keys: none). */
  signature?: string;
}

/** Local bookkeeping on stored rows, outside the hash: chain order, chain, and a post's latest state. */
interface StoredAnnotations {
  /** Local sequence number: the chain order. */
  seq?: number;
  /** Which chain the entry belongs to: 'local', or the chain id of an imported export. */
  chain: string;
  /** On post entries: the status and address the newest update gave (derived from the chain). */
  latest?: { status: PostStatus; postUrl?: string };
}

export type StoredLogEntry = LogEntry & StoredAnnotations;
export type StoredLogUpdate = LogUpdate & StoredAnnotations;
/** A row of the log table: a post, or an update of one. */
export type StoredLogRow = StoredLogEntry | StoredLogUpdate;

export function isPostEntry<T extends object>(row: T): row is Exclude<T, { updates: string }> {
  return !('updates' in row && row.updates);
}

/** A post's status and address as the supervisor should see them: the newest update wins. */
export function currentState(entry: StoredLogEntry): { status: PostStatus; postUrl?: string } {
  // Entries from before statuses existed were only written once the site had confirmed the post.
  return { status: entry.latest?.status ?? entry.status ?? 'confirmed', postUrl: entry.latest?.postUrl ?? entry.postUrl };
}

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
  items: EntityTable<StoredItem, 'id'>;
  media: EntityTable<StoredMedia, 'sha256'>;
  log: EntityTable<StoredLogRow, 'seq'>;
  outbox: EntityTable<OutboxRow, 'id'>;
  meta: EntityTable<MetaRow, 'key'>;
  withdrawn: EntityTable<WithdrawnRow, 'itemId'>;
  tombstones: EntityTable<TombstoneRow, 'id'>;
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
  return db;
}

export async function getMeta<T>(db: HumasDb, key: string): Promise<T | undefined> {
  return (await db.meta.get(key))?.value as T | undefined;
}

export function setMeta(db: HumasDb, key: string, value: unknown): Promise<string> {
  return db.meta.put({ key, value });
}
