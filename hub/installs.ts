// Officer identity on the report endpoint: enrollment records the officer's name (from the body
// with the shared agency token, or from a one-time code a supervisor made for that officer), and
// every upload is checked against the install as it is now (pending, revoked, its names). Nothing
// is cached between requests: a supervisor's approval or revocation holds on every hub process.
import { createHash, randomInt } from 'node:crypto';
import type { HubDatabase, Queryable } from './database';
import { chainAnchors, isAnswer, parseEnrollment, type Answer, type RejectReason } from './report-rules';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export type InstallStatus = 'approved' | 'pending' | 'revoked';
export type InstallApproval = 'automatic' | 'required';
export const INSTALL_APPROVALS: readonly InstallApproval[] = ['automatic', 'required'];

/** An enrolled install as an upload needs it. */
export interface KnownInstall {
  agencyId: string;
  /** The name it is enrolled with now: the only name the hub stores and shows. */
  officerName: string;
  /** Names it was enrolled with before a rename (entries written then still carry them). */
  formerNames: string[];
  status: InstallStatus;
  publicKey: string;
  anchors: string[];
}

/** Names compared as an officer types them: case, spacing and Unicode form do not make another person. */
export const nameKey = (name: string) => name.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('id');

const USER_AGENT_MAX = 300;
const browserOf = (userAgent: string | undefined) => userAgent?.slice(0, USER_AGENT_MAX);

/** The install behind an upload, its last upload (and browser) recorded on the way. */
export async function lookupInstall(db: Queryable, installId: string, userAgent?: string): Promise<KnownInstall | undefined> {
  const [row] = await db.query<{ agency_id: string; public_key: string; genesis: string; officer_name: string; status: InstallStatus; former_names: string[] }>(
    `UPDATE installs SET last_seen_at = now(), user_agent = COALESCE($2, user_agent) WHERE install_id = $1
     RETURNING agency_id, public_key, genesis, officer_name, status, ARRAY(SELECT n.officer_name FROM install_names n WHERE n.install_id = $1) AS former_names`,
    [installId, browserOf(userAgent) ?? null],
  );
  if (!row) return undefined;
  return { agencyId: row.agency_id, officerName: row.officer_name, formerNames: row.former_names, status: row.status, publicKey: row.public_key, anchors: chainAnchors(row.genesis) };
}

/** 403 for an install waiting for approval: nothing is stored, the extension keeps its outbox and sends later. */
export function pendingAnswer(who: KnownInstall): Answer | undefined {
  if (who.status !== 'pending') return undefined;
  return { status: 403, body: { error: 'perangkat ini menunggu persetujuan pengawas / this device is waiting for a supervisor’s approval', pending: true } };
}

/**
 * The install behind an upload other than the log (site problems, suggestions), or the answer that
 * refuses it: unknown (401), waiting for approval (403 pending) or revoked (403). The log's upload
 * refuses a revoked install's entries one by one instead, so earlier posts stay countable.
 */
export async function activeInstall(db: Queryable, installId: string, userAgent?: string): Promise<{ who: KnownInstall } | { refusal: Answer }> {
  const who = await lookupInstall(db, installId, userAgent);
  if (!who) return { refusal: { status: 401, body: { error: 'install belum terdaftar / install not enrolled' } } };
  const held = pendingAnswer(who);
  if (held) return { refusal: held };
  if (who.status === 'revoked') return { refusal: { status: 403, body: { error: 'perangkat ini dicabut / this device was revoked', revoked: true } } };
  return { who };
}

/**
 * Why one entry of this install is refused for who sent it: every entry of a revoked install, and
 * an entry naming an officer the install was never enrolled as. Entries that name nobody (status
 * updates) pass.
 */
