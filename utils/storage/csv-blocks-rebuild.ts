// Writing the CSV blocks from the log when they are missing or stale (csv-blocks.ts says why they
// exist): before an export uses them (readCsvBlocks), or ahead of it in the background
// (prepareCsvBlocks, after an update or once the dashboard is drawn).
import { CSV_FORMAT_VERSION } from '../shared/log-csv';
import { isPostEntry, type StoredLogEntry, type StoredLogRow } from '../shared/log-entry';
import { blockOf, blockOfPosts, CSV_BLOCK_ROWS, type CsvBlock } from './csv-blocks';
import type { HumasDb } from './db';

/** Blocks per read of the log while writing blocks (a seq range of whole blocks). */
const BLOCKS_PER_READ = 16;
/**
 * Blocks per transaction in the background: each holds the log against other pages and the
 * background's writes while it runs (~1,000 posts: ~100 ms here under load).
 */
const BLOCKS_PER_BACKGROUND_WRITE = 4;

type Post = StoredLogEntry & { seq: number };

/**
 * The blocks an export finds missing or stale, written from the log in one transaction (a block
 * with no post left is deleted); returns them and the log's newest seq as that transaction saw it.
 * `onWritten` gets each block's post count as it is written.
 *
 * The first export after an update that changes the escaping rule (CSV_FORMAT_VERSION), or from a
 * log written by a version without blocks, used to write every block. Measured on 100,000 posts
 * (headless Chromium, 2 cores shared with other engineers' runs, `npm run bench -- dashboard`):
 * 7.1 s before (5.7–5.9 s on a quieter machine). Instrumented (one cold run, 9.6 s under heavier
 * load): 75 % Dexie's `each` over the postedAt index (a cursor step, an index lookup and a wrapper
 * per record: 7.4 s, of which formatting the lines 0.8 s; a raw primary-key cursor reads the same in
 * 2.0 s), 13 % building the blocks (per-line byte arrays copied together, sorts, maps), 8 % bulkPut,
 * then 14 % reading back the blocks just written. Now: primary-key `getAll` over seq ranges of
 * whole blocks, all asked at once; each block formatted and encoded in one pass and put as it is
 * made; the blocks handed to the export, not read back. Writing every block: 5.3 s against 3.5 s
 * for reading the log's entries alone in the same run (instrumented: 3.0–3.5 s in this function,
 * of which JS 2.1–2.5 s — formatting 0.7, encoding 0.2–0.3, columns 0.2, structured clone at put
 * 0.3–0.8, the rest reading the results — then 0.25 s counting the log's posts and 0.15 s its keys).
 * Reading 100,000 entries alone takes longer than the 2 s an export may, so the dashboard writes
 * the blocks in the background once it opens (prepareCsvBlocks: 4.5–6 s, a few blocks per
 * transaction) and the first export after an update writes only what is still missing: 0.56 s once
 * the background is done, as any export (bench "CSV export, first after an update").
 */
