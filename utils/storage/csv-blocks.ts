// The posting log's CSV lines, kept ready in blocks of CSV_BLOCK_ROWS posts (by seq) beside the log.
// Why: Chromium's IndexedDB pays per record read (measured on 100,000 posts: 1.2–3.7 s whether the
// records are 15-field objects or plain strings; the same lines in 200 records of 500: 0.17–0.37 s),
// and within a record per string: a block is columns of numbers indexing its few distinct words,
// the posting times, and its lines as UTF-8 bytes, which the export hands to the Blob as they are.
// Every write of a post or of its status goes through putCsvRows in the same transaction. When the
// block set's row count differs from the log's posts, or a block was written under an older escaping
// rule (CSV_FORMAT_VERSION), the blocks missing or stale are written from the log before they are
// used (readCsvBlocks), or ahead of the export in the background (prepareCsvBlocks).
import { concatBytes } from '../shared/bytes';
import { CSV_FORMAT_VERSION, csvRows } from '../shared/log-csv';
import { currentState, isPostEntry, type PostStatus, type StoredLogEntry, type StoredLogRow } from '../shared/log-entry';
import type { HumasDb } from './db';

export const CSV_BLOCK_ROWS = 256;

/** What the dashboard filters on, and the post's CSV line (UTF-8, ending in CRLF). */
export interface CsvRowView {
  seq: number;
  postedAt: string;
  platform: StoredLogEntry['platform'];
  program: string;
  officerName: string;
  edited: boolean;
  itemId: string;
  status: PostStatus;
  line: Uint8Array<ArrayBuffer>;
}

const WORD_COLUMNS = ['platform', 'program', 'officerName', 'itemId', 'status'] as const;
type WordColumn = (typeof WORD_COLUMNS)[number];

/** One block, newest first (descending seq); every column has one entry per row. */
export interface CsvBlock {
  block: number;
  /** The escaping rule its lines were written with (absent: blocks from before the number existed, rule 1). */
  format?: number;
  seq: Float64Array;
  /** As written in the log (compared as strings, like the log's postedAt index). */
  postedAt: string[];
  /** The block's distinct platform, programme, officer, item and status words: the word columns index into it. */
  words: string[];
  columns: Record<WordColumn, Uint16Array>;
  edited: Uint8Array;
  /** The rows' CSV lines back to back; row k's line ends at byte `ends[k]`. */
  bytes: Uint8Array<ArrayBuffer>;
  ends: Uint32Array;
}

const blockOf = (seq: number) => Math.floor(seq / CSV_BLOCK_ROWS);
const utf8 = new TextEncoder();

function csvView(post: StoredLogEntry & { seq: number }): CsvRowView {
  const { seq, postedAt, platform, program, officerName, edited, itemId } = post;
  return { seq, postedAt, platform, program, officerName, edited, itemId, status: currentState(post).status, line: utf8.encode(csvRows([post])) };
}

/** Row k's CSV line (a view into the block's bytes, not a copy). */
export const lineOf = (block: CsvBlock, k: number) => block.bytes.subarray(k ? block.ends[k - 1] : 0, block.ends[k]);

/** Row k of a block as a view. */
export function rowOf(block: CsvBlock, k: number): CsvRowView {
  const word = (column: WordColumn) => block.words[block.columns[column][k]!]!;
  return {
    seq: block.seq[k]!,
    postedAt: block.postedAt[k]!,
    platform: word('platform') as CsvRowView['platform'],
    program: word('program'),
    officerName: word('officerName'),
    edited: block.edited[k] === 1,
    itemId: word('itemId'),
    status: word('status') as PostStatus,
    line: lineOf(block, k),
  };
}

