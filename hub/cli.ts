// npm run hub [-- --port N --host H --time-zone ZONE --data DIR --library URL --library-key KEY --behind-proxy --demo --dev]
//   --library <id>=<keyfile> (repeatable): the signing key of each editorial desk library (or HK_LIBRARY_KEY_<ID>)
// npm run hub -- desk library add <id> "<name>" --out <folder> | desk role add <library> <username> editor|approver | desk libraries
// npm run hub -- agency add <id> "<name>"                 prints the agency's enrollment token once
// npm run hub -- user add <username> --agency <id> | --national   password from HK_HUB_PASSWORD, piped stdin or asked (not echoed)
// npm run hub -- agency approval <id> automatic|required   whether new installs wait for a supervisor
// npm run hub -- code add <agency-id> "<officer name>" [--days N]   prints a one-time enrollment code
// npm run hub -- agency timezone <id> <IANA zone>       the agency's calendar days (Asia/Makassar for WITA)
// npm run hub -- backup <file> | restore <file>           PGlite only, with the hub stopped (PostgreSQL: pg_dump)
// Built: node hub/dist/server.mjs <the same options and commands> (hub/build.ts bundles this file).
// PGlite: a running hub holds its folder (hub/pglite-lock.ts); commands on that folder refuse until it stops.
// DATABASE_URL=postgres://… selects a PostgreSQL server instead of PGlite in --data.
import { mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { addAgency, addSupervisor } from './accounts';
import { deskCommand } from './desk/admin';
import { LibraryKeyError, parseKeyArgs } from './desk/libraries';
import { migrate, openDatabase } from './database';
import { installCommand } from './install-admin';
import { DEMO_REFUSALS, DemoRefused, seedDemo } from './demo';
import { readPassword } from './password-prompt';
import { backupPglite, restorePglite } from './pglite-backup';
import { assertNoHub, HubRunning, lockForHub } from './pglite-lock';
import { DEFAULT_TIME_ZONE, isTimeZone, setAgencyTimeZone } from './time-zones';
import { startHub } from './server';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: 'string', default: '8788' },
    host: { type: 'string', default: '127.0.0.1' },
    data: { type: 'string', default: '.hub-data' },
    // A URL to follow, and/or desk libraries' keys as <id>=<keyfile> (hub/desk/libraries.ts).
    library: { type: 'string', multiple: true },
    out: { type: 'string' },
    publisher: { type: 'string' },
    'library-key': { type: 'string' },
    // Development: the hub may follow an unsigned or plain-http library (never in production).
    dev: { type: 'boolean', default: false },
    demo: { type: 'boolean', default: false },
    'behind-proxy': { type: 'boolean', default: false },
    'time-zone': { type: 'string', default: DEFAULT_TIME_ZONE },
    agency: { type: 'string' },
    national: { type: 'boolean', default: false },
    token: { type: 'string' },
    days: { type: 'string' },
  },
});
const databaseUrl = process.env.DATABASE_URL;
const { keys: libraryKeys, rest: libraryUrls } = parseKeyArgs(values.library ?? []);
const libraryUrl = libraryUrls.at(-1);
if (!isTimeZone(values['time-zone'])) {
  console.error(`--time-zone: zona waktu tidak dikenal / unknown time zone: ${values['time-zone']}`);
  process.exit(2);
}
const where = databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite ${values.data}`;

async function askPassword(): Promise<string> {
  if (process.env.HK_HUB_PASSWORD) return process.env.HK_HUB_PASSWORD;
  return readPassword(process.stdin, process.stderr, 'Kata sandi (tidak ditampilkan) / Password (not shown): ');
}

/** --demo seeds its database before the hub serves it; refused on PostgreSQL or a hub with other data (demo.ts). */
async function openDemo() {
  if (databaseUrl) throw new DemoRefused(DEMO_REFUSALS.postgres);
  mkdirSync(values.data, { recursive: true });
  const db = await openDatabase({ dataDir: values.data });
  try {
    await migrate(db);
    return { db, ...(await seedDemo(db)) };
  } catch (err) {
    await db.close();
    throw err;
  }
}

/** False (with the reason printed) when a hub holds the PGlite folder. */
function refusedWhileHubRuns(): boolean {
  try {
    assertNoHub(values.data);
    return true;
  } catch (err) {
    if (!(err instanceof HubRunning)) throw err;
    console.error(err.message);
    process.exitCode = 2;
    return false;
  }
}

/** backup / restore of the PGlite folder; undefined when the command is not one of them. */
async function backupCommand([what, file]: string[]): Promise<boolean> {
  if ((what !== 'backup' && what !== 'restore') || !file) return false;
  if (databaseUrl) {
    console.error('PostgreSQL: pakai pg_dump / pg_restore / use pg_dump / pg_restore (README)');
    process.exitCode = 2;
    return true;
  }
  try {
    if (what === 'backup') console.log(`Cadangan / backup ${file}: ${await backupPglite(values.data, file)} B`);
    else {
      await restorePglite(file, values.data);
      console.log(`Dipulihkan ke / restored into ${values.data}`);
    }
  } catch (err) {
    console.error((err as Error).message);
    process.exitCode = 2;
  }
  return true;
}

async function admin(command: string[]): Promise<void> {
  if (!databaseUrl && !refusedWhileHubRuns()) return;
  if (await backupCommand(command)) return;
  const db = await openDatabase({ databaseUrl, dataDir: values.data });
  try {
    await migrate(db);
    const [what, verb, id, name] = command;
    let installMessage: string | undefined;
    if (what === 'agency' && verb === 'add' && id && name) {
      const token = await addAgency(db, id, name, values.token);
      console.log(`Instansi ${id} dibuat. Token laporan untuk petugas (simpan, hanya ditampilkan sekali):\n${token}`);
    } else if (what === 'user' && verb === 'add' && id && (values.national || values.agency)) {
      await addSupervisor(db, { username: id, password: await askPassword(), role: values.national ? 'national' : 'agency', agencyId: values.agency });
      console.log(`Pengawas ${id} dibuat / supervisor created.`);
    } else if (what === 'agency' && verb === 'timezone' && id && name) {
      await setAgencyTimeZone(db, id, name).then(console.log, (err: Error) => {
        console.error(err.message);
        process.exitCode = 2;
      });
    } else if (what === 'desk') {
      await deskCommand(db, command, { out: values.out, publisher: values.publisher }).then(console.log, (err: Error) => {
        console.error(err.message);
        process.exitCode = 2;
      });
    } else if ((installMessage = await installCommand(db, command, values.days)) !== undefined) {
      console.log(installMessage);
    } else {
      console.error('Pakai / usage: agency add <id> "<nama>" | user add <nama> --agency <id> | user add <nama> --national | agency approval <id> automatic|required | code add <id> "<nama petugas>" [--days N] | agency timezone <id> <Asia/Makassar> | backup <berkas> | restore <berkas>');
      process.exitCode = 2;
    }
  } finally {
    await db.close();
  }
}

if (positionals.length) {
  await admin(positionals);
} else {
  if (!databaseUrl) {
    mkdirSync(values.data, { recursive: true });
    if (!refusedWhileHubRuns()) process.exit(2);
    // Given back however the process ends (SIGTERM, a failed start, an uncaught error).
    process.on('exit', lockForHub(values.data));
  }
  const demo = values.demo
    ? await openDemo().catch((err: unknown) => {
        if (!(err instanceof DemoRefused)) throw err;
        console.error(err.message);
        process.exit(2);
      })
    : undefined;
  const hub = await startHub({
    db: demo?.db,
    databaseUrl,
    dataDir: values.data,
    port: Number(values.port),
    host: values.host,
    behindProxy: values['behind-proxy'],
    timeZone: values['time-zone'],
    library: libraryUrl ? { libraryUrl, publicKey: values['library-key'], dev: values.dev } : undefined,
    libraryKeys,
  }).catch((err: unknown) => {
    if (!(err instanceof LibraryKeyError)) throw err;
    console.error(err.message);
    process.exit(2);
  });
  if (demo) {
    console.log(`Data contoh dimuat / demo data loaded. Masuk sebagai / sign in as: ${demo.users.join(', ')} — kata sandi / password: ${demo.password}`);
  }
  console.log(`Hub Humas Kanal: ${hub.url}/ (${where})`);
  const stop = async () => {
    await hub.close();
    await demo?.db.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
