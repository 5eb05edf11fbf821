// Administration while a PGlite hub runs: the hub (one process per folder) runs the account commands
// for the command line. It listens on a loopback port of its own, never the public one, and answers
// only the random token it wrote beside its port into the lock file of its data folder (mode 600):
// whoever may read that folder may already read the whole database.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HubDatabase } from './database';
import { runAccountCommand, type AccountCommand, type AdminResult } from './admin-commands';

export interface AdminEndpoint {
  port: number;
  token: string;
  close(): Promise<void>;
}

const MAX_BODY = 64 * 1024;

export async function serveAdmin(db: HubDatabase): Promise<AdminEndpoint> {
  const token = randomBytes(32).toString('base64url');
  const expected = Buffer.from(`Bearer ${token}`);
  const server = createServer(async (req, res) => {
    const answer = (status: number, body: AdminResult) => res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    const given = Buffer.from(req.headers.authorization ?? '');
    if (req.method !== 'POST' || given.length !== expected.length || !timingSafeEqual(given, expected)) return answer(403, { output: 'forbidden', code: 2 });
    let body = '';
    for await (const chunk of req) {
      body += chunk;
      if (body.length > MAX_BODY) return answer(413, { output: 'too large', code: 2 });
    }
    try {
      const result = await runAccountCommand(db, JSON.parse(body) as AccountCommand);
      answer(200, result ?? { output: 'not an account command', code: 2 });
    } catch (err) {
      answer(500, { output: (err as Error).message, code: 2 });
    }
  });
  await new Promise<void>((resolve, reject) => server.listen(0, '127.0.0.1', resolve).once('error', reject));
  return {
    port: (server.address() as AddressInfo).port,
    token,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The command run by the hub holding the folder (its port and token from the lock file). */
export async function sendToHub(hub: { port: number; token: string }, request: AccountCommand): Promise<AdminResult> {
  const res = await fetch(`http://127.0.0.1:${hub.port}/`, { method: 'POST', headers: { Authorization: `Bearer ${hub.token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(request) });
  return (await res.json()) as AdminResult;
}
