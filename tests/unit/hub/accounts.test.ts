// Supervisors' sign-in as an attacker and a supervisor meet it, on both databases: parallel guesses
// are counted before they are checked, throttling delays (the right password gets in once the delay
// has run), behind the TLS proxy each client is throttled by its own address (and only there is
// X-Forwarded-For believed), bodies are bounded, old rows are deleted, and password hashes are
// made at OWASP's scrypt cost and upgraded at sign-in. Time moves through an injected clock.
import { afterEach, describe, expect, it } from 'vitest';
import { addSupervisor, hashPassword, login, verifyPassword } from '../../../hub/accounts';
import { createHubApp, type HubAppOptions } from '../../../hub/app';
import { clientAddress } from '../../../hub/client-address';
import type { HubDatabase } from '../../../hub/database';
import { THROTTLE } from '../../../hub/login-throttle';
import { DEFAULT_PASSWORD_COST } from '../../../hub/passwords';
import { BACKENDS, PASSWORD, seedAgencies, TEST_PASSWORD_COST } from './hub-support';

const ASSETS = { script: '', style: '' };
const origin = 'http://hub.test';
const START = Date.UTC(2026, 10, 20, 8);

describe.each(BACKENDS)('supervisor sign-in on %s', { timeout: 20_000 }, (_name, open) => {
  let db: HubDatabase;
  let app: ReturnType<typeof createHubApp>;
  let now = START;

  async function hub(options: HubAppOptions = {}) {
    db = await open();
    await seedAgencies(db);
    now = START;
    app = createHubApp(db, ASSETS, { passwordCost: TEST_PASSWORD_COST, clock: () => now, ...options });
  }
  afterEach(async () => {
    await app.close();
    await db.close();
  });

  const signIn = (username: string, password: string, headers: Record<string, string> = {}) =>
    app.request(`${origin}/api/login`, { method: 'POST', headers: { Origin: origin, 'Content-Type': 'application/json', ...headers }, body: JSON.stringify({ username, password }) });
  const statuses = async (responses: (Response | Promise<Response>)[]) => (await Promise.all(responses)).map((r) => r.status);

  it('checks at most the allowed number of parallel wrong guesses; the rest wait', async () => {
    await hub();
    const answers = await statuses(Array.from({ length: 20 }, () => signIn('rina', 'tebakan-salah')));
    expect(answers.filter((s) => s === 401)).toHaveLength(THROTTLE.free.account);
    expect(answers.filter((s) => s === 429)).toHaveLength(20 - THROTTLE.free.account);
    const [row] = await db.query<{ failures: number }>("SELECT failures FROM login_throttle WHERE key LIKE 'account:rina|%'");
    expect(row!.failures).toBe(THROTTLE.free.account);
  });

  it('delays the next attempt instead of locking the account: the right password gets in once the delay has run', async () => {
    await hub();
    for (let i = 0; i < THROTTLE.free.account; i++) expect((await signIn('rina', 'tebakan-salah')).status).toBe(401);
    const waiting = await signIn('rina', PASSWORD);
    expect(waiting.status).toBe(429);
    expect(waiting.headers.get('Retry-After')).toBe('2');
    expect(await waiting.json()).toEqual({ error: 'throttled', retryAfterSeconds: 2 });
    now += 1_000;
    expect((await signIn('rina', PASSWORD)).headers.get('Retry-After')).toBe('1');
    now += 1_000;
    // One more wrong guess is checked, and doubles the delay.
    expect((await signIn('rina', 'tebakan-salah')).status).toBe(401);
    expect((await signIn('rina', PASSWORD)).headers.get('Retry-After')).toBe('4');
    now += 4_000;
    const inside = await signIn('rina', PASSWORD);
    expect(inside.status).toBe(200);
    expect(inside.headers.get('set-cookie')).toMatch(/^hk_hub_session=/);
    // A success forgives this account's failures: the next typo is just "wrong password".
    expect((await signIn('rina', 'tebakan-salah')).status).toBe(401);
  });

  it('behind the proxy throttles each client by its own X-Forwarded-For address, which the client cannot rewrite', async () => {
    await hub({ behindProxy: true });
    const from = (address: string) => ({ 'X-Forwarded-For': address });
    for (let i = 0; i < THROTTLE.free.account; i++) expect((await signIn('rina', 'tebakan-salah', from('203.0.113.7'))).status).toBe(401);
    expect((await signIn('rina', PASSWORD, from('203.0.113.7'))).status).toBe(429);
    // Hops left of the proxy's own are the client's to write: prepending one changes nothing.
    expect((await signIn('rina', PASSWORD, from('198.51.100.1, 203.0.113.7'))).status).toBe(429);
    // The supervisor at her office is another client of the same proxy and signs in at once.
    expect((await signIn('rina', PASSWORD, from('198.51.100.1'))).status).toBe(200);
    expect((await signIn('rina', PASSWORD, from('203.0.113.7, 198.51.100.1'))).status).toBe(200);
  });

  it('without --behind-proxy ignores X-Forwarded-For: a guesser cannot escape by sending one', async () => {
    await hub();
    for (let i = 0; i < THROTTLE.free.account; i++) expect((await signIn('rina', 'tebakan-salah', { 'X-Forwarded-For': `203.0.113.${i}` })).status).toBe(401);
    expect((await signIn('rina', PASSWORD, { 'X-Forwarded-For': '198.51.100.1' })).status).toBe(429);
  });

  it('refuses a request body over 64 KB on /api unread (413)', async () => {
    await hub();
    const huge = await app.request(`${origin}/api/login`, { method: 'POST', headers: { Origin: origin, 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'rina', password: PASSWORD, padding: 'x'.repeat(70_000) }) });
    expect(huge.status).toBe(413);
    expect(await huge.json()).toEqual({ error: 'permintaan terlalu besar / request too large' });
    // Without a length header the body is counted as it streams in.
    const streamed = new ReadableStream({ start: (c) => (c.enqueue(new TextEncoder().encode(' '.repeat(70_000))), c.close()) });
    const chunked = await app.request(`${origin}/api/login`, { method: 'POST', headers: { Origin: origin, 'Content-Type': 'application/json' }, body: streamed, duplex: 'half' } as RequestInit);
    expect(chunked.status).toBe(413);
    expect((await signIn('rina', PASSWORD)).status).toBe(200);
  });

  it('deletes expired sessions and forgotten failures at the next sign-in', async () => {
    await hub();
    const cookie = (await signIn('rina', PASSWORD)).headers.get('set-cookie')!.split(';')[0]!;
    expect((await signIn('budi', 'tebakan-salah')).status).toBe(401);
    expect((await app.request(`${origin}/api/me`, { headers: { Cookie: cookie } })).status).toBe(200);
    now += 25 * 3600_000;
    expect((await app.request(`${origin}/api/me`, { headers: { Cookie: cookie } })).status).toBe(401);
    expect((await signIn('nasional', PASSWORD)).status).toBe(200);
    const sessions = await db.query<{ username: string }>('SELECT s.username FROM sessions JOIN supervisors s ON s.id = sessions.supervisor_id');
    expect(sessions.map((s) => s.username)).toEqual(['nasional']);
    const throttled = await db.query<{ key: string }>('SELECT key FROM login_throttle ORDER BY key');
    expect(throttled.map((r) => r.key)).toEqual(['address:unknown']);
  });

  it('upgrades an older, cheaper hash at sign-in and keeps it verifying; the default cost is 2^17', async () => {
    await hub();
    await addSupervisor(db, { username: 'lama', password: PASSWORD, role: 'national', passwordCost: 2 ** 8 });
    const stored = async () => (await db.query<{ password_hash: string }>("SELECT password_hash FROM supervisors WHERE username = 'lama'"))[0]!.password_hash;
    expect(await stored()).toMatch(/^scrypt\$256\$8\$1\$/);
    expect((await signIn('lama', PASSWORD)).status).toBe(200);
    expect(await stored()).toMatch(new RegExp(`^scrypt\\$${TEST_PASSWORD_COST}\\$8\\$1\\$`));
    expect((await signIn('lama', PASSWORD)).status).toBe(200);
    // login() without a cost (as the hub runs) rehashes at OWASP's 2^17.
    const result = await login(db, 'lama', PASSWORD, { address: '192.0.2.1', now });
    expect(result).toHaveProperty('token');
    expect(await stored()).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(await verifyPassword(PASSWORD, await stored())).toBe(true);
  });
});

