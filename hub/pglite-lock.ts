// PGlite is PostgreSQL in one process: a second process opening the same data folder (an admin
// command, a backup, another hub) would write past the running hub's buffers and corrupt it, and
// PGlite itself does not stop it. So a hub on PGlite holds a lock file in its folder while it runs,
// and the other commands refuse to open a folder a live hub holds (PostgreSQL has no such limit).
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

const LOCK_FILE = 'humas-kanal-hub.pid';

export class HubRunning extends Error {}

export interface LockOwner {
  pid: number;
  host: string;
  /** The hub's loopback administration endpoint (hub/admin-endpoint.ts), once it serves. */
  admin?: { port: number; token: string };
}

function owner(dataDir: string): LockOwner | undefined {
  try {
    return JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8')) as LockOwner;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The hub holding `dataDir`, if any: a lock left by a hub that died on this machine is removed; one
 * written on another machine or container cannot be checked, so it counts as held.
 */
export function hubHolding(dataDir: string): LockOwner | undefined {
  const lock = join(dataDir, LOCK_FILE);
  if (!existsSync(lock)) return undefined;
  const held = owner(dataDir);
  // Our own pid is a lock left before a restart (a container's hub is always pid 1), never a live hub.
  if (held && held.host === hostname() && (held.pid === process.pid || !alive(held.pid))) {
    rmSync(lock, { force: true });
    return undefined;
  }
  return held ?? { pid: 0, host: 'unknown' };
}

/** Throws HubRunning when a hub holds `dataDir`. */
export function assertNoHub(dataDir: string): void {
  const held = hubHolding(dataDir);
  if (!held) return;
  const lock = join(dataDir, LOCK_FILE);
  throw new HubRunning(
    `Hub sedang berjalan di ${dataDir} (PGlite: satu proses per folder). Hentikan hub dulu, lalu ulangi perintah; bila tidak ada hub yang berjalan, hapus ${lock}.\n` +
      `A hub is running on ${dataDir} (PGlite: one process per folder). Stop the hub first, then run the command again; if no hub is running, delete ${lock}.` +
      ` (pid ${held.pid} on ${held.host})`,
  );
}

/** Takes the folder for this process (the hub); the returned function gives it back. */
export function lockForHub(dataDir: string): () => void {
  assertNoHub(dataDir);
  const lock = join(dataDir, LOCK_FILE);
  // 'wx': of two hubs starting at once, only one creates the file.
  writeFileSync(lock, JSON.stringify({ pid: process.pid, host: hostname() } satisfies LockOwner), { flag: 'wx', mode: 0o600 });
  return () => rmSync(lock, { force: true });
}

/** Adds the hub's administration endpoint to the lock it holds (the token: readable by the folder's owner only). */
export function announceAdmin(dataDir: string, admin: { port: number; token: string }): void {
  writeFileSync(join(dataDir, LOCK_FILE), JSON.stringify({ pid: process.pid, host: hostname(), admin } satisfies LockOwner), { mode: 0o600 });
}
