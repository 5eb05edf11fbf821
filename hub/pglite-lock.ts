// PGlite is PostgreSQL in one process: a second process opening the same data folder (an admin
// command, a backup, another hub) would write past the running hub's buffers and corrupt it, and
// PGlite itself does not stop it. So a hub on PGlite holds a lock file in its folder while it runs,
// and the other commands refuse to open a folder a live hub holds (PostgreSQL has no such limit).
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

const LOCK_FILE = 'humas-kanal-hub.pid';

export class HubRunning extends Error {}

interface LockOwner {
  pid: number;
  host: string;
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
 * Throws HubRunning when a hub holds `dataDir`; a lock left by a hub that died on this machine is
 * removed. One written on another machine or container cannot be checked, so it counts as held.
 */
export function assertNoHub(dataDir: string): void {
  const lock = join(dataDir, LOCK_FILE);
  if (!existsSync(lock)) return;
  const held = owner(dataDir);
  // Our own pid is a lock left before a restart (a container's hub is always pid 1), never a live hub.
  if (held && held.host === hostname() && (held.pid === process.pid || !alive(held.pid))) {
    rmSync(lock, { force: true });
    return;
  }
  throw new HubRunning(
    `Hub sedang berjalan di ${dataDir} (PGlite: satu proses per folder). Hentikan hub dulu, lalu ulangi perintah; bila tidak ada hub yang berjalan, hapus ${lock}.\n` +
      `A hub is running on ${dataDir} (PGlite: one process per folder). Stop the hub first, then run the command again; if no hub is running, delete ${lock}.` +
      (held ? ` (pid ${held.pid} on ${held.host})` : ''),
  );
}

/** Takes the folder for this process (the hub); the returned function gives it back. */
export function lockForHub(dataDir: string): () => void {
  assertNoHub(dataDir);
  const lock = join(dataDir, LOCK_FILE);
  // 'wx': of two hubs starting at once, only one creates the file.
  writeFileSync(lock, JSON.stringify({ pid: process.pid, host: hostname() } satisfies LockOwner), { flag: 'wx' });
  return () => rmSync(lock, { force: true });
}
