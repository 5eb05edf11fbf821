// The hub as production installs it (README "Hub pengawas", Dockerfile, docs/deploy/): `npm run hub:build`,
// then only package.json, the lock and hub/dist/ next to a `npm ci --omit=dev` node_modules. Installing
// from the registry here would be slow, so the production install is checked through what decides it:
// the packages the bundle imports are all dependencies, the lock keeps WXT and the build tools out of
// the production tree, and the bundle starts from a folder holding only hub/dist/ and links to the
// production packages (on PGlite and on PostgreSQL), with no TypeScript, esbuild or sources to lean on.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { bareImports } from '../../../hub/build';
import { freshDatabase } from '../../support/postgres';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean; devOptional?: boolean; optional?: boolean }> };
/** Installed by `npm ci --omit=dev`: the lock's packages not marked dev (optional ones only where present). */
const productionPaths = Object.entries(lock.packages)
  .filter(([path, entry]) => path.startsWith('node_modules/') && !entry.dev && !entry.devOptional)
  .map(([path]) => path);
const BUILD_TOOLS = ['wxt', 'vite', 'esbuild', 'tsx', 'typescript', 'rollup', 'preact', '@wxt-dev/i18n', '@wxt-dev/webextension-polyfill', 'webextension-polyfill'];

// The production folder, outside the checkout (where Node would find the full node_modules): hub:build
// writes hub/dist there (not into the checkout, which another test run may be using), and node_modules
// holds links to the production packages only.
const app = mkdtempSync(join(tmpdir(), 'hk-hub-production-'));
const dist = join(app, 'hub/dist');
afterAll(() => rmSync(app, { recursive: true, force: true }));

beforeAll(() => {
  const built = spawnSync('npm', ['run', '--silent', 'hub:build', '--', '--out', dist], { cwd: root, encoding: 'utf8', timeout: 90_000 });
  expect(built.status, built.stderr + built.stdout).toBe(0);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ type: 'module', dependencies: pkg.dependencies }));
  for (const path of productionPaths.filter((p) => !p.slice('node_modules/'.length).includes('/node_modules/'))) {
    if (!existsSync(join(root, path))) continue; // an optional package for another platform
    mkdirSync(join(app, path, '..'), { recursive: true });
    symlinkSync(join(root, path), join(app, path), 'dir');
  }
}, 120_000);

describe('production install of the hub', () => {
  it('hub:build writes the server, its worker, the migrations and the page', () => {
    for (const file of ['server.mjs', 'verify-worker.mjs', 'web/assets.json', 'web/app.js', 'web/app.css']) expect(existsSync(join(dist, file)), file).toBe(true);
    const sql = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();
    expect(sql(join(dist, 'migrations'))).toEqual(sql(join(root, 'hub/migrations')));
    const assets = JSON.parse(readFileSync(join(dist, 'web/assets.json'), 'utf8')) as { script: string; style: string };
    expect(assets.script).toBe(readFileSync(join(dist, 'web/app.js'), 'utf8'));
    expect(assets.script.length).toBeGreaterThan(10_000);
    expect(readFileSync(join(dist, 'web/app.css'), 'utf8').length).toBeGreaterThan(500);
  });

  it('the bundle imports dependencies only, and the production tree holds no build tool', () => {
    const server = readFileSync(join(dist, 'server.mjs'), 'utf8');
    const imports = bareImports(server);
    expect(imports).toContain('pg');
    expect(imports).toContain('@electric-sql/pglite');
    expect(imports.filter((name) => !(name in pkg.dependencies))).toEqual([]);
    expect(bareImports(readFileSync(join(dist, 'verify-worker.mjs'), 'utf8'))).toEqual([]);
    // No require() left for Node to resolve at run time outside the import graph checked above.
    expect(server).not.toMatch(/__require\(|createRequire\(/);
    for (const tool of BUILD_TOOLS) {
      expect(pkg.dependencies, tool).not.toHaveProperty(tool);
      expect(productionPaths.filter((p) => p === `node_modules/${tool}` || p.endsWith(`/node_modules/${tool}`)), `${tool} in the lock's production tree`).toEqual([]);
    }
  });

  describe('node hub/dist/server.mjs from a folder with only the built hub and production packages', () => {
    async function start(args: string[], env: Record<string, string>): Promise<{ url: string; child: ChildProcess; output: () => string }> {
      const child = spawn(process.execPath, ['hub/dist/server.mjs', '--port', '0', ...args], {
        cwd: app,
        // No tsx or loader inherited from the test run.
        env: { PATH: process.env.PATH ?? '', HOME: app, DATABASE_URL: '', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`hub did not start: ${output}`)), 45_000);
        child.stdout!.on('data', (chunk: Buffer) => {
          output += chunk;
          const started = /Hub Humas Kanal: (http:\/\/\S+?)\/ /.exec(output);
          if (started) {
            clearTimeout(timer);
            resolve(started[1]!);
          }
        });
        child.stderr!.on('data', (chunk: Buffer) => void (output += chunk));
        child.once('exit', (code) => reject(new Error(`hub exited (${code}): ${output}`)));
      });
      return { url, child, output: () => output };
    }

    async function stop(child: ChildProcess): Promise<number | null> {
      if (child.exitCode !== null) return child.exitCode;
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      return exited;
    }

    async function checkServes(url: string) {
      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ ok: true });
      const page = await fetch(`${url}/`, { headers: { 'Accept-Language': 'en' } });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('/assets/app.js');
      const script = await fetch(`${url}/assets/app.js`);
      expect(script.status).toBe(200);
      expect((await script.text()).length).toBeGreaterThan(10_000);
      expect((await fetch(`${url}/assets/app.css`)).status).toBe(200);
    }

    it('on PGlite in a data folder', { timeout: 60_000 }, async () => {
      const hub = await start(['--data', join(app, 'data')], {});
      try {
        await checkServes(hub.url);
      } finally {
        expect(await stop(hub.child), hub.output()).toBe(0);
      }
      expect(hub.output()).toContain('(PGlite');
    });

    it('on PostgreSQL (DATABASE_URL)', { timeout: 60_000 }, async () => {
      const hub = await start([], { DATABASE_URL: await freshDatabase(inject('postgresUrl'), 'prod') });
      try {
        await checkServes(hub.url);
      } finally {
        expect(await stop(hub.child), hub.output()).toBe(0);
      }
      expect(hub.output()).toContain('PostgreSQL (DATABASE_URL)');
    });
  });
});