function writeBlocks(idb: IDBDatabase, numbers: number[], onWritten?: (posts: number) => void): Promise<{ lastSeq: number; blocks: CsvBlock[] }> {
  return new Promise((resolve, reject) => {
    const tx = idb.transaction(['log', 'csvBlocks'], 'readwrite');
    const log = tx.objectStore('log');
    const store = tx.objectStore('csvBlocks');
    const last = lastSeq(log);
    const blocks: CsvBlock[] = [];
    // Runs of neighbouring blocks, each read with one getAll over its seq range.
    for (let i = 0; i < numbers.length; ) {
      let j = i + 1;
      while (j < numbers.length && numbers[j]! < numbers[i]! + BLOCKS_PER_READ) j++;
      const wanted = numbers.slice(i, j);
      const read = log.getAll(IDBKeyRange.bound(wanted[0]! * CSV_BLOCK_ROWS, (wanted.at(-1)! + 1) * CSV_BLOCK_ROWS, false, true));
      read.onsuccess = () => {
        const rows = read.result as StoredLogRow[];
        const posts = new Map<number, Post[]>(wanted.map((number) => [number, []]));
        // Ascending seq: walked backwards, each block's posts come newest first.
        for (let k = rows.length - 1; k >= 0; k--) {
          const row = rows[k]!;
          if (isPostEntry(row) && typeof row.seq === 'number') posts.get(blockOf(row.seq))?.push(row as Post);
        }
        for (const [number, its] of posts) {
          if (!its.length) {
            store.delete(number);
            continue;
          }
          const block = blockOfPosts(number, its);
          store.put(block);
          blocks.push(block);
          onWritten?.(its.length);
        }
      };
      i = j;
    }
    tx.oncomplete = () => resolve({ lastSeq: last(), blocks });
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

/**
 * The log's newest seq, once the transaction is over: rows are only ever added, with a rising seq,
 * so it changes with every write (a count would walk all 100,000 rows: ~250 ms here under load).
 */
function lastSeq(log: IDBObjectStore): () => number {
  const newest = log.openKeyCursor(null, 'prev');
  return () => Number(newest.result?.key ?? 0);
}

/** The seqs of the log's posts by block (newest first), from keys only: no entry is read. */
function postSeqs(idb: IDBDatabase): Promise<Map<number, number[]>> {
  return new Promise((resolve, reject) => {
    const tx = idb.transaction('log', 'readonly');
    const log = tx.objectStore('log');
    const all = log.getAllKeys();
    const others = [log.index('updates').getAllKeys(), log.index('dismisses').getAllKeys()];
    tx.oncomplete = () => {
      const notPosts = new Set([...others[0]!.result, ...others[1]!.result]);
      const seqs = new Map<number, number[]>();
      const keys = all.result as number[];
      for (let k = keys.length - 1; k >= 0; k--) {
        const seq = keys[k]!;
        if (notPosts.has(seq)) continue;
        const number = blockOf(seq);
        const its = seqs.get(number);
        if (its) its.push(seq);
        else seqs.set(number, [seq]);
      }
      resolve(seqs);
    };
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

/** Blocks (ascending) missing, written under an older rule, or not holding exactly their posts; and stored blocks with no post. */
function staleBlocks(seqs: Map<number, number[]>, stored: CsvBlock[]): number[] {
  const byNumber = new Map(stored.map((block) => [block.block, block]));
  const stale: number[] = [];
  for (const [number, its] of seqs) {
    const block = byNumber.get(number);
    if (!block || block.format !== CSV_FORMAT_VERSION || block.seq.length !== its.length || its.some((seq, k) => block.seq[k] !== seq)) stale.push(number);
  }
  for (const number of byNumber.keys()) if (!seqs.has(number)) stale.push(number);
  return stale.sort((a, b) => a - b);
}

/** Every block and the log's post count, read in one transaction (so an append cannot fall between). */
function readBlocks(idb: IDBDatabase, onProgress?: (read: number, posts: number) => void): Promise<{ lastSeq: number; posts: number; rows: number; stale: boolean; blocks: CsvBlock[] }> {
  return new Promise((resolve, reject) => {
    const tx = idb.transaction(['log', 'csvBlocks'], 'readonly');
    const store = tx.objectStore('csvBlocks');
    // Posts are the rows that are neither updates nor dismissals: counted this way, since counting
    // the postedAt index walks all of it (measured on 100,000 posts: 570–790 ms against ~110).
    const log = tx.objectStore('log');
    const counts = [log.count(), log.index('updates').count(), log.index('dismisses').count()];
    const posts = () => counts[0]!.result - counts[1]!.result - counts[2]!.result;
    const last = lastSeq(log);
    const blocks: CsvBlock[] = [];
    let rows = 0;
    let stale = false;
    // One get per block, all asked at once: measured faster than one getAll of large answers.
    const keys = store.getAllKeys();
    keys.onsuccess = () => {
      for (const key of keys.result) {
        const get = store.get(key);
        get.onsuccess = () => {
          const block = get.result as CsvBlock;
          blocks.push(block);
          rows += block.seq.length;
          stale ||= block.format !== CSV_FORMAT_VERSION;
          onProgress?.(rows, posts());
        };
      }
    };
    tx.oncomplete = () => resolve({ lastSeq: last(), posts: posts(), rows, stale, blocks });
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

/**
 * Every block, newest first; `onProgress` gets the rows read so far and the log's post count.
 * When the blocks do not hold exactly the log's posts (a log written before blocks existed) or hold
 * lines of an older escaping rule, the blocks that are missing or stale are written from the log
 * first (progress then counts on from the good blocks' rows as each is written) and handed over as
 * written, not read back. If the log changed in between, everything is read again.
 */
export async function readCsvBlocks(db: HumasDb, onProgress?: (read: number, posts: number) => void): Promise<CsvBlock[]> {
  await db.open();
  const idb = db.backendDB();
  const newestFirst = (blocks: CsvBlock[]) => blocks.sort((a, b) => b.block - a.block);
  for (let attempt = 0; ; attempt++) {
    const read = await readBlocks(idb, onProgress);
    if (read.rows === read.posts && !read.stale) return newestFirst(read.blocks);
    const stale = new Set(staleBlocks(await postSeqs(idb), read.blocks));
    const kept = read.blocks.filter((block) => !stale.has(block.block));
    let done = kept.reduce((sum, block) => sum + block.seq.length, 0);
    const written = await writeBlocks(idb, [...stale], (posts) => onProgress?.((done += posts), read.posts));
    if (written.lastSeq === read.lastSeq || attempt === 2) return newestFirst([...kept, ...written.blocks]);
  }
}

/**
 * Writes the blocks an export would otherwise have to write (after an update that changes the
 * escaping rule, or over a log from a version without blocks), a few blocks per transaction: the
 * log's writers wait for one at most, and an export started meanwhile writes only what is still
 * missing. The dashboard calls it once it has drawn its figures. Returns the number of
 * blocks written; stops after the current transaction once `signal` is aborted.
 */
export async function prepareCsvBlocks(db: HumasDb, signal?: AbortSignal): Promise<number> {
  await db.open();
  const idb = db.backendDB();
  const read = await readBlocks(idb);
  if (read.rows === read.posts && !read.stale) return 0;
  const stale = staleBlocks(await postSeqs(idb), read.blocks);
  let written = 0;
  for (let i = 0; i < stale.length && !signal?.aborted; i += BLOCKS_PER_BACKGROUND_WRITE) {
    written += (await writeBlocks(idb, stale.slice(i, i + BLOCKS_PER_BACKGROUND_WRITE))).blocks.length;
    // The page's own work goes first between two transactions.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return written;
}
