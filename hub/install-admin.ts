// What supervisors see and do about installs, always within their scope (an agency supervisor: their
// agency; a national one: all): the list with its flags, approval, revocation, the agency's approval
// setting, and one-time enrollment codes for one officer each.
import { createHash } from 'node:crypto';
import type { Supervisor } from './accounts';
import type { Queryable } from './database';
import { INSTALL_APPROVALS, newEnrollmentCode, type InstallApproval, type InstallStatus } from './installs';

/** Days a flag "new device" stays on an automatically approved install. */
export const NEW_DEVICE_DAYS = 7;
export const CODE_DAYS = 14;

export type InstallFlag = 'sameName' | 'renamed' | 'newDevice';

export interface InstallView {
  installId: string;
  agencyId: string;
  agencyName: string;
  officerName: string;
  /** Names it was enrolled with before, oldest first. */
  formerNames: string[];
  browser: string;
  userAgent: string;
  region: string;
  firstSeen: string;
  lastSeen?: string;
  entries: number;
  refused: number;
  status: InstallStatus;
  flags: InstallFlag[];
}

/** "Chrome 148 · Windows" from a User-Agent: enough to tell an officer's browsers apart. */
export function browserName(userAgent: string): string {
  const browser = [/Edg\/(\d+)/, /Firefox\/(\d+)/, /Chrome\/(\d+)/, /Version\/(\d+).*Safari/]
    .map((re, i) => [['Edge', 'Firefox', 'Chrome', 'Safari'][i], userAgent.match(re)?.[1]] as const)
    .find(([, version]) => version);
  const system = [['Android', 'Android'], ['Windows', 'Windows'], ['CrOS', 'ChromeOS'], ['Mac OS X', 'macOS'], ['iPhone', 'iOS'], ['Linux', 'Linux']].find(([mark]) => userAgent.includes(mark!))?.[1];
  return [browser ? `${browser[0]} ${browser[1]}` : '', system ?? ''].filter(Boolean).join(' · ') || userAgent.slice(0, 40);
}

/** The scope of a supervisor as SQL on an alias carrying agency_id, its parameter appended to `params`. */
function scoped(scope: Supervisor, alias: string, params: unknown[]): string {
  if (scope.role === 'national') return 'true';
  params.push(scope.agencyId);
  return `${alias}.agency_id = $${params.length}`;
}

/** SQL for a name as nameKey() compares it (case and spacing), to find one officer on two installs. */
const NAME_KEY = (column: string) => `lower(regexp_replace(btrim(${column}), '\\s+', ' ', 'g'))`;

export async function listInstalls(db: Queryable, scope: Supervisor): Promise<InstallView[]> {
  const params: unknown[] = [];
  const where = scoped(scope, 'i', params);
  const rows = await db.query<{
    install_id: string; agency_id: string; agency_name: string; officer_name: string; former_names: string[]; user_agent: string; region: string;
    enrolled_at: string; last_seen_at: string | null; status: InstallStatus; entries: number; refused: number; same_name: boolean; new_device: boolean;
  }>(
    `SELECT i.install_id, i.agency_id, a.name AS agency_name, i.officer_name, i.user_agent, i.region, i.enrolled_at, i.last_seen_at, i.status,
       ARRAY(SELECT n.officer_name FROM install_names n WHERE n.install_id = i.install_id ORDER BY n.replaced_at) AS former_names,
       (SELECT count(*)::int FROM entries e WHERE e.install_id = i.install_id) AS entries,
       (SELECT count(*)::int FROM rejections r WHERE r.install_id = i.install_id) AS refused,
       i.officer_name <> '' AND EXISTS (SELECT 1 FROM installs o WHERE o.agency_id = i.agency_id AND o.install_id <> i.install_id AND o.status <> 'revoked'
         AND ${NAME_KEY('o.officer_name')} = ${NAME_KEY('i.officer_name')}) AS same_name,
       i.status = 'approved' AND i.approved_by IS NULL AND i.enrolled_at > now() - interval '${NEW_DEVICE_DAYS} days' AS new_device
     FROM installs i JOIN agencies a ON a.id = i.agency_id WHERE ${where}
     ORDER BY (i.status = 'pending') DESC, a.name, i.officer_name, i.enrolled_at`,
    params,
  );
  return rows.map((r) => ({
    installId: r.install_id,
    agencyId: r.agency_id,
    agencyName: r.agency_name,
    officerName: r.officer_name,
    formerNames: r.former_names,
    browser: browserName(r.user_agent),
    userAgent: r.user_agent,
    region: r.region,
    firstSeen: r.enrolled_at,
    ...(r.last_seen_at ? { lastSeen: r.last_seen_at } : {}),
    entries: r.entries,
    refused: r.refused,
    status: r.status,
    flags: [...(r.same_name ? ['sameName' as const] : []), ...(r.former_names.length ? ['renamed' as const] : []), ...(r.new_device ? ['newDevice' as const] : [])],
  }));
}

