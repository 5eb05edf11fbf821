// Agencies, supervisor accounts and sessions. Passwords are hashed with scrypt (hub/passwords.ts);
// session tokens and enrollment tokens are stored only as sha256, never as given.
import { randomBytes } from 'node:crypto';
import type { HubDatabase, Queryable } from './database';
import { sha256 } from './ingest';
import { attemptSucceeded, forgetExpired, reserveAttempt, throttleKeys } from './login-throttle';
import { DEFAULT_PASSWORD_COST, hashPassword, needsRehash, verifyPassword } from './passwords';

export { hashPassword, verifyPassword } from './passwords';

export interface Supervisor {
  id: number;
  username: string;
  role: 'agency' | 'national';
  agencyId: string | null;
  /** The agency's name as added (`agency add <id> <name>`), for screens; the id stays the key. */
  agencyName?: string;
}

/** A new agency and the enrollment token its officers put in "Token laporan" (shown once). */
export async function addAgency(db: Queryable, id: string, name: string, token = randomBytes(24).toString('base64url')): Promise<string> {
  if (!/^[a-z0-9-]{2,64}$/.test(id)) throw new Error('id instansi: huruf kecil, angka dan tanda hubung / lowercase letters, digits and dashes');
  await db.query('INSERT INTO agencies (id, name, token_sha256) VALUES ($1, $2, $3)', [id, name, sha256(token)]);
  return token;
}

/** `passwordCost`: scrypt N, DEFAULT_PASSWORD_COST unless a test asks for a cheaper hash. */
export async function addSupervisor(db: Queryable, user: { username: string; password: string; role: Supervisor['role']; agencyId?: string; passwordCost?: number }): Promise<void> {
  if (user.password.length < 10) throw new Error('kata sandi minimal 10 karakter / password needs at least 10 characters');
  if (user.role === 'agency' && !user.agencyId) throw new Error('pengawas instansi perlu --agency / agency supervisors need --agency');
  await db.query('INSERT INTO supervisors (username, password_hash, role, agency_id) VALUES ($1, $2, $3, $4)', [
    user.username,
    await hashPassword(user.password, user.passwordCost),
    user.role,
    user.role === 'national' ? null : user.agencyId,
  ]);
}

export const SESSION_HOURS = 12;

export interface LoginOptions {
  /** The client's address (behind the TLS proxy, from X-Forwarded-For: see hub/client-address.ts). */
  address: string;
  now?: number;
  /** scrypt N for hashes made or upgraded at sign-in; tests lower it to stay fast. */
  passwordCost?: number;
}

export type LoginResult = { token: string; supervisor: Supervisor } | { error: 'invalid' } | { error: 'throttled'; retryAfterSeconds: number };

export async function login(db: HubDatabase, username: string, password: string, options: LoginOptions): Promise<LoginResult> {
  const { address, now = Date.now(), passwordCost = DEFAULT_PASSWORD_COST } = options;
  await forgetExpired(db, now);
  const keys = throttleKeys(username, address);
  const waitMs = await reserveAttempt(db, keys, now);
  if (waitMs > 0) return { error: 'throttled', retryAfterSeconds: Math.ceil(waitMs / 1000) };
  const [row] = await db.query<{ id: number; username: string; password_hash: string; role: Supervisor['role']; agency_id: string | null; agency_name: string | null }>(
    'SELECT s.id, s.username, s.password_hash, s.role, s.agency_id, a.name AS agency_name FROM supervisors s LEFT JOIN agencies a ON a.id = s.agency_id WHERE lower(s.username) = lower($1)',
    [username],
  );
  // Unknown users cost a hash too, so timing does not say which usernames exist.
  const ok = row ? await verifyPassword(password, row.password_hash) : (await hashPassword(password, passwordCost), false);
  // The attempt was already counted as a failure; only a success takes it back.
  if (!row || !ok) return { error: 'invalid' };
  await attemptSucceeded(db, keys);
  if (needsRehash(row.password_hash, passwordCost)) {
    await db.query('UPDATE supervisors SET password_hash = $2 WHERE id = $1', [row.id, await hashPassword(password, passwordCost)]);
  }
  const token = randomBytes(32).toString('base64url');
  await db.query('INSERT INTO sessions (token_sha256, supervisor_id, expires_at) VALUES ($1, $2, $3)', [sha256(token), row.id, new Date(now + SESSION_HOURS * 3600_000).toISOString()]);
  return { token, supervisor: supervisorOf(row) };
}

export async function sessionSupervisor(db: Queryable, token: string | undefined, now = Date.now()): Promise<Supervisor | undefined> {
  if (!token) return undefined;
  const [row] = await db.query<{ id: number; username: string; role: Supervisor['role']; agency_id: string | null; agency_name: string | null }>(
    `SELECT s.id, s.username, s.role, s.agency_id, a.name AS agency_name
     FROM sessions JOIN supervisors s ON s.id = sessions.supervisor_id LEFT JOIN agencies a ON a.id = s.agency_id
     WHERE sessions.token_sha256 = $1 AND sessions.expires_at > $2`,
    [sha256(token), new Date(now).toISOString()],
  );
  return row && supervisorOf(row);
}

function supervisorOf(row: { id: number; username: string; role: Supervisor['role']; agency_id: string | null; agency_name: string | null }): Supervisor {
  return { id: row.id, username: row.username, role: row.role, agencyId: row.agency_id, ...(row.agency_name ? { agencyName: row.agency_name } : {}) };
}

export async function logout(db: Queryable, token: string | undefined): Promise<void> {
  if (token) await db.query('DELETE FROM sessions WHERE token_sha256 = $1', [sha256(token)]);
}
