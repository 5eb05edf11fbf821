// A throwaway PostgreSQL cluster for tests and the bench: initdb + pg_ctl in a temp folder on a free
// loopback port, stopped and deleted afterwards. PostgreSQL refuses to run as root, so as root the
// commands run as the `postgres` user. `.ci/run` installs Debian's postgresql when it is missing.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

function postgresBin(): string {
  const base = '/usr/lib/postgresql';
  const version = existsSync(base) ? readdirSync(base).sort((a, b) => Number(b) - Number(a))[0] : undefined;
  const dir = version && join(base, version, 'bin');
  if (!dir || !existsSync(join(dir, 'initdb'))) throw new Error('PostgreSQL server not found: apt-get install -y postgresql (.ci/run does this)');
  return dir;
}

const asRoot = process.getuid?.() === 0;
const run = (bin: string, args: string[]) => execFileSync(asRoot ? 'runuser' : bin, asRoot ? ['-u', 'postgres', '--', bin, ...args] : args, { stdio: 'pipe' });

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface TestPostgres {
  /** Connection URL of the cluster's `postgres` database. */
  url: string;
  /** A fresh, empty database on the cluster. */
  createDatabase(prefix?: string): Promise<string>;
  stop(): void;
  start(): void;
  destroy(): void;
}

/**
 * A throwaway cluster. Tests run it with fsync off (nothing there must survive a power cut); the
 * bench passes `durable` so its figures are those of a server that keeps what it acknowledged.
 */
export async function startPostgres(options: { durable?: boolean } = {}): Promise<TestPostgres> {
  const bin = postgresBin();
  const dir = mkdtempSync(join(tmpdir(), 'hk-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const port = await freePort();
  if (asRoot) execFileSync('chown', ['postgres', dir]);
  run(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'hk', '--no-sync', '-E', 'UTF8']);
  const durability = options.durable ? '-c fsync=on -c synchronous_commit=on' : '-c fsync=off';
  const serverOptions = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 ${durability} -c max_connections=200`;
  const start = () => void run(join(bin, 'pg_ctl'), ['-D', data, '-o', serverOptions, '-w', '-l', join(dir, 'log'), 'start']);
  const stop = () => void run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
  start();
  const url = `postgres://hk@127.0.0.1:${port}/postgres`;
  return {
    url,
    createDatabase: (prefix) => freshDatabase(url, prefix),
    start,
    stop,
    destroy() {
      try {
        stop();
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh database on the cluster at `clusterUrl` (its `postgres` database), for one test file. */
export async function freshDatabase(clusterUrl: string, prefix = 'hub'): Promise<string> {
  const name = `${prefix}_${Math.random().toString(36).slice(2, 10)}`;
  const client = new pg.Client(clusterUrl);
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  return clusterUrl.replace(/\/postgres$/, `/${name}`);
}
