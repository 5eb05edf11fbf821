// The posting log's CSV lines, kept ready in blocks of CSV_BLOCK_ROWS posts (by seq) beside the log.
// Why: Chromium's IndexedDB pays per record read (measured on 100,000 posts: 1.2–3.7 s whether the
// records are 15-field objects or plain strings; the same lines in 200 records of 500: 0.17–0.37 s),
// and within a record per string: a block is columns of numbers indexing its few distinct words,
// the posting times, and its lines as UTF-8 bytes, which the export hands to the Blob as they are.
// Every write of a post or of its status goes through putCsvRows in the same transaction. When the
// block set's row count differs from the log's posts, or a block was written under an older escaping
// rule (CSV_FORMAT_VERSION), the blocks missing or stale are written from the log before they are
// used (readCsvBlocks), or ahead of the export in the background (prepareCsvBlocks; both in
// csv-blocks-rebuild.ts).
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

export const blockOf = (seq: number) => Math.floor(seq / CSV_BLOCK_ROWS);
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
export function blockOfPosts(block: number, posts: (StoredLogEntry & { seq: number })[]): CsvBlock {
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