describe('password hashes', () => {
  it('are made at N = 2^17 unless asked otherwise, and verify', async () => {
    expect(DEFAULT_PASSWORD_COST).toBe(2 ** 17);
    const hash = await hashPassword(PASSWORD);
    expect(hash).toMatch(/^scrypt\$131072\$8\$1\$[\w+/]+=*\$[\w+/]+=*$/);
    expect(await verifyPassword(PASSWORD, hash)).toBe(true);
    expect(await verifyPassword('kata-sandi-lain', hash)).toBe(false);
  });

  it('refuse a stored hash asking for more memory than any cost the hub makes', async () => {
    const hash = (await hashPassword(PASSWORD, 2 ** 8)).replace('$256$', `$${2 ** 24}$`);
    expect(await verifyPassword(PASSWORD, hash)).toBe(false);
  });
});

describe('client address for throttling', () => {
  it('is the socket unless behind the proxy, then the right-most hop that is not the proxy', () => {
    expect(clientAddress('10.0.0.5', '203.0.113.7', false)).toBe('10.0.0.5');
    expect(clientAddress('::ffff:10.0.0.5', '1.1.1.1, 203.0.113.7', true)).toBe('203.0.113.7');
    expect(clientAddress('10.0.0.5', '203.0.113.7, 10.0.0.5', true)).toBe('203.0.113.7');
    expect(clientAddress('10.0.0.5', undefined, true)).toBe('10.0.0.5');
    expect(clientAddress('10.0.0.5', ' , ', true)).toBe('10.0.0.5');
  });
});