/** Approves a pending (or restores a revoked) install in scope; false when there is none to approve. */
export async function approveInstall(db: Queryable, scope: Supervisor, installId: string): Promise<boolean> {
  const params: unknown[] = [installId, scope.username];
  const rows = await db.query(
    `UPDATE installs i SET status = 'approved', approved_by = $2, approved_at = now(), revoked_by = NULL, revoked_at = NULL
     WHERE i.install_id = $1 AND i.status <> 'approved' AND ${scoped(scope, 'i', params)} RETURNING install_id`,
    params,
  );
  return rows.length > 0;
}

/** Revokes an install in scope: its later entries are refused (`revoked`), those it reported stay. */
export async function revokeInstall(db: Queryable, scope: Supervisor, installId: string): Promise<boolean> {
  const params: unknown[] = [installId, scope.username];
  const rows = await db.query(
    `UPDATE installs i SET status = 'revoked', revoked_by = $2, revoked_at = now() WHERE i.install_id = $1 AND i.status <> 'revoked' AND ${scoped(scope, 'i', params)} RETURNING install_id`,
    params,
  );
  return rows.length > 0;
}

export const isInstallApproval = (value: unknown): value is InstallApproval => INSTALL_APPROVALS.includes(value as InstallApproval);

/** Sets whether new installs of an agency wait for a supervisor (`required`) or are approved at once. */
export async function setInstallApproval(db: Queryable, agencyId: string, approval: InstallApproval): Promise<boolean> {
  return (await db.query("UPDATE agencies SET install_approval = $2 WHERE id = $1 RETURNING id", [agencyId, approval])).length > 0;
}

export async function agencySettings(db: Queryable, scope: Supervisor): Promise<{ id: string; name: string; installApproval: InstallApproval }[]> {
  const params: unknown[] = [];
  return db.query(`SELECT a.id, a.name, a.install_approval AS "installApproval" FROM agencies a WHERE ${scoped(scope, 'a', params).replace('a.agency_id', 'a.id')} ORDER BY a.name`, params);
}

/**
 * A one-time code that enrolls one install into the agency under this officer's name, in place of
 * the shared token. Shown once; stored as sha256.
 */
export async function createEnrollmentCode(db: Queryable, agencyId: string, officerName: string, createdBy: string, days = CODE_DAYS): Promise<{ code: string; officerName: string; expiresAt: string }> {
  const name = officerName.trim().replace(/\s+/g, ' ');
  if (!name || name.length > 200) throw new RangeError('nama petugas wajib, paling banyak 200 karakter / officer name required, at most 200 characters');
  const code = newEnrollmentCode();
  const [row] = await db.query<{ expires_at: string }>(
    `INSERT INTO enrollment_codes (code_sha256, agency_id, officer_name, created_by, expires_at) VALUES ($1, $2, $3, $4, now() + make_interval(days => $5)) RETURNING expires_at`,
    [createHash('sha256').update(code).digest('hex'), agencyId, name, createdBy, Math.max(1, Math.min(90, days | 0))],
  );
  return { code, officerName: name, expiresAt: row!.expires_at };
}

export async function listEnrollmentCodes(db: Queryable, scope: Supervisor, limit = 100) {
  const params: unknown[] = [];
  return db.query<{ agencyId: string; officerName: string; createdBy: string; createdAt: string; expiresAt: string; usedAt: string | null }>(
    `SELECT c.agency_id AS "agencyId", c.officer_name AS "officerName", c.created_by AS "createdBy", c.created_at AS "createdAt", c.expires_at AS "expiresAt", c.used_at AS "usedAt"
     FROM enrollment_codes c WHERE ${scoped(scope, 'c', params)} ORDER BY c.created_at DESC LIMIT ${limit | 0}`,
    params,
  );
}

/**
 * The administrator's commands (hub/cli.ts): `agency approval <id> automatic|required` and
 * `code add <agency-id> "<officer name>" [--days N]`. What to print, or undefined for another command.
 */
export async function installCommand(db: Queryable, [what, verb, id, value]: string[], days?: string): Promise<string | undefined> {
  if (what === 'agency' && verb === 'approval' && id) {
    if (!isInstallApproval(value)) throw new Error('Pakai / usage: agency approval <id> automatic|required');
    if (!(await setInstallApproval(db, id, value))) throw new Error(`instansi ${id} tidak ada / no such agency`);
    return value === 'required'
      ? `Perangkat baru ${id} menunggu persetujuan pengawas / new installs of ${id} wait for a supervisor's approval`
      : `Perangkat baru ${id} disetujui otomatis / new installs of ${id} are approved automatically`;
  }
  if (what === 'code' && verb === 'add' && id && value) {
    const code = await createEnrollmentCode(db, id, value, 'admin', days ? Number(days) : CODE_DAYS);
    return `Kode pendaftaran untuk ${code.officerName} (sekali pakai, berlaku sampai ${code.expiresAt}); petugas mengisinya sebagai Token laporan / one-time enrollment code:\n${code.code}`;
  }
  return undefined;
}
