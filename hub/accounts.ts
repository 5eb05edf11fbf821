// Agencies, supervisor accounts and sessions. Passwords are hashed with scrypt (Node's standard
// KDF); session tokens and enrollment tokens are stored only as sha256, never as given.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { Queryable } from './database';
import { sha256 } from './ingest';

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number, options: { N: number; r: number; p: number; maxmem: number }) => Promise<Buffer>;
const KDF = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, 32, KDF);
  return `scrypt$${KDF.N}$${KDF.r}$${KDF.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, key] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await scryptAsync(password, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p), maxmem: KDF.maxmem });
  return timingSafeEqual(actual, expected);
}

export interface Supervisor {
  id: number;
  username: string;
  role: 'agency' | 'national';
  agencyId: string | null;
}

/** A new agency and the enrollment token its officers put in "Token laporan" (shown once). */
export async function addAgency(db: Queryable, id: string, name: string, token = randomBytes(24).toString('base64url')): Promise<string> {
  if (!/^[a-z0-9-]{2,64}$/.test(id)) throw new Error('id instansi: huruf kecil, angka dan tanda hubung / lowercase letters, digits and dashes');
  await db.query('INSERT INTO agencies (id, name, token_sha256) VALUES ($1, $2, $3)', [id, name, sha256(token)]);
  return token;
}

export async function addSupervisor(db: Queryable, user: { username: string; password: string; role: Supervisor['role']; agencyId?: string }): Promise<void> {
  if (user.password.length < 10) throw new Error('kata sandi minimal 10 karakter / password needs at least 10 characters');
  if (user.role === 'agency' && !user.agencyId) throw new Error('pengawas instansi perlu --agency / agency supervisors need --agency');
  await db.query('INSERT INTO supervisors (username, password_hash, role, agency_id) VALUES ($1, $2, $3, $4)', [
    user.username,
    await hashPassword(user.password),
    user.role,
    user.role === 'national' ? null : user.agencyId,
  ]);
}

export const SESSION_HOURS = 12;
/**
 * Failed logins allowed in the window before the form says wait: per account (guessing one
 * password), and per address, higher, since a whole office may sign in from one NAT address.
 */
export const MAX_FAILURES = { user: 5, addr: 50 };
const FAILURE_WINDOW = '15 minutes';

export type LoginResult = { token: string; supervisor: Supervisor } | { error: 'invalid' | 'throttled' };

export async function login(db: Queryable, username: string, password: string, address: string): Promise<LoginResult> {
  const keys = [`user:${username.toLowerCase()}`, `addr:${address}`];
  const counts = await db.query<{ key: string; failures: number }>(
    `SELECT key, count(*)::int AS failures FROM login_failures WHERE key = ANY($1) AND at > now() - interval '${FAILURE_WINDOW}' GROUP BY key`,
    [keys],
  );
  if (counts.some((c) => c.failures >= MAX_FAILURES[c.key.startsWith('user:') ? 'user' : 'addr'])) return { error: 'throttled' };
  const [row] = await db.query<{ id: number; username: string; password_hash: string; role: Supervisor['role']; agency_id: string | null }>(
    'SELECT id, username, password_hash, role, agency_id FROM supervisors WHERE lower(username) = lower($1)',
    [username],
  );
  // Unknown users cost a hash too, so timing does not say which usernames exist.
  const ok = row ? await verifyPassword(password, row.password_hash) : (await hashPassword(password), false);
  if (!row || !ok) {
    await db.query('INSERT INTO login_failures (key) SELECT unnest($1::text[])', [keys]);
    return { error: 'invalid' };
  }
  await db.query('DELETE FROM login_failures WHERE key = $1', [keys[0]]);
  const token = randomBytes(32).toString('base64url');
  await db.query(`INSERT INTO sessions (token_sha256, supervisor_id, expires_at) VALUES ($1, $2, now() + interval '${SESSION_HOURS} hours')`, [sha256(token), row.id]);
  return { token, supervisor: { id: row.id, username: row.username, role: row.role, agencyId: row.agency_id } };
}

export async function sessionSupervisor(db: Queryable, token: string | undefined): Promise<Supervisor | undefined> {
  if (!token) return undefined;
  const [row] = await db.query<{ id: number; username: string; role: Supervisor['role']; agency_id: string | null }>(
    'SELECT s.id, s.username, s.role, s.agency_id FROM sessions JOIN supervisors s ON s.id = sessions.supervisor_id WHERE token_sha256 = $1 AND expires_at > now()',
    [sha256(token)],
  );
  return row && { id: row.id, username: row.username, role: row.role, agencyId: row.agency_id };
}

export async function logout(db: Queryable, token: string | undefined): Promise<void> {
  if (token) await db.query('DELETE FROM sessions WHERE token_sha256 = $1', [sha256(token)]);
}