function blockFrom(block: number, rows: Iterable<CsvRowView>, format: number | undefined = CSV_FORMAT_VERSION): CsvBlock {
  const views = [...rows].sort((a, b) => b.seq - a.seq);
  const words: string[] = [];
  const wordIndex = new Map<string, number>();
  const indexOf = (word: string) => wordIndex.get(word) ?? (wordIndex.set(word, words.push(word) - 1), words.length - 1);
  const columns = Object.fromEntries(WORD_COLUMNS.map((column) => [column, Uint16Array.from(views, (v) => indexOf(v[column]))])) as CsvBlock['columns'];
  const ends = new Uint32Array(views.length);
  views.reduce((end, view, k) => (ends[k] = end + view.line.length), 0);
  return {
    block,
    format,
    seq: Float64Array.from(views, (v) => v.seq),
    postedAt: views.map((v) => v.postedAt),
    words,
    columns,
    edited: Uint8Array.from(views, (v) => (v.edited ? 1 : 0)),
    bytes: concatBytes(views.map((v) => v.line)),
    ends,
  };
}

/** Puts a post's view into its block's map of rows (by seq), creating the map when needed. */
function place(blocks: Map<number, Map<number, CsvRowView>>, view: CsvRowView): void {
  const number = blockOf(view.seq);
  let rows = blocks.get(number);
  if (!rows) blocks.set(number, (rows = new Map()));
  rows.set(view.seq, view);
}

/**
 * Writes (or rewrites) these posts' lines; other rows are ignored. Call inside a transaction that
 * holds db.csvBlocks with the log write, so the two never disagree.
 */
export async function putCsvRows(db: HumasDb, rows: StoredLogRow[]): Promise<void> {
  const posts = rows.filter((r): r is StoredLogEntry & { seq: number } => isPostEntry(r) && typeof r.seq === 'number');
  if (!posts.length) return;
  const numbers = [...new Set(posts.map((p) => blockOf(p.seq)))];
  const stored = await db.csvBlocks.bulkGet(numbers);
  const blocks = new Map(numbers.map((number) => [number, new Map<number, CsvRowView>()]));
  // A block holding lines of an older rule stays marked so, new lines or not: the next export rebuilds it.
  const formats = new Map(numbers.map((number, i) => [number, stored[i] ? stored[i].format : CSV_FORMAT_VERSION]));
  for (const block of stored) if (block) for (let k = 0; k < block.seq.length; k++) place(blocks, rowOf(block, k));
  for (const post of posts) place(blocks, csvView(post));
  await db.csvBlocks.bulkPut([...blocks].map(([number, rows]) => blockFrom(number, rows.values(), formats.get(number))));
}

/**
 * A block written from these posts (descending seq) in one pass: each line formatted once and encoded
 * into one buffer, columns filled in place (the first export after an update writes ~390 of them).
 */
function blockOfPosts(block: number, posts: (StoredLogEntry & { seq: number })[]): CsvBlock {
  const n = posts.length;
  const lines = new Array<string>(n);
  const statuses = new Array<PostStatus>(n);
  let chars = 0;
  for (let k = 0; k < n; k++) {
    const post = posts[k]!;
    statuses[k] = currentState(post).status;
    chars += (lines[k] = csvRows([post])).length;
  }
  // Line by line, as putCsvRows encodes them (a lone surrogate stays within its line).
  const buffer = new Uint8Array(chars * 3);
  const ends = new Uint32Array(n);
  let at = 0;
  for (let k = 0; k < n; k++) ends[k] = at += utf8.encodeInto(lines[k]!, buffer.subarray(at)).written;
  // Words numbered column by column, as blockFrom numbers them.
  const words: string[] = [];
  const wordIndex = new Map<string, number>();
  const indexOf = (word: string) => wordIndex.get(word) ?? (wordIndex.set(word, words.push(word) - 1), words.length - 1);
  const columns = {} as CsvBlock['columns'];
  for (const column of WORD_COLUMNS) {
    const indexes = (columns[column] = new Uint16Array(n));
    for (let k = 0; k < n; k++) indexes[k] = indexOf(column === 'status' ? statuses[k]! : posts[k]![column]);
  }
  const seq = new Float64Array(n);
  const postedAt = new Array<string>(n);
  const edited = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    seq[k] = posts[k]!.seq;
    postedAt[k] = posts[k]!.postedAt;
    edited[k] = posts[k]!.edited ? 1 : 0;
  }
  return { block, format: CSV_FORMAT_VERSION, seq, postedAt, words, columns, edited, bytes: buffer.slice(0, at), ends };
}

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
