// CSV of every post in a supervisor's scope and filter, streamed in keyset-ordered chunks: memory
// stays flat however many rows there are, and the first bytes leave at once. Rows are written by
// the extension's own CSV code (utils/shared/log-csv.ts), so the files are the same byte for byte;
// the next chunk is already being read while one is written, so the database and the hub work at once.
import type { Queryable } from './database';
import type { Supervisor } from './accounts';
import { postWhere, type PostFilter } from './queries';
import { CSV_FIELDS, CSV_HEAD, csvRows } from '../utils/shared/log-csv';
import type { StoredLogEntry } from '../utils/shared/log-entry';

/** Rows per query: a few MB of CSV, few round trips, memory still bounded. */
export const CSV_CHUNK_ROWS = 10_000;

/** The contract's columns straight from the signed entry (its latest status from the row). */
const COLUMNS = CSV_FIELDS.filter((f) => f !== 'status')
  .map((f) => (f === 'mediaIds' ? `e.body->'mediaIds' AS "mediaIds"` : f === 'itemVersion' ? `(e.body->>'itemVersion')::int AS "itemVersion"` : f === 'edited' ? `(e.body->>'edited')::boolean AS edited` : `e.body->>'${f}' AS "${f}"`))
  .join(', ');

type Chunk = { rows: (StoredLogEntry & { status: StoredLogEntry['status']; sort_at: string })[] };

export async function* csvExport(db: Queryable, scope: Supervisor, filter: PostFilter): AsyncGenerator<string> {
  yield CSV_HEAD;
  const read = async (after?: { at: string; id: string }): Promise<Chunk> => {
    const { where, params } = postWhere(scope, filter);
    // sort_at as text: PostgreSQL's microseconds survive the round trip (a JavaScript date would drop them and skip rows).
    const keyset = after ? ` AND (e.posted_at, e.id) < ($${params.push(after.at)}::timestamptz, $${params.push(after.id)})` : '';
    return { rows: await db.query(`SELECT ${COLUMNS}, e.status, e.posted_at::text AS sort_at FROM entries e WHERE ${where}${keyset} ORDER BY e.posted_at DESC, e.id DESC LIMIT ${CSV_CHUNK_ROWS}`, params) };
  };
  let pending: Promise<Chunk> | undefined = read();
  while (pending) {
    const { rows }: Chunk = await pending;
    const last = rows.at(-1);
    pending = rows.length === CSV_CHUNK_ROWS && last ? read({ at: last.sort_at, id: last.id }) : undefined;
    if (rows.length) yield csvRows(rows);
  }
}
