// What the desk's page reads: items by state, one item with its versions, and the approvers' queue
// (items in review that the account may approve: not written by it).
import type { Queryable } from '../database';
import type { ItemState } from './items';

export interface DeskListRow {
  id: string;
  title: string;
  priority: string;
  state: ItemState;
  /** The version being written or reviewed, else the published one. */
  version: number;
  publishedVersion: number | null;
  comment: string | null;
  reason: string | null;
  updatedAt: string;
  /** In review and written by someone else: this account may approve it. */
  canApprove: boolean;
  /** Imported from the GPR feed (gpr-inbox.ts). */
  fromGpr: boolean;
}

const STATE_SQL = `CASE WHEN i.withdrawn_at IS NOT NULL THEN 'withdrawn'
  WHEN o.state IS NOT NULL THEN o.state
  ELSE 'published' END`;

export async function listItems(db: Queryable, library: string, viewer: number): Promise<DeskListRow[]> {
  return db.query<DeskListRow>(
    `SELECT i.id, COALESCE(o.content->>'title', p.content->>'title', '') AS title, COALESCE(o.content->>'priority', p.content->>'priority', 'normal') AS priority,
            ${STATE_SQL} AS state, COALESCE(CASE WHEN i.withdrawn_at IS NULL THEN i.open_version END, i.published_version) AS version,
            i.published_version AS "publishedVersion", o.review_comment AS comment, COALESCE(i.withdrawn_reason, o.reason) AS reason,
            i.updated_at AS "updatedAt", (o.state = 'review' AND NOT ($2 = ANY(o.editors))) IS TRUE AS "canApprove", i.gpr_link IS NOT NULL AS "fromGpr"
       FROM desk_items i
       LEFT JOIN desk_versions o ON o.library_id = i.library_id AND o.item_id = i.id AND o.version = i.open_version
       LEFT JOIN desk_versions p ON p.library_id = i.library_id AND p.item_id = i.id AND p.version = i.published_version
      WHERE i.library_id = $1
      ORDER BY (o.state = 'review') IS TRUE DESC, i.updated_at DESC
      LIMIT 500`,
    [library, viewer],
  );
}

export interface DeskItemDetail {
  id: string;
  state: ItemState;
  publishedVersion: number | null;
  openVersion: number | null;
  withdrawnReason: string | null;
  versions: { version: number; state: string; content: Record<string, unknown>; reason: string | null; comment: string | null; editors: string[]; approvedBy: string | null; approvedAt: string | null }[];
}

export async function itemDetail(db: Queryable, library: string, id: string): Promise<DeskItemDetail | undefined> {
  const [item] = await db.query<{ id: string; published_version: number | null; open_version: number | null; withdrawn_at: string | null; withdrawn_reason: string | null }>(
    'SELECT id, published_version, open_version, withdrawn_at, withdrawn_reason FROM desk_items WHERE library_id = $1 AND id = $2',
    [library, id],
  );
  if (!item) return undefined;
  const versions = await db.query<DeskItemDetail['versions'][number]>(
    `SELECT v.version, v.state, v.content, v.reason, v.review_comment AS comment, v.approved_at AS "approvedAt", a.username AS "approvedBy",
            ARRAY(SELECT s.username FROM supervisors s WHERE s.id = ANY(v.editors) ORDER BY s.username) AS editors
       FROM desk_versions v LEFT JOIN supervisors a ON a.id = v.approved_by
      WHERE v.library_id = $1 AND v.item_id = $2 ORDER BY v.version DESC`,
    [library, id],
  );
  const open = versions.find((v) => v.version === item.open_version);
  const state: ItemState = item.withdrawn_at ? 'withdrawn' : open ? (open.state as ItemState) : 'published';
  return { id, state, publishedVersion: item.published_version, openVersion: item.open_version, withdrawnReason: item.withdrawn_reason, versions };
}

export interface WaitingItem {
  library: string;
  id: string;
  title: string;
  priority: string;
  version: number;
  submittedAt: string;
}

/** Items in review in the libraries where the account approves, that it did not write: its alert. */
export async function waitingFor(db: Queryable, supervisorId: number): Promise<WaitingItem[]> {
  return db.query<WaitingItem>(
    `SELECT v.library_id AS library, v.item_id AS id, v.content->>'title' AS title, COALESCE(v.content->>'priority', 'normal') AS priority, v.version, v.submitted_at AS "submittedAt"
       FROM desk_versions v JOIN desk_roles r ON r.library_id = v.library_id AND r.supervisor_id = $1 AND r.role = 'approver'
      WHERE v.state = 'review' AND NOT ($1 = ANY(v.editors))
      ORDER BY (v.content->>'priority' = 'urgent') IS TRUE DESC, v.submitted_at`,
    [supervisorId],
  );
}
