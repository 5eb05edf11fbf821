// The built hub (hub/dist/) run as an operator runs it: `node hub/dist/server.mjs` from the install
// folder, with no tsx or loader inherited from the test run (production-install.test.ts).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { expect } from 'vitest';

interface Database {
  /** PGlite's folder. */
  data?: string;
  databaseUrl?: string;
}

const environment = (app: string, database: Database, extra: Record<string, string> = {}) => ({ PATH: process.env.PATH ?? '', HOME: app, DATABASE_URL: database.databaseUrl ?? '', ...extra });
const dataArgs = (database: Database) => (database.data ? ['--data', database.data] : []);

/** An administration command of the built hub (`node hub/dist/server.mjs agency add …`). */
export function builtCommand(app: string, args: string[], database: Database & { password?: string }) {
  return spawnSync(process.execPath, ['hub/dist/server.mjs', ...args, ...dataArgs(database)], {
    cwd: app,
    env: environment(app, database, database.password ? { HK_HUB_PASSWORD: database.password } : {}),
    encoding: 'utf8',
    timeout: 60_000,
  });
}

export async function startBuiltHub(app: string, database: Database): Promise<{ url: string; child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, ['hub/dist/server.mjs', '--port', '0', ...dataArgs(database)], { cwd: app, env: environment(app, database), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`hub did not start: ${output}`)), 60_000);
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

export async function stopHub(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  return exited;
}

export async function signIn(url: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/login`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: url }, body: JSON.stringify({ username, password }) });
  expect(res.status).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

export async function exportCsv(url: string, cookie: string): Promise<string> {
  const res = await fetch(`${url}/api/export.csv`, { headers: { Cookie: cookie } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/csv');
  return res.text();
}
