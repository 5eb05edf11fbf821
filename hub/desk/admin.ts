// The desk's admin commands (npm run hub -- desk …): libraries and who edits or approves each.
//   desk library add <id> "<name>" --out <folder> [--publisher "<name>"]
//   desk role add|remove <library> <username> editor|approver
//   desk libraries                                   lists libraries, their keys' public halves and roles
import type { Queryable } from '../database';
import { addLibrary, DESK_ROLES, envKeyName, listLibraries, setRole, type DeskRole } from './libraries';

export const DESK_USAGE = 'desk library add <id> "<nama>" --out <folder> [--publisher "<nama>"] | desk role add|remove <pustaka> <akun> editor|approver | desk libraries';

/** Undefined when the command is not a desk command. */
export async function deskCommand(db: Queryable, command: string[], options: { out?: string; publisher?: string }): Promise<string | undefined> {
  const [what, noun, verb, a, b, c] = command;
  if (what !== 'desk') return undefined;
  if (noun === 'library' && verb === 'add' && a && b && options.out) {
    await addLibrary(db, { id: a, name: b, outDir: options.out, publisher: options.publisher ?? b });
    return `Pustaka ${a} dibuat / library created. Mulai hub dengan / start the hub with --library ${a}=<berkas kunci> atau / or ${envKeyName(a)} (npm run library:keygen).`;
  }
  if (noun === 'role' && (verb === 'add' || verb === 'remove') && a && b && c && (DESK_ROLES as readonly string[]).includes(c)) {
    await setRole(db, a, b, c as DeskRole, verb === 'add');
    return `${b}: ${c} ${verb === 'add' ? 'ditambahkan / granted' : 'dicabut / removed'} (${a})`;
  }
  if (noun === 'libraries') {
    const libraries = await listLibraries(db);
    const lines = [];
    for (const l of libraries) {
      const [row] = await db.query<{ public_key: string | null }>('SELECT public_key FROM desk_libraries WHERE id = $1', [l.id]);
      const roles = await db.query<{ username: string; role: string }>('SELECT s.username, r.role FROM desk_roles r JOIN supervisors s ON s.id = r.supervisor_id WHERE r.library_id = $1 ORDER BY r.role, s.username', [l.id]);
      lines.push(`${l.id} "${l.name}" → ${l.outDir} · kunci publik / public key: ${row?.public_key ?? '(belum / not yet)'}`, ...roles.map((r) => `  ${r.role}: ${r.username}`));
    }
    return lines.join('\n') || '(belum ada pustaka / no libraries)';
  }
  throw new Error(`Pakai / usage: ${DESK_USAGE}`);
}
