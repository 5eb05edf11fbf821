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
// PGlite: a running hub holds its folder (hub/pglite-lock.ts) and runs agency/user/code commands typed
// meanwhile (hub/admin-endpoint.ts); backup, desk and restore refuse until it stops.
// DATABASE_URL=postgres://… selects a PostgreSQL server instead of PGlite in --data.
import { mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { hostname } from 'node:os';
import { isAccountCommand, needsPassword, runAccountCommand, type AccountCommand, type AdminResult } from './admin-commands';
import { sendToHub, serveAdmin } from './admin-endpoint';
import { deskCommand } from './desk/admin';
import { LibraryKeyError, parseKeyArgs } from './desk/libraries';
import { migrate, openDatabase } from './database';
import { DEMO_REFUSALS, DemoRefused, seedDemo } from './demo';
import { readPassword } from './password-prompt';
import { backupPglite, restorePglite } from './pglite-backup';
import { announceAdmin, assertNoHub, hubHolding, HubRunning, lockForHub } from './pglite-lock';
import { DEFAULT_TIME_ZONE, isTimeZone } from './time-zones';
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

/** An account command as the hub runs it, the password asked here first (hub/admin-commands.ts). */
async function accountRequest(command: string[]): Promise<AccountCommand> {
  const asks = needsPassword(command) && (values.national || !!values.agency);
  return { command, agency: values.agency, national: values.national, token: values.token, days: values.days, password: asks ? await askPassword() : undefined };
}

function print(result: AdminResult): void {
  if (result.code === 0) console.log(result.output);
  else console.error(result.output);
  process.exitCode = result.code;
}

async function admin(command: string[]): Promise<void> {
  // A PGlite folder a hub holds: that hub runs account commands; anything else waits until it stops.
  const held = databaseUrl ? undefined : hubHolding(values.data);
  if (held?.admin && held.host === hostname() && isAccountCommand(command)) {
    print(await sendToHub(held.admin, await accountRequest(command)).catch((err: Error) => ({ output: `hub: ${err.message}`, code: 2 })));
    return;
  }
  if (held && !refusedWhileHubRuns()) return;
  if (await backupCommand(command)) return;
  const db = await openDatabase({ databaseUrl, dataDir: values.data });
  try {
    await migrate(db);
    const result = isAccountCommand(command) ? await runAccountCommand(db, await accountRequest(command)) : undefined;
    if (result) print(result);
    else if (command[0] === 'desk') {
      await deskCommand(db, command, { out: values.out, publisher: values.publisher }).then(console.log, (err: Error) => {
        console.error(err.message);
        process.exitCode = 2;
      });
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
  // PGlite: account commands typed while the hub runs come to it (hub/admin-endpoint.ts).
  const adminEndpoint = databaseUrl ? undefined : await serveAdmin(hub.db);
  if (adminEndpoint) announceAdmin(values.data, adminEndpoint);
  console.log(`Hub Humas Kanal: ${hub.url}/ (${where})`);
  const stop = async () => {
    await adminEndpoint?.close();
    await hub.close();
    await demo?.db.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
