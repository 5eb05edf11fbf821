// The hub as production installs it (README "Hub pengawas", Dockerfile, docs/deploy/): `npm run hub:build`,
// then a folder holding only package.json, the lock and hub/dist/, where `npm ci --omit=dev` installs the
// runtime packages (from the npm cache the checkout's install filled). From there, with no TypeScript,
// esbuild or sources: the built command adds an agency and a supervisor, the built server takes an
// install's enrollment and signed entries, a sign-in and a CSV export, on PostgreSQL and on PGlite (where
// the running hub runs account commands typed meanwhile, and a backup waits for it to stop); a PGlite
// backup restored into a fresh folder exports the same bytes.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { bareImports } from '../../../hub/build';
import { createOfficer } from '../../../hub/simulated-officer';
import { freshDatabase } from '../../support/postgres';
import { builtCommand, exportCsv, signIn, startBuiltHub, stopHub } from './production-hub';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
const BUILD_TOOLS = ['wxt', 'vite', 'esbuild', 'tsx', 'typescript', 'rollup', 'preact', '@wxt-dev/i18n', '@wxt-dev/webextension-polyfill', 'webextension-polyfill'];

// Outside the checkout, where Node would otherwise find the full node_modules.
const work = mkdtempSync(join(tmpdir(), 'hk-hub-production-'));
const app = join(work, 'app');
const dist = join(app, 'hub/dist');
afterAll(() => rmSync(work, { recursive: true, force: true }));

beforeAll(() => {
  const built = spawnSync('npm', ['run', '--silent', 'hub:build', '--', '--out', dist], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  expect(built.status, built.stderr + built.stdout).toBe(0);
  for (const file of ['package.json', 'package-lock.json']) cpSync(join(root, file), join(app, file));
  // The lock as it is (`npm ci` refuses one that does not match package.json); the root postinstall runs too.
  const installed = spawnSync('npm', ['ci', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund'], {
    cwd: app,
    encoding: 'utf8',
    timeout: 180_000,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? work, npm_config_cache: process.env.npm_config_cache ?? join(process.env.HOME ?? '', '.npm') },
  });
  expect(installed.status, installed.stderr + installed.stdout).toBe(0);
}, 300_000);

