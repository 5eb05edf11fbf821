// The administration commands that only change rows (agencies, supervisors, install approval,
// enrollment codes, time zones): run by the command line on the database itself, or, on a PGlite
// folder a running hub holds, by that hub for it (hub/admin-endpoint.ts). Output, not console: the
// caller prints it wherever the command was typed.
import { addAgency, addSupervisor } from './accounts';
import type { HubDatabase } from './database';
import { installCommand } from './install-admin';
import { setAgencyTimeZone } from './time-zones';

export interface AccountCommand {
  command: string[];
  agency?: string;
  national?: boolean;
  /** `agency add --token`: the agency's token given instead of made. */
  token?: string;
  days?: string;
  /** `user add`: asked where the command was typed, before anything runs. */
  password?: string;
}

export interface AdminResult {
  /** Printed to stdout when code is 0, to stderr otherwise. */
  output: string;
  code: number;
}

/** True for the commands runAccountCommand runs (user add needs a password asked first). */
export function isAccountCommand([what, verb]: string[]): boolean {
  return (what === 'agency' && (verb === 'add' || verb === 'timezone' || verb === 'approval')) || (what === 'user' && verb === 'add') || (what === 'code' && verb === 'add');
}

export const needsPassword = ([what, verb]: string[]) => what === 'user' && verb === 'add';

/** undefined: not an account command (or its arguments are missing); errors come back as code 2. */
export async function runAccountCommand(db: HubDatabase, request: AccountCommand): Promise<AdminResult | undefined> {
  const [what, verb, id, name] = request.command;
  try {
    if (what === 'agency' && verb === 'add' && id && name) {
      const token = await addAgency(db, id, name, request.token);
      return { output: `Instansi ${id} dibuat. Token laporan untuk petugas (simpan, hanya ditampilkan sekali):\n${token}`, code: 0 };
    }
    if (what === 'user' && verb === 'add' && id && (request.national || request.agency) && request.password) {
      await addSupervisor(db, { username: id, password: request.password, role: request.national ? 'national' : 'agency', agencyId: request.agency });
      return { output: `Pengawas ${id} dibuat / supervisor created.`, code: 0 };
    }
    if (what === 'agency' && verb === 'timezone' && id && name) return { output: await setAgencyTimeZone(db, id, name), code: 0 };
    const message = await installCommand(db, request.command, request.days);
    return message === undefined ? undefined : { output: message, code: 0 };
  } catch (err) {
    return { output: (err as Error).message, code: 2 };
  }
}
