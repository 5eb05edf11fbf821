// The posting log's CSV lines, kept ready in blocks of CSV_BLOCK_ROWS posts (by seq) beside the log.
// Why: Chromium's IndexedDB pays per record read (measured on 100,000 posts: 1.2–3.7 s whether the
// records are 15-field objects or plain strings; the same lines in 200 records of 500: 0.17–0.37 s).
// Every write of a post or of its status goes through putCsvRows in the same transaction; a block
// set whose row count differs from the log's posts is rebuilt from the log before it is used.
import { csvRows } from '../shared/log-csv';
import { currentState, isPostEntry, type PostStatus, type StoredLogEntry, type StoredLogRow } from '../shared/log-entry';
import type { HumasDb } from './db';

export const CSV_BLOCK_ROWS = 256;

/** What the dashboard filters on, and the post's CSV line (ending in CRLF). */
export interface CsvRowView {
  seq: number;
  postedAt: string;
  platform: StoredLogEntry['platform'];
  program: string;
  officerName: string;
  edited: boolean;
  itemId: string;
  status: PostStatus;
  line: string;
}

export interface CsvBlock {
  block: number;
  rows: Record<number, CsvRowView>;
}

const blockOf = (seq: number) => Math.floor(seq / CSV_BLOCK_ROWS);

function csvView(post: StoredLogEntry & { seq: number }): CsvRowView {
  const { seq, postedAt, platform, program, officerName, edited, itemId } = post;
  return { seq, postedAt, platform, program, officerName, edited, itemId, status: currentState(post).status, line: csvRows([post]) };
}

/**
 * Writes (or rewrites) these posts' lines; other rows are ignored. Call inside a transaction that
 * holds db.csvBlocks with the log write, so the two never disagree.
 */
export async function putCsvRows(db: HumasDb, rows: StoredLogRow[]): Promise<void> {
  const posts = rows.filter((r): r is StoredLogEntry & { seq: number } => isPostEntry(r) && typeof r.seq === 'number');
  if (!posts.length) return;
  const numbers = [...new Set(posts.map((p) => blockOf(p.seq)))];
  const blocks = await db.csvBlocks.bulkGet(numbers);
  const byNumber = new Map(numbers.map((block, i) => [block, blocks[i] ?? { block, rows: {} }]));
  for (const post of posts) byNumber.get(blockOf(post.seq))!.rows[post.seq] = csvView(post);
  await db.csvBlocks.bulkPut([...byNumber.values()]);
}

/**
 * Drops every block and writes them again from the log's posts (one transaction, a cursor over
 * posts); `onProgress` gets the posts written so far.
 */
export async function rebuildCsvBlocks(db: HumasDb, onProgress?: (written: number) => void): Promise<void> {
  await db.transaction('rw', db.log, db.csvBlocks, async () => {
    await db.csvBlocks.clear();
    const blocks = new Map<number, CsvBlock>();
    let written = 0;
    await db.log.orderBy('postedAt').each((row) => {
      if (!isPostEntry(row) || typeof row.seq !== 'number') return;
      const block = blockOf(row.seq);
      if (!blocks.has(block)) blocks.set(block, { block, rows: {} });
      blocks.get(block)!.rows[row.seq] = csvView(row as StoredLogEntry & { seq: number });
      if (++written % 1000 === 0) onProgress?.(written);
    });
    await db.csvBlocks.bulkPut([...blocks.values()]);
  });
}

/** Every block and the log's post count, read in one transaction (so an append cannot fall between). */
function readBlocks(idb: IDBDatabase, onProgress?: (read: number, posts: number) => void): Promise<{ posts: number; views: CsvRowView[] }> {
  return new Promise((resolve, reject) => {
    const tx = idb.transaction(['log', 'csvBlocks'], 'readonly');
    const blocks = tx.objectStore('csvBlocks');
    const count = tx.objectStore('log').index('postedAt').count();
    const views: CsvRowView[] = [];
    // One get per block, all asked at once: measured faster than one getAll of large answers.
    const keys = blocks.getAllKeys();
    keys.onsuccess = () => {
      for (const key of keys.result) {
        const get = blocks.get(key);
        get.onsuccess = () => {
          for (const view of Object.values((get.result as CsvBlock).rows)) views.push(view);
          onProgress?.(views.length, count.result);
        };
      }
    };
    tx.oncomplete = () => resolve({ posts: count.result, views });
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

/**
 * Every post's CSV view, in no particular order; `onProgress` gets the rows read so far and the
 * log's post count. Rebuilt from the log first when the blocks do not hold exactly the log's posts
 * (a log written before blocks existed): progress then counts the posts written, and starts over to read them.
 */
export async function readCsvViews(db: HumasDb, onProgress?: (read: number, posts: number) => void): Promise<CsvRowView[]> {
  await db.open();
  const read = await readBlocks(db.backendDB(), onProgress);
  if (read.views.length === read.posts) return read.views;
  await rebuildCsvBlocks(db, (written) => onProgress?.(written, read.posts));
  return (await readBlocks(db.backendDB(), onProgress)).views;
}