describe('production install of the hub', () => {
  it('hub:build writes the server, its worker, the migrations and the page', () => {
    for (const file of ['server.mjs', 'verify-worker.mjs', 'web/assets.json', 'web/app.js', 'web/app.css']) expect(existsSync(join(dist, file)), file).toBe(true);
    const sql = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();
    expect(sql(join(dist, 'migrations'))).toEqual(sql(join(root, 'hub/migrations')));
    const assets = JSON.parse(readFileSync(join(dist, 'web/assets.json'), 'utf8')) as { script: string; style: string };
    expect(assets.script).toBe(readFileSync(join(dist, 'web/app.js'), 'utf8'));
    expect(assets.script.length).toBeGreaterThan(10_000);
  });

  it('npm ci --omit=dev installs every package the bundle imports and no build tool', () => {
    const server = readFileSync(join(dist, 'server.mjs'), 'utf8');
    const imports = bareImports(server);
    expect(imports).toEqual(expect.arrayContaining(['pg', '@electric-sql/pglite', 'hono']));
    for (const name of imports) expect(existsSync(join(app, 'node_modules', name, 'package.json')), `${name} installed`).toBe(true);
    expect(bareImports(readFileSync(join(dist, 'verify-worker.mjs'), 'utf8'))).toEqual([]);
    // No require() left for Node to resolve at run time outside the import graph checked above.
    expect(server).not.toMatch(/__require\(|createRequire\(/);
    for (const tool of BUILD_TOOLS) {
      expect(pkg.dependencies, tool).not.toHaveProperty(tool);
      expect(existsSync(join(app, 'node_modules', tool)), `${tool} installed`).toBe(false);
    }
    expect(readdirSync(app).sort()).toEqual(['hub', 'node_modules', 'package-lock.json', 'package.json']);
  });

  /** Agency, supervisor (built command), enrollment, 3 signed entries and a sign-in; returns the CSV. */
  async function enrollIngestExport(url: string, token: string): Promise<string> {
    const officer = createOfficer('Wati', 'Diskominfo Kabupaten Blitar');
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
    expect((await post('/v1/installs', officer.enrollment, { Authorization: `Bearer ${token}` })).status).toBe(201);
    const posts = officer.posts(3, (i) => ({ text: `Ayo vaksinasi lansia di Blitar, hari ${i + 1}` }));
    const upload = await post('/v1/posts', { installId: officer.installId, entries: posts });
    expect(upload.status).toBe(200);
    expect(await upload.json()).toMatchObject({ hub: true });
    const cookie = await signIn(url, 'wati', 'sandi-pengawas-produksi');
    const csv = await exportCsv(url, cookie);
    for (let day = 1; day <= 3; day++) expect(csv).toContain(`Ayo vaksinasi lansia di Blitar, hari ${day}`);
    expect(csv.trim().split('\n')).toHaveLength(4);
    return csv;
  }

  function addAgencyAndSupervisor(database: { data?: string; databaseUrl?: string }): string {
    const agency = builtCommand(app, ['agency', 'add', 'kominfo-blitar', 'Diskominfo Kabupaten Blitar'], database);
    expect(agency.status, agency.stderr).toBe(0);
    const token = agency.stdout.trim().split('\n').at(-1)!;
    expect(token).toMatch(/^[\w-]{32}$/);
    const user = builtCommand(app, ['user', 'add', 'wati', '--agency', 'kominfo-blitar'], { ...database, password: 'sandi-pengawas-produksi' });
    expect(user.status, user.stderr).toBe(0);
    return token;
  }

  it('on PostgreSQL: the built command adds an agency and a supervisor, the built hub enrolls, ingests, signs in and exports', { timeout: 90_000 }, async () => {
    const databaseUrl = await freshDatabase(inject('postgresUrl'), 'prod');
    const token = addAgencyAndSupervisor({ databaseUrl });
    const hub = await startBuiltHub(app, { databaseUrl });
    try {
      await enrollIngestExport(hub.url, token);
      // PostgreSQL serves several processes: administration works while the hub runs.
      const code = builtCommand(app, ['code', 'add', 'kominfo-blitar', 'Tari'], { databaseUrl });
      expect(code.status, code.stderr).toBe(0);
    } finally {
      expect(await stopHub(hub.child), hub.output()).toBe(0);
    }
    expect(hub.output()).toContain('PostgreSQL (DATABASE_URL)');
  });

  it('on PGlite: the same, account commands while the hub runs, then backup and restore into a fresh folder export the same bytes', { timeout: 150_000 }, async () => {
    const data = join(work, 'pglite');
    const token = addAgencyAndSupervisor({ data });
    let hub = await startBuiltHub(app, { data });
    let before: string;
    try {
      before = await enrollIngestExport(hub.url, token);
      // One process per PGlite folder: the running hub runs account commands typed meanwhile...
      const agency = builtCommand(app, ['agency', 'add', 'kominfo-kediri', 'Diskominfo Kota Kediri'], { data });
      expect(agency.status, agency.stderr).toBe(0);
      expect(agency.stdout).toContain('Instansi kominfo-kediri dibuat');
      const user = builtCommand(app, ['user', 'add', 'tari', '--agency', 'kominfo-kediri'], { data, password: 'sandi-tari-baru' });
      expect(user.status, user.stderr).toBe(0);
      await signIn(hub.url, 'tari', 'sandi-tari-baru');
      // ...and refuses the rest (a second process would write past it), changing nothing.
      const backup = builtCommand(app, ['backup', join(work, 'refused.tar.gz')], { data });
      expect(backup.status).toBe(2);
      expect(backup.stderr).toMatch(/Hub sedang berjalan.*Hentikan hub dulu.*A hub is running.*Stop the hub first/s);
      expect(existsSync(join(work, 'refused.tar.gz'))).toBe(false);
    } finally {
      expect(await stopHub(hub.child), hub.output()).toBe(0);
    }
    expect(hub.output()).toContain('(PGlite');

    const file = join(work, 'hub-backup.tar.gz');
    const backup = builtCommand(app, ['backup', file], { data });
    expect(backup.status, backup.stderr).toBe(0);
    const restoredData = join(work, 'pglite-restored');
    const restore = builtCommand(app, ['restore', file], { data: restoredData });
    expect(restore.status, restore.stderr).toBe(0);
    hub = await startBuiltHub(app, { data: restoredData });
    try {
      const after = await exportCsv(hub.url, await signIn(hub.url, 'wati', 'sandi-pengawas-produksi'));
      expect(after).toBe(before);
    } finally {
      expect(await stopHub(hub.child), hub.output()).toBe(0);
    }
  });
});
