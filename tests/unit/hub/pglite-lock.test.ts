// The lock a PGlite hub holds on its folder: commands refuse while it is held, a lock left by a hub
// that died on this machine (or by this very pid before a container restart) is cleared, one written
// on another machine cannot be checked and stays held.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assertNoHub, HubRunning, lockForHub } from '../../../hub/pglite-lock';

const dir = mkdtempSync(join(tmpdir(), 'hk-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const lockFile = join(dir, 'humas-kanal-hub.pid');
const writeLock = (pid: number, host = hostname()) => writeFileSync(lockFile, JSON.stringify({ pid, host }));

describe('PGlite folder lock', () => {
  it('a hub takes the folder and gives it back; another live process holding it is refused', () => {
    const release = lockForHub(dir);
    expect(JSON.parse(readFileSync(lockFile, 'utf8'))).toEqual({ pid: process.pid, host: hostname() });
    release();
    expect(existsSync(lockFile)).toBe(false);
    writeLock(process.ppid);
    expect(() => lockForHub(dir)).toThrow(/Hentikan hub dulu.*Stop the hub first/s);
    rmSync(lockFile);
  });

  it('clears a lock left by a dead process on this machine, or by this pid before a restart', () => {
    const exited = spawnSync(process.execPath, ['-e', '0']);
    writeLock(exited.pid!);
    expect(() => assertNoHub(dir)).not.toThrow();
    expect(existsSync(lockFile)).toBe(false);
    writeLock(process.pid);
    lockForHub(dir)();
  });

  it('keeps a lock from a live process or from another machine, naming the file to delete', () => {
    writeLock(process.ppid);
    expect(() => assertNoHub(dir)).toThrow(HubRunning);
    writeLock(1, 'another-container');
    expect(() => assertNoHub(dir)).toThrow(lockFile);
    rmSync(lockFile);
  });
});