export function identityProblem(who: KnownInstall, entry: Record<string, unknown>): RejectReason | undefined {
  if (who.status === 'revoked') return 'revoked';
  const claimed = entry.officerName;
  if (typeof claimed !== 'string' || !claimed.trim()) return undefined;
  const key = nameKey(claimed);
  return [who.officerName, ...who.formerNames].some((name) => nameKey(name) === key) ? undefined : 'officer';
}

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** A code an officer can read out or type: HK- and 4 groups of 4 (80 bits). */
export function newEnrollmentCode(): string {
  const groups = Array.from({ length: 4 }, () => Array.from({ length: 4 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join(''));
  return `HK-${groups.join('-')}`;
}

type Credential = { agencyId: string; approval: InstallApproval; code?: { sha: string; officerName: string } };

/** The agency a bearer token enrolls into: the agency's shared token, or an unused (or this install's) code. */
async function credentialOf(tx: Queryable, token: string, installId: string): Promise<Credential | undefined> {
  const sha = sha256(token);
  const [agency] = await tx.query<{ id: string; install_approval: InstallApproval }>('SELECT id, install_approval FROM agencies WHERE token_sha256 = $1', [sha]);
  if (agency) return { agencyId: agency.id, approval: agency.install_approval };
  const [code] = await tx.query<{ agency_id: string; officer_name: string; install_approval: InstallApproval }>(
    `SELECT c.agency_id, c.officer_name, a.install_approval FROM enrollment_codes c JOIN agencies a ON a.id = c.agency_id
     WHERE c.code_sha256 = $1 AND ((c.used_by IS NULL AND c.expires_at > now()) OR c.used_by = $2) FOR UPDATE OF c`,
    [sha, installId],
  );
  return code && { agencyId: code.agency_id, approval: code.install_approval, code: { sha, officerName: code.officer_name } };
}

const conflict: Answer = { status: 409, body: { error: 'installId terdaftar dengan kunci atau instansi lain / enrolled with another key or agency' } };
const refusedToken: Answer = { status: 401, body: { error: 'token pendaftaran tidak valid / invalid enrollment token' } };

/**
 * POST /v1/installs. 201 new install (pending when its agency requires approval), 200 already
 * enrolled with this key (a new officer name renames it, the old one kept), 401 bad token or used
 * code, 409 another key or agency, 422 a name other than the one the code was made for.
 */
export async function enrollInstall(db: HubDatabase, body: unknown, authorization: string | undefined, userAgent?: string): Promise<Answer> {
  const token = authorization?.match(/^Bearer (\S{16,200})$/)?.[1];
  if (!token) return refusedToken;
  const parsed = parseEnrollment(body);
  if (isAnswer(parsed)) return parsed;
  const e = parsed.enrollment;
  return db.transaction(async (tx) => {
    const credential = await credentialOf(tx, token, e.installId);
    if (!credential) return refusedToken;
    const declared = (e.officerName ?? '').trim();
    // A code names its officer: the install takes that name, and a different one in the body is a mistake to fix, not a rename.
    if (credential.code && declared && nameKey(declared) !== nameKey(credential.code.officerName)) {
      return { status: 422, body: { error: `nama petugas tidak sesuai kode pendaftaran (${credential.code.officerName}) / officer name does not match the enrollment code`, officerName: credential.code.officerName } };
    }
    const officerName = credential.code?.officerName ?? declared;
    const [known] = await tx.query<{ agency_id: string; public_key: string; officer_name: string }>(
      'SELECT agency_id, public_key, officer_name FROM installs WHERE install_id = $1 FOR UPDATE',
      [e.installId],
    );
    if (known && (known.public_key !== e.publicKey || known.agency_id !== credential.agencyId)) return conflict;
    if (!known) {
      const status: InstallStatus = credential.approval === 'required' ? 'pending' : 'approved';
      const inserted = await tx.query(
        `INSERT INTO installs (install_id, agency_id, public_key, genesis, officer_name, declared_agency, region, status, approved_at, user_agent)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, CASE WHEN $8 = 'approved' THEN now() END, $9) ON CONFLICT (install_id) DO NOTHING RETURNING install_id`,
        [e.installId, credential.agencyId, e.publicKey, parsed.genesis, officerName, e.agency ?? '', e.region ?? '', status, browserOf(userAgent) ?? ''],
      );
      // The same install enrolled at this moment through another hub process: the same key is that enrollment.
      if (!inserted.length) {
        const [raced] = await tx.query<{ agency_id: string; public_key: string }>('SELECT agency_id, public_key FROM installs WHERE install_id = $1', [e.installId]);
        return raced?.public_key === e.publicKey && raced.agency_id === credential.agencyId ? { status: 200, body: { enrolled: true } } : conflict;
      }
    } else {
      if (known.officer_name !== officerName) {
        await tx.query('INSERT INTO install_names (install_id, officer_name) VALUES ($1, $2)', [e.installId, known.officer_name]);
        await tx.query('UPDATE installs SET officer_name = $2, renamed_at = now() WHERE install_id = $1', [e.installId, officerName]);
      }
      await tx.query('UPDATE installs SET region = $2, declared_agency = $3, user_agent = COALESCE($4, user_agent) WHERE install_id = $1', [e.installId, e.region ?? '', e.agency ?? '', browserOf(userAgent) ?? null]);
    }
    if (credential.code) await tx.query('UPDATE enrollment_codes SET used_by = $2, used_at = COALESCE(used_at, now()) WHERE code_sha256 = $1', [credential.code.sha, e.installId]);
    return { status: known ? 200 : 201, body: { enrolled: true } };
  });
}
