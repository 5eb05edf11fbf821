// A hub on PGlite with the editorial desk, as the desk's e2e tests start it: national supervisor
// accounts (`editor` writes, `penyetuju` approves), one or more desk libraries each signed with its
// own key file, and optionally agencies whose officers report to it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addAgency, addSupervisor } from '../../hub/accounts';
import { migrate, openDatabase, type HubDatabase } from '../../hub/database';
import { addLibrary, setRole } from '../../hub/desk/libraries';
import { startHub, type RunningHub } from '../../hub/server';
import { generateSigningKey } from '../../library/keys';

export const DESK_PASSWORD = 'redaksi-rahasia-1';
export const NATIONAL_LIBRARY = { id: 'nasional', name: 'Pustaka Nasional', publisher: 'Komdigi' };

export interface DeskHubOptions {
  libraries?: { id: string; name: string; publisher: string }[];
  /** Accounts made (national scope); `editor` gets the editor role and `penyetuju` the approver role in every library. */
  accounts?: ('editor' | 'penyetuju')[];
  agencies?: { id: string; name: string; token: string }[];
  /** Runs before the hub starts (more roles, seeded rows). */
  prepare?: (db: HubDatabase) => Promise<void>;
}

export interface DeskHub {
  hub: RunningHub;
  /** A scratch folder of the test's own. */
  dir: string;
  /** Each library's signed output folder and public key (base64, as officers' settings take it). */
  libraries: Record<string, { outDir: string; publicKey: string }>;
  close(): Promise<void>;
}

export async function startDeskHub(name: string, options: DeskHubOptions = {}): Promise<DeskHub> {
  const { libraries = [NATIONAL_LIBRARY], accounts = ['editor', 'penyetuju'], agencies = [] } = options;
  const dir = mkdtempSync(join(tmpdir(), `hk-${name}-`));
  const db = await openDatabase({});
  await migrate(db);
  for (const agency of agencies) await addAgency(db, agency.id, agency.name, agency.token);
  for (const username of accounts) await addSupervisor(db, { username, password: DESK_PASSWORD, role: 'national', passwordCost: 2 ** 10 });
  const keyFiles = new Map<string, string>();
  const made: DeskHub['libraries'] = {};
  for (const library of libraries) {
    const outDir = join(dir, 'out', library.id);
    await addLibrary(db, { ...library, outDir });
    for (const username of accounts) await setRole(db, library.id, username, username === 'editor' ? 'editor' : 'approver');
    const key = generateSigningKey();
    keyFiles.set(library.id, join(dir, `${library.id}.pem`));
    writeFileSync(keyFiles.get(library.id)!, key.privatePem);
    made[library.id] = { outDir, publicKey: key.publicKey };
  }
  await options.prepare?.(db);
  const hub = await startHub({ db, port: 0, libraryKeys: keyFiles });
  return {
    hub,
    dir,
    libraries: made,
    async close() {
      await hub.close();
      await hub.db.close();
    },
  };
}
