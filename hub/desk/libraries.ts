// The libraries a hub publishes, who may edit and approve each, and their signing keys. A key is read
// at start from a file (`--library <id>=<keyfile>`) or the environment (`HK_LIBRARY_KEY_<ID>`: the
// PEM itself or a file's path) and kept in memory only; the database holds its public half.
import type { KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadPrivateKey, rawPublicKeyBase64 } from '../../library/keys';
import type { Queryable } from '../database';

export const DESK_ROLES = ['editor', 'approver'] as const;
export type DeskRole = (typeof DESK_ROLES)[number];

export interface DeskLibrary {
  id: string;
  name: string;
  outDir: string;
  publisher: string;
}

export interface DeskLibraryRuntime extends DeskLibrary {
  key: KeyObject;
  publicKey: string;
}

/** A library's key missing or unreadable: the hub does not start (the message says which and how). */
export class LibraryKeyError extends Error {}

const LIBRARY_ID = /^[a-z0-9-]{2,64}$/;

export async function addLibrary(db: Queryable, library: DeskLibrary): Promise<void> {
  if (!LIBRARY_ID.test(library.id)) throw new Error('id pustaka: huruf kecil, angka dan tanda hubung / library id: lowercase letters, digits and dashes');
  await db.query('INSERT INTO desk_libraries (id, name, out_dir, publisher) VALUES ($1, $2, $3, $4)', [library.id, library.name, resolve(library.outDir), library.publisher]);
}

export async function listLibraries(db: Queryable): Promise<DeskLibrary[]> {
  return db.query<DeskLibrary>('SELECT id, name, out_dir AS "outDir", publisher FROM desk_libraries ORDER BY id');
}

export async function setRole(db: Queryable, libraryId: string, username: string, role: DeskRole, granted = true): Promise<void> {
  if (!DESK_ROLES.includes(role)) throw new Error(`peran: editor atau approver / role: editor or approver (${role})`);
  const [user] = await db.query<{ id: number }>('SELECT id FROM supervisors WHERE lower(username) = lower($1)', [username]);
  if (!user) throw new Error(`akun tidak dikenal / unknown account: ${username}`);
  const [library] = await db.query('SELECT 1 FROM desk_libraries WHERE id = $1', [libraryId]);
  if (!library) throw new Error(`pustaka tidak dikenal / unknown library: ${libraryId}`);
  if (granted) await db.query('INSERT INTO desk_roles (library_id, supervisor_id, role) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [libraryId, user.id, role]);
  else await db.query('DELETE FROM desk_roles WHERE library_id = $1 AND supervisor_id = $2 AND role = $3', [libraryId, user.id, role]);
}

/** library id → the account's roles there. */
export async function rolesOf(db: Queryable, supervisorId: number): Promise<Map<string, Set<DeskRole>>> {
  const rows = await db.query<{ library_id: string; role: DeskRole }>('SELECT library_id, role FROM desk_roles WHERE supervisor_id = $1', [supervisorId]);
  const roles = new Map<string, Set<DeskRole>>();
  for (const r of rows) roles.set(r.library_id, (roles.get(r.library_id) ?? new Set()).add(r.role));
  return roles;
}

/** `--library` values of the form `<id>=<keyfile>` (others, such as a URL to follow, are not keys). */
export function parseKeyArgs(values: string[]): { keys: Map<string, string>; rest: string[] } {
  const keys = new Map<string, string>();
  const rest: string[] = [];
  for (const value of values) {
    const match = value.match(/^([a-z0-9-]{2,64})=(.+)$/);
    if (match) keys.set(match[1]!, match[2]!);
    else rest.push(value);
  }
  return { keys, rest };
}

export const envKeyName = (id: string) => `HK_LIBRARY_KEY_${id.toUpperCase().replaceAll('-', '_')}`;

/**
 * Every library's key, or an error naming what is missing or unreadable: the hub does not start
 * without all of them (a desk that cannot publish would approve items nobody receives).
 */
export function loadLibraryKeys(libraries: DeskLibrary[], files: Map<string, string>, env: NodeJS.ProcessEnv = process.env): DeskLibraryRuntime[] {
  const unknown = [...files.keys()].filter((id) => !libraries.some((l) => l.id === id));
  if (unknown.length) throw new LibraryKeyError(`--library ${unknown[0]}=…: pustaka tidak dikenal, buat dulu dengan "desk library add" / unknown library, create it with "desk library add"`);
  return libraries.map((library) => {
    const file = files.get(library.id);
    const fromEnv = env[envKeyName(library.id)];
    if (!file && !fromEnv) {
      throw new LibraryKeyError(`Kunci pustaka "${library.id}" tidak ada: jalankan dengan --library ${library.id}=<berkas kunci> atau ${envKeyName(library.id)} / the signing key of library "${library.id}" is missing`);
    }
    const where = file ?? (fromEnv!.includes('-----BEGIN') ? envKeyName(library.id) : fromEnv!);
    let key: KeyObject;
    try {
      const pem = file ? readFileSync(file, 'utf8') : fromEnv!.includes('-----BEGIN') ? fromEnv! : readFileSync(fromEnv!, 'utf8');
      key = loadPrivateKey(pem);
      if (key.asymmetricKeyType !== 'ed25519') throw new Error(`bukan Ed25519 / not Ed25519 (${key.asymmetricKeyType})`);
    } catch (err) {
      const reason = file && !existsSync(file) ? 'berkas tidak ada / file not found' : (err as Error).message;
      throw new LibraryKeyError(`Kunci pustaka "${library.id}" tidak dapat dibaca dari ${where} / the signing key of library "${library.id}" is unreadable: ${reason}`);
    }
    return { ...library, key, publicKey: rawPublicKeyBase64(key) };
  });
}

/** Records each library's public key (shown to admins; a change is a rotation). */
export async function recordPublicKeys(db: Queryable, libraries: DeskLibraryRuntime[]): Promise<string[]> {
  const rotated: string[] = [];
  for (const l of libraries) {
    const [row] = await db.query<{ public_key: string | null }>('SELECT public_key FROM desk_libraries WHERE id = $1', [l.id]);
    if (row?.public_key && row.public_key !== l.publicKey) rotated.push(l.id);
    await db.query('UPDATE desk_libraries SET public_key = $2 WHERE id = $1', [l.id, l.publicKey]);
  }
  return rotated;
}
