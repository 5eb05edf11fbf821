// The hub's withdrawn follow-up with the take-down loop (docs/editorial-desk.md): every post in scope
// of an item withdrawn by a followed library or by this hub's desk, with what its officer answered to
// "Hapus postingan ini": asked (the extension showed the request), removed, refused (with the
// reason), or nothing yet (no answer).
import type { Supervisor } from '../accounts';
import type { Queryable } from '../database';
import { postWhere, type HubPost } from '../queries';
import type { TakedownAnswer } from '../../utils/shared/log-entry';

export type FollowUpPost = HubPost & { title: string; withdrawnAt?: string; correctedIn?: number; latest: HubPost['latest'] & { takedown?: { answer: TakedownAnswer; note?: string; at: string } } };

const ISO = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * Items withdrawn anywhere the hub knows of, and desk items whose published correction asks officers
 * to delete posts of older versions (`takedown_before`), with their titles (the desk's names them best).
 */
const WITHDRAWN_ITEMS = `(
  SELECT id, COALESCE(max(desk_title), max(title)) AS title, min(withdrawn_at) AS withdrawn_at, max(takedown_before) AS takedown_before FROM (
    SELECT i.id, i.title, NULL AS desk_title, i.withdrawn_at, NULL::integer AS takedown_before FROM items i WHERE i.withdrawn_at IS NOT NULL
    UNION ALL
    SELECT d.id, NULL, v.content->>'title', d.withdrawn_at, CASE WHEN v.content->>'askTakedown' = 'true' AND d.published_version > 1 THEN d.published_version END
      FROM desk_items d JOIN desk_versions v ON v.library_id = d.library_id AND v.item_id = d.id AND v.version = d.published_version
     WHERE d.withdrawn_at IS NOT NULL OR v.content->>'askTakedown' = 'true'
  ) known GROUP BY id
)`;

/** Posts of withdrawn items in the account's scope, newest first, each with its take-down answer. */
export async function withdrawnFollowUp(db: Queryable, scope: Supervisor, limit = 200): Promise<FollowUpPost[]> {
  const { where, params } = postWhere(scope, {});
  const rows = await db.query<{ post: FollowUpPost; title: string; withdrawn_at: Date | string | null; takedown_before: number | null }>(
    `SELECT e.body || jsonb_build_object('officerName', ins.officer_name, 'agencyId', e.agency_id, 'latest', jsonb_strip_nulls(jsonb_build_object(
              'status', e.status, 'postUrl', e.post_url,
              'takedown', CASE WHEN e.takedown IS NOT NULL THEN jsonb_build_object('answer', e.takedown, 'note', e.takedown_note, 'at', ${ISO('e.takedown_at')}) END))) AS post,
            w.title, w.withdrawn_at, w.takedown_before
       FROM entries e JOIN installs ins ON ins.install_id = e.install_id
       JOIN ${WITHDRAWN_ITEMS} w ON w.id = e.item_id AND (w.withdrawn_at IS NOT NULL OR e.item_version < w.takedown_before)
      WHERE ${where} ORDER BY e.posted_at DESC LIMIT ${limit | 0}`,
    params,
  );
  return rows.map((r) => ({ ...r.post, title: r.title, ...(r.withdrawn_at ? { withdrawnAt: new Date(r.withdrawn_at).toISOString() } : { correctedIn: r.takedown_before! }) }));
}
