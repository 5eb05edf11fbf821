// What supervisors read: posts across officers (filters, pages, charts), always within the
// supervisor's scope: an agency supervisor's queries carry their agency, a national one's do not.
import type { Queryable } from './database';
import type { Supervisor } from './accounts';

export interface PostFilter {
  /** ISO instants (the browser turns its local days into them). */
  from?: string;
  to?: string;
  platform?: string;
  program?: string;
  officer?: string;
  agency?: string;
  edited?: 'yes' | 'no';
  status?: string;
  withdrawnOnly?: boolean;
}

/** WHERE clause and parameters for posts in scope matching the filter (`e` is the entries table). */
export function postWhere(scope: Supervisor, filter: PostFilter, params: unknown[] = []): { where: string; params: unknown[] } {
  const clauses = ["e.kind = 'post'"];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    clauses.push(sql.replace('?', `$${params.length}`));
  };
  if (scope.role !== 'national') add('e.agency_id = ?', scope.agencyId);
  else if (filter.agency) add('e.agency_id = ?', filter.agency);
  if (filter.from) add('e.posted_at >= ?', filter.from);
  if (filter.to) add('e.posted_at <= ?', filter.to);
  if (filter.platform) add('e.platform = ?', filter.platform);
  if (filter.program) add('e.program = ?', filter.program);
  // The officer an install is enrolled as, never the name an entry carries.
  if (filter.officer) add('e.install_id IN (SELECT o.install_id FROM installs o WHERE o.officer_name = ?)', filter.officer);
  if (filter.edited) add('e.edited = ?', filter.edited === 'yes');
  if (filter.status) add('e.status = ?', filter.status);
  if (filter.withdrawnOnly) clauses.push('EXISTS (SELECT 1 FROM items i WHERE i.id = e.item_id AND i.withdrawn_at IS NOT NULL)');
  return { where: clauses.join(' AND '), params };
}

/**
 * A post as the extension's log table shows it: the signed entry plus its current state, named
 * after the officer its install is enrolled as; `installRevoked` when a supervisor has since revoked
 * that install (its posts stay, marked).
 */
export interface HubPost extends Record<string, unknown> {
  id: string;
  agencyId: string;
  officerName: string;
  installRevoked?: true;
  /** Days between the post and its arrival, when it arrived more than a week late (a device long offline, or a backdated entry). */
  arrivedDaysLate?: number;
  latest: { status: string; postUrl?: string; scheduledFor?: string };
  /** The item's title as the followed library names it (none for an item the hub has not read). */
  itemTitle?: string;
}

/** Posts that reach the hub this long after they were made are flagged to supervisors. */
export const LATE_ARRIVAL = "interval '7 days'";

/** Needs `JOIN installs ins ON ins.install_id = e.install_id LEFT JOIN items it ON it.id = e.item_id` (WITH_INSTALL). */
const POST_COLUMNS = `e.body || jsonb_build_object('officerName', ins.officer_name, 'agencyId', e.agency_id, 'latest', jsonb_strip_nulls(jsonb_build_object('status', e.status, 'postUrl', e.post_url, 'scheduledFor', to_char(e.scheduled_for AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))))
  || CASE WHEN ins.status = 'revoked' THEN '{"installRevoked": true}'::jsonb ELSE '{}'::jsonb END
  || CASE WHEN e.received_at - e.posted_at > ${LATE_ARRIVAL} THEN jsonb_build_object('arrivedDaysLate', extract(day FROM e.received_at - e.posted_at)::int) ELSE '{}'::jsonb END
  || CASE WHEN it.title IS NOT NULL THEN jsonb_build_object('itemTitle', it.title) ELSE '{}'::jsonb END AS post`;
const WITH_INSTALL = 'entries e JOIN installs ins ON ins.install_id = e.install_id LEFT JOIN items it ON it.id = e.item_id';

/** One page of posts, newest first: the first screen needs no count (see countPosts). */
export async function listPosts(db: Queryable, scope: Supervisor, filter: PostFilter, offset: number, limit: number): Promise<HubPost[]> {
  const { where, params } = postWhere(scope, filter);
  const rows = await db.query<{ post: HubPost }>(`SELECT ${POST_COLUMNS} FROM ${WITH_INSTALL} WHERE ${where} ORDER BY e.posted_at DESC, e.id DESC OFFSET ${Math.max(0, offset | 0)} LIMIT ${Math.min(500, Math.max(0, limit | 0))}`, params);
  return rows.map((r) => r.post);
}

