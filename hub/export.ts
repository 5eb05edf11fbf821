// CSV of every post in a supervisor's scope and filter, streamed in keyset-ordered chunks: memory
// stays flat however many rows there are, and the first bytes leave at once. The database writes
// the lines (SQL `csv_cell`, migrations/002): the same bytes as the extension's export, several
// times faster than decoding every entry into JavaScript and serialising it again.
import type { Queryable } from './database';
import type { Supervisor } from './accounts';
import { postWhere, type PostFilter } from './queries';
import { CSV_FIELDS, CSV_HEAD } from '../utils/shared/log-csv';

const CHUNK = 5000;

/** Each contract column as SQL over an entries row `e`: the signed entry's own value, its latest status. */
const CELL: Record<(typeof CSV_FIELDS)[number], string> = Object.fromEntries(
  CSV_FIELDS.map((field) => [
    field,
    field === 'status'
      ? 'csv_cell(e.status)'
      : field === 'mediaIds'
        ? "csv_cell(coalesce((SELECT string_agg(m, ';') FROM jsonb_array_elements_text(e.body->'mediaIds') m), ''))"
        : `csv_cell(e.body->>'${field}')`,
  ]),
) as Record<(typeof CSV_FIELDS)[number], string>;
const LINE = CSV_FIELDS.map((field) => CELL[field]).join(" || ',' || ");

export async function* csvExport(db: Queryable, scope: Supervisor, filter: PostFilter): AsyncGenerator<string> {
  yield CSV_HEAD;
  let after: { postedAt: string; id: string } | undefined;
  for (;;) {
    const { where, params } = postWhere(scope, filter);
    const keyset = after ? ` AND (e.posted_at, e.id) < ($${params.push(after.postedAt)}::timestamptz, $${params.push(after.id)})` : '';
    const [chunk] = await db.query<{ csv: string | null; n: number; last_at: string; last_id: string }>(
      `WITH page AS (SELECT e.posted_at, e.id, ${LINE} AS line FROM entries e WHERE ${where}${keyset} ORDER BY e.posted_at DESC, e.id DESC LIMIT ${CHUNK})
       SELECT string_agg(line || E'\\r\\n', '' ORDER BY posted_at DESC, id DESC) AS csv, count(*)::int AS n,
         (array_agg(posted_at ORDER BY posted_at, id))[1]::text AS last_at, (array_agg(id ORDER BY posted_at, id))[1] AS last_id FROM page`,
      params,
    );
    if (!chunk?.csv) return;
    yield chunk.csv;
    if (chunk.n < CHUNK) return;
    after = { postedAt: chunk.last_at, id: chunk.last_id };
  }
}
