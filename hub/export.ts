// CSV of every post in a supervisor's scope and filter, streamed in keyset-ordered chunks: memory
// stays flat however many rows there are, and the first bytes leave at once.
import type { Queryable } from './database';
import type { Supervisor } from './accounts';
import { postWhere, type HubPost, type PostFilter } from './queries';
import { CSV_HEAD, csvRows } from '../utils/shared/log-csv';
import type { StoredLogEntry } from '../utils/shared/log-entry';

const CHUNK = 5000;

export async function* csvExport(db: Queryable, scope: Supervisor, filter: PostFilter): AsyncGenerator<string> {
  yield CSV_HEAD;
  let after: { postedAt: string; id: string } | undefined;
  for (;;) {
    const { where, params } = postWhere(scope, filter);
    const keyset = after ? ` AND (e.posted_at, e.id) < ($${params.push(after.postedAt)}::timestamptz, $${params.push(after.id)})` : '';
    const rows = await db.query<{ post: HubPost; posted_at: string }>(
      `SELECT e.body || jsonb_build_object('latest', jsonb_strip_nulls(jsonb_build_object('status', e.status, 'postUrl', e.post_url))) AS post, e.posted_at
       FROM entries e WHERE ${where}${keyset} ORDER BY e.posted_at DESC, e.id DESC LIMIT ${CHUNK}`,
      params,
    );
    if (rows.length === 0) return;
    yield csvRows(rows.map((r) => r.post as unknown as StoredLogEntry));
    const last = rows.at(-1)!;
    after = { postedAt: last.posted_at, id: last.post.id };
    if (rows.length < CHUNK) return;
  }
}