/** How many posts match: asked after the first page, since it reads every matching row. */
export async function countPosts(db: Queryable, scope: Supervisor, filter: PostFilter): Promise<number> {
  const { where, params } = postWhere(scope, filter);
  const [count] = await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM entries e WHERE ${where}`, params);
  return count?.total ?? 0;
}

export interface PostStats {
  perDay: [string, number][];
  perPlatform: [string, number][];
  perProgram: [string, number][];
  officers: string[];
  programs: string[];
  agencies: [string, string][];
  /** Entries the hub refused from installs in scope and still lacks. */
  refused: number;
  /** The same, per officer and reason (format, signature, hash, officer, revoked, time, chain). */
  refusals: { officer: string; reason: string; n: number }[];
}

export async function postStats(db: Queryable, scope: Supervisor, filter: PostFilter, timeZone: string): Promise<PostStats> {
  const grouped = (column: string, extra = '') => {
    // Only the per-day query names the time zone ($1): PostgreSQL refuses parameters a query does not use.
    const { where, params } = postWhere(scope, filter, column.includes('$1') ? [timeZone] : []);
    return db.query<{ k: string; n: number }>(`SELECT ${column} AS k, count(*)::int AS n FROM entries e WHERE ${where} GROUP BY 1 ${extra}`, params);
  };
  const inScope = scope.role === 'national' ? 'true' : 'i.agency_id = $1';
  const scopeParams = scope.role === 'national' ? [] : [scope.agencyId];
  const [perDay, perPlatform, perProgram, officers, agencies, refusals] = await Promise.all([
    grouped("to_char(e.posted_at AT TIME ZONE $1, 'YYYY-MM-DD')", 'ORDER BY 1 DESC LIMIT 30'),
    grouped('e.platform', 'ORDER BY 2 DESC'),
    grouped("coalesce(nullif(e.program, ''), '—')", 'ORDER BY 2 DESC'),
    db.query<{ name: string }>(`SELECT DISTINCT officer_name AS name FROM installs i WHERE ${inScope} ORDER BY 1`, scopeParams),
    db.query<{ id: string; name: string }>(`SELECT i.id, i.name FROM agencies i WHERE ${inScope.replace('agency_id', 'id')} ORDER BY name`, scopeParams),
    // A refusal whose entry arrived after all (a resync after an outage or a restore, a name the hub learnt) is not a problem.
    db.query<{ officer: string; reason: string; n: number }>(
      `SELECT i.officer_name AS officer, r.reason, count(*)::int AS n FROM rejections r JOIN installs i ON i.install_id = r.install_id
       WHERE ${inScope} AND NOT EXISTS (SELECT 1 FROM entries e WHERE e.id = r.entry_id) GROUP BY 1, 2 ORDER BY 3 DESC, 1 LIMIT 50`,
      scopeParams,
    ),
  ]);
  const pairs = (rows: { k: string; n: number }[]) => rows.map((r) => [r.k, r.n] as [string, number]);
  return {
    perDay: pairs(perDay).reverse(),
    perPlatform: pairs(perPlatform),
    perProgram: pairs(perProgram),
    officers: officers.map((o) => o.name),
    programs: perProgram.map((r) => r.k).sort(),
    agencies: agencies.map((a) => [a.id, a.name]),
    refused: refusals.reduce((sum, r) => sum + r.n, 0),
    refusals,
  };
}

/** Posts of items the library has withdrawn since: to be taken down, newest first. */
export async function withdrawnPosts(db: Queryable, scope: Supervisor, limit = 200): Promise<(HubPost & { title: string; withdrawnAt: string })[]> {
  const { where, params } = postWhere(scope, {});
  const rows = await db.query<{ post: HubPost; title: string; withdrawn_at: string }>(
    `SELECT ${POST_COLUMNS}, i.title, i.withdrawn_at FROM ${WITH_INSTALL} JOIN items i ON i.id = e.item_id AND i.withdrawn_at IS NOT NULL
     WHERE ${where} ORDER BY e.posted_at DESC LIMIT ${limit | 0}`,
    params,
  );
  return rows.map((r) => ({ ...r.post, title: r.title, withdrawnAt: r.withdrawn_at }));
}

/** Posts per agency per day (national supervisors), the last `days` days. */
export async function agencyTotals(db: Queryable, scope: Supervisor, timeZone: string, days = 14): Promise<{ agency: string; name: string; day: string; posts: number }[]> {
  const { where, params } = postWhere(scope, {}, [timeZone]);
  return db.query(
    `SELECT e.agency_id AS agency, a.name, to_char(e.posted_at AT TIME ZONE $1, 'YYYY-MM-DD') AS day, count(*)::int AS posts
     FROM entries e JOIN agencies a ON a.id = e.agency_id
     WHERE ${where} AND e.posted_at > now() - interval '${days | 0} days' GROUP BY 1, 2, 3 ORDER BY 3 DESC, 2`,
    params,
  );
}
