// CSV of every post in a supervisor's scope and filter, streamed in keyset-ordered chunks: memory
// stays flat however many rows there are, and the first bytes leave at once. Each post's line was
// written at ingestion by the extension's own CSV code (utils/shared/log-csv.ts), so the files are
// the same byte for byte; here only its status cell is put in (formatting every row at export time
// kept node's one thread busy: 1.1 s per 100,000 rows in `npm run bench`, now 0.7 s). The next chunk
// is already being read while one is written, so the database and the hub work at once.
import type { Queryable } from './database';
import type { Supervisor } from './accounts';
import { postWhere, type PostFilter } from './queries';
import { CSV_FORMAT_VERSION, CSV_HEAD, csvLineAroundStatus, csvRows, statusCell } from '../utils/shared/log-csv';
import type { StoredLogEntry } from '../utils/shared/log-entry';

/** Rows per query: a few MB of CSV, few round trips, memory still bounded. */
export const CSV_CHUNK_ROWS = 10_000;

type Row = { csv_before: string | null; csv_after: string | null; status: StoredLogEntry['status'] | null; body: StoredLogEntry | null; sort_at: string; id: string };

/** The line of one stored post: its stored parts, or (a row from before they were stored) the entry formatted now. */
const lineOf = (row: Row) =>
  row.csv_before !== null && row.csv_after !== null ? row.csv_before + statusCell(row.status) + row.csv_after : csvRows([{ ...row.body!, status: row.status ?? undefined } as StoredLogEntry]);

export async function* csvExport(db: Queryable, scope: Supervisor, filter: PostFilter): AsyncGenerator<string> {
  yield CSV_HEAD;
  const read = async (after?: { at: string; id: string }): Promise<Row[]> => {
    const { where, params } = postWhere(scope, filter);
    // sort_at as text: PostgreSQL's microseconds survive the round trip (a JavaScript date would drop them and skip rows).
    const keyset = after ? ` AND (e.posted_at, e.id) < ($${params.push(after.at)}::timestamptz, $${params.push(after.id)})` : '';
    return db.query<Row>(
      `SELECT e.csv_before, e.csv_after, e.status, CASE WHEN e.csv_before IS NULL OR e.csv_after IS NULL THEN e.body END AS body, e.posted_at::text AS sort_at, e.id
       FROM entries e WHERE ${where}${keyset} ORDER BY e.posted_at DESC, e.id DESC LIMIT ${CSV_CHUNK_ROWS}`,
      params,
    );
  };
  let pending: Promise<Row[]> | undefined = read();
  while (pending) {
    const rows: Row[] = await pending;
    const last = rows.at(-1);
    pending = rows.length === CSV_CHUNK_ROWS && last ? read({ at: last.sort_at, id: last.id }) : undefined;
    let lines = '';
    for (const row of rows) lines += lineOf(row);
    if (lines) yield lines;
  }
}

/** The stored line parts of a post entry, as ingestion writes them. */
export const csvLineColumns = (post: StoredLogEntry) => {
  const { before, after } = csvLineAroundStatus(post);
  return { csv_before: before, csv_after: after };
};

/**
 * Parts written under another escaping rule than CSV_FORMAT_VERSION are dropped first (one
 * statement; until they are written again the export formats those rows itself).
 */
async function dropStaleCsvLines(db: Queryable): Promise<void> {
  const [stored] = await db.query<{ value: string }>(`SELECT value FROM hub_meta WHERE key = 'csv_format'`);
  if (stored?.value === String(CSV_FORMAT_VERSION)) return;
  await db.query(`UPDATE entries SET csv_before = NULL, csv_after = NULL WHERE kind = 'post' AND csv_before IS NOT NULL`);
  await db.query(`INSERT INTO hub_meta (key, value) VALUES ('csv_format', $1) ON CONFLICT (key) DO UPDATE SET value = $1`, [String(CSV_FORMAT_VERSION)]);
}

/**
 * Writes the line parts of posts stored without them (before migration 004, loaded by SQL, or
 * written under an older escaping rule), a batch at a time so a large log is never held at once.
 * Returns how many rows it filled.
 */
export async function fillCsvLines(db: Queryable, batch = 5000): Promise<number> {
  await dropStaleCsvLines(db);
  let filled = 0;
  // Walking the ids forward: each batch starts past the rows the last one filled, not over them again.
  let after = '';
  for (;;) {
    const rows = await db.query<{ id: string; body: StoredLogEntry }>(
      `SELECT id, body FROM entries WHERE kind = 'post' AND csv_before IS NULL AND id > $1 ORDER BY id LIMIT ${batch}`,
      [after],
    );
    if (!rows.length) return filled;
    const parts = rows.map((r) => ({ id: r.id, ...csvLineColumns(r.body) }));
    await db.query(
      `UPDATE entries e SET csv_before = p.csv_before, csv_after = p.csv_after FROM jsonb_to_recordset($1::jsonb) AS p(id text, csv_before text, csv_after text) WHERE e.id = p.id`,
      [JSON.stringify(parts)],
    );
    filled += rows.length;
    after = rows.at(-1)!.id;
  }
}
