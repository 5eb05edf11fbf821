// Coverage of one library item within a supervisor's scope: who posted it, where, how fast after
// its publication, and which officers have not posted it yet. Officers are known by the installs
// enrolled in their agency (the enrolled name and agency, never an entry's own name field), so one
// officer with two browsers counts once. Posts of an install revoked since still count, marked;
// only approved installs' officers are expected to post. A post scheduled on the site counts once its
// time has passed (the site was to publish it then); before that its officer has not posted it.
import type { Queryable } from './database';
import type { Supervisor } from './accounts';

/**
 * Items the hub knows of: the followed library's, and those published by this hub's own desk
 * libraries (a province's desk items are no library the hub follows, yet officers post them).
 */
const KNOWN_ITEMS = `(
  SELECT id, title, program, urgent, published_at, withdrawn_at FROM items
  UNION ALL
  SELECT d.id, v.content->>'title', v.content->>'program', v.content->>'priority' = 'urgent',
         COALESCE((v.content->>'publishAt')::timestamptz, d.first_published_at), d.withdrawn_at
    FROM desk_items d JOIN desk_versions v ON v.library_id = d.library_id AND v.item_id = d.id AND v.version = d.published_version
   WHERE NOT EXISTS (SELECT 1 FROM items f WHERE f.id = d.id)
)`;

/** A post counts once published: one scheduled on the site only when its time has passed (never without a time). */
const PUBLISHED = (alias: string) => `(${alias}.status IS DISTINCT FROM 'scheduled' OR ${alias}.scheduled_for <= now())`;

export interface Coverage {
  item?: { id: string; title: string; program: string; urgent: boolean; publishedAt: string; withdrawnAt?: string };
  posts: number;
  /** Seconds from publication to each post: median and 90th percentile (none without the item's publication time). */
  medianSeconds?: number;
  p90Seconds?: number;
  /** `revokedPosts`: how many of the officer's posts came from an install revoked since. */
  officers: { officer: string; agency: string; agencyName: string; platforms: string[]; firstPostAt: string; secondsAfterPublication?: number; revokedPosts?: number }[];
  agencies: { agency: string; name: string; officers: number; posts: number }[];
  /** Officers who have not posted it; `dismissed` when they took it off their to-do, with their reason. */
  notPosted: { officer: string; agency: string; agencyName: string; dismissed?: { reason: string; note?: string } }[];
}

export async function itemCoverage(db: Queryable, scope: Supervisor, itemId: string): Promise<Coverage> {
  const params: unknown[] = [itemId];
  const inScope = scope.role === 'national' ? () => 'true' : ((n) => (alias: string) => `${alias}.agency_id = $${n}`)(params.push(scope.agencyId));
  const [[item], [timing], officers, agencies, notPosted] = await Promise.all([
    db.query<{ id: string; title: string; program: string; urgent: boolean; published_at: string; withdrawn_at: string | null }>(
      `SELECT id, title, program, urgent, published_at, withdrawn_at FROM ${KNOWN_ITEMS} k WHERE id = $1 LIMIT 1`,
      [itemId],
    ),
    db.query<{ posts: number; median: number | null; p90: number | null }>(
      `SELECT count(*)::int AS posts,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM e.posted_at - i.published_at)) AS median,
         percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM e.posted_at - i.published_at)) AS p90
       FROM entries e LEFT JOIN ${KNOWN_ITEMS} i ON i.id = e.item_id
       WHERE e.kind = 'post' AND e.item_id = $1 AND ${inScope('e')} AND ${PUBLISHED('e')}`,
      params,
    ),
    db.query<{ officer: string; agency: string; agency_name: string; platforms: string[]; first_post_at: string; seconds: number | null; revoked_posts: number }>(
      `SELECT ins.officer_name AS officer, e.agency_id AS agency, a.name AS agency_name, array_agg(DISTINCT e.platform ORDER BY e.platform) AS platforms, min(e.posted_at) AS first_post_at,
         extract(epoch FROM min(e.posted_at) - min(i.published_at))::float8 AS seconds, count(*) FILTER (WHERE ins.status = 'revoked')::int AS revoked_posts
       FROM entries e JOIN installs ins ON ins.install_id = e.install_id JOIN agencies a ON a.id = e.agency_id LEFT JOIN ${KNOWN_ITEMS} i ON i.id = e.item_id
       WHERE e.kind = 'post' AND e.item_id = $1 AND ${inScope('e')} AND ${PUBLISHED('e')}
       GROUP BY 1, 2, 3 ORDER BY 5`,
      params,
    ),
    db.query<{ agency: string; name: string; officers: number; posts: number }>(
      `SELECT e.agency_id AS agency, a.name, count(DISTINCT ins.officer_name)::int AS officers, count(*)::int AS posts
       FROM entries e JOIN installs ins ON ins.install_id = e.install_id JOIN agencies a ON a.id = e.agency_id
       WHERE e.kind = 'post' AND e.item_id = $1 AND ${inScope('e')} AND ${PUBLISHED('e')} GROUP BY 1, 2 ORDER BY 4 DESC`,
      params,
    ),
    db.query<{ officer: string; agency: string; agency_name: string; reason: string | null; note: string | null }>(
      `SELECT DISTINCT ON (ins.agency_id, ins.officer_name) ins.officer_name AS officer, ins.agency_id AS agency, a.name AS agency_name, d.body->>'reason' AS reason, d.body->>'note' AS note
       FROM installs ins JOIN agencies a ON a.id = ins.agency_id LEFT JOIN entries d ON d.kind = 'dismissal' AND d.item_id = $1 AND d.install_id = ins.install_id
       WHERE ${inScope('ins')} AND ins.status = 'approved' AND NOT EXISTS (
         SELECT 1 FROM entries e JOIN installs p ON p.install_id = e.install_id
         WHERE e.kind = 'post' AND e.item_id = $1 AND ${PUBLISHED('e')} AND p.agency_id = ins.agency_id AND p.officer_name = ins.officer_name)
       ORDER BY ins.agency_id, ins.officer_name, (d.id IS NULL)`,
      params,
    ),
  ]);
  return {
    item: item && { id: item.id, title: item.title, program: item.program, urgent: item.urgent, publishedAt: item.published_at, ...(item.withdrawn_at ? { withdrawnAt: item.withdrawn_at } : {}) },
    posts: timing?.posts ?? 0,
    ...(item && timing?.median != null ? { medianSeconds: Number(timing.median), p90Seconds: Number(timing.p90) } : {}),
    officers: officers.map((o) => ({
      officer: o.officer, agency: o.agency, agencyName: o.agency_name, platforms: o.platforms, firstPostAt: o.first_post_at,
      ...(o.seconds != null ? { secondsAfterPublication: o.seconds } : {}), ...(o.revoked_posts ? { revokedPosts: o.revoked_posts } : {}),
    })),
    agencies,
    notPosted: notPosted.map((o) => ({ officer: o.officer, agency: o.agency, agencyName: o.agency_name, ...(o.reason ? { dismissed: { reason: o.reason, ...(o.note ? { note: o.note } : {}) } } : {}) })),
  };
}

/** The items for the coverage picker (followed library and this hub's desk): urgent first, then newest. */
export function coverageItems(db: Queryable, limit = 200) {
  return db.query<{ id: string; title: string; program: string; urgent: boolean; published_at: string; withdrawn_at: string | null }>(
    `SELECT id, title, program, urgent, published_at, withdrawn_at FROM ${KNOWN_ITEMS} k ORDER BY urgent DESC, published_at DESC LIMIT ${limit | 0}`,
  );
}
