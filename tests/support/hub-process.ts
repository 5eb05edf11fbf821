// A hub as its own process (`tsx hub/cli.ts`), for tests that kill it or run two side by side.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export interface HubProcess {
  url: string;
  child: ChildProcess;
  /** What the hub printed so far (to explain a failure). */
  output(): string;
  /** SIGKILL: no clean shutdown, as when a machine loses power. */
  kill(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** `database`: a postgres:// URL, or a folder for PGlite; `extra`: more command-line options (`--demo`). */
export async function spawnHub(database: string, port?: number, extra: string[] = []): Promise<HubProcess> {
  const chosen = port ?? (await freePort());
  const postgres = database.startsWith('postgres');
  const child = spawn(process.execPath, ['--import', 'tsx', 'hub/cli.ts', '--port', String(chosen), ...(postgres ? [] : ['--data', database]), ...extra], {
    env: { ...process.env, DATABASE_URL: postgres ? database : '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`hub did not start: ${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk;
      if (output.includes('Hub Humas Kanal:')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => void (output += chunk));
    child.once('exit', (code) => reject(new Error(`hub exited (${code}): ${output}`)));
  });
  return {
    url: `http://127.0.0.1:${chosen}`,
    child,
    output: () => output,
    kill: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}
