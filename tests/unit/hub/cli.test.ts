// `npm run hub` as a newcomer and an administrator use it: --demo shows a full view at once, and
// refuses PostgreSQL or a hub with other data (its national password is public); `agency add` prints
// the token officers enroll with, `user add` makes a supervisor who can sign in, with a password
// typed unseen or piped in.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { addAgency, addSupervisor } from '../../../hub/accounts';
import { migrate, openDatabase } from '../../../hub/database';
import { DEMO_PASSWORD, DEMO_REFUSALS, DemoRefused, seedDemo } from '../../../hub/demo';
import { readPassword } from '../../../hub/password-prompt';
import { createOfficer } from '../../../hub/simulated-officer';
import { spawnHub } from '../../support/hub-process';
import { freshDatabase } from '../../support/postgres';

const folder = mkdtempSync(join(tmpdir(), 'hk-hub-cli-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function signIn(url: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/login`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: url }, body: JSON.stringify({ username, password }) });
  expect(res.status).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

const get = async <T,>(url: string, cookie: string) => (await (await fetch(url, { headers: { Cookie: cookie } })).json()) as T;

/** The hub command with `args`; `env` replaces DATABASE_URL and HK_HUB_PASSWORD (unset unless given). */
function runCli(args: string[], env: Record<string, string> = {}, input?: string) {
  const { HK_HUB_PASSWORD: _, ...rest } = process.env;
  return spawnSync(process.execPath, ['--import', 'tsx', 'hub/cli.ts', ...args], { env: { ...rest, DATABASE_URL: '', ...env }, input, encoding: 'utf8', timeout: 45_000 });
}

describe('hub command line', () => {
  it('--demo seeds agencies, officers and signed posts a national supervisor sees at once', { timeout: 60_000 }, async () => {
    const hub = await spawnHub(join(folder, 'demo'), undefined, ['--demo']);
    try {
      const cookie = await signIn(hub.url, 'nasional', 'humas-kanal-demo');
      expect((await get<{ total: number }>(`${hub.url}/api/posts/count`, cookie)).total).toBeGreaterThan(40);
      const coverage = await get<{ posts: number; notPosted: unknown[]; medianSeconds: number }>(`${hub.url}/api/coverage/hoaks-bansos-whatsapp`, cookie);
      expect(coverage.posts).toBeGreaterThan(0);
      expect(coverage.notPosted).toHaveLength(3);
      expect(coverage.medianSeconds).toBeGreaterThan(0);
      expect((await get<unknown[]>(`${hub.url}/api/withdrawn`, cookie)).length).toBeGreaterThan(0);
      expect((await get<{ posts: number }[]>(`${hub.url}/api/agency-totals`, cookie)).length).toBeGreaterThan(0);
    } finally {
      await hub.kill();
    }
  });

  it('agency add prints the enrollment token and user add makes a supervisor who can sign in', { timeout: 60_000 }, async () => {
    const data = join(folder, 'admin');
    const cli = (args: string[]) => execFileSync(process.execPath, ['--import', 'tsx', 'hub/cli.ts', ...args, '--data', data], { env: { ...process.env, DATABASE_URL: '', HK_HUB_PASSWORD: 'sandi-pengawas-baru' }, encoding: 'utf8' });
    const token = cli(['agency', 'add', 'kominfo-blitar', 'Diskominfo Kabupaten Blitar']).trim().split('\n').at(-1)!;
    expect(token).toMatch(/^[\w-]{32}$/);
    expect(cli(['user', 'add', 'wati', '--agency', 'kominfo-blitar'])).toContain('wati');
    // A script pipes the password in instead.
    expect(runCli(['user', 'add', 'tari', '--national', '--data', data], {}, 'sandi-lewat-pipa\n').stdout).toContain('tari');
    const hub = await spawnHub(data);
    try {
      const officer = createOfficer('Wati', 'Diskominfo Kabupaten Blitar');
      const enroll = await fetch(`${hub.url}/v1/installs`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify(officer.enrollment) });
      expect(enroll.status).toBe(201);
      const cookie = await signIn(hub.url, 'wati', 'sandi-pengawas-baru');
      expect(await get<{ supervisor: { agencyId: string } }>(`${hub.url}/api/me`, cookie)).toMatchObject({ supervisor: { agencyId: 'kominfo-blitar', role: 'agency' } });
      expect(await get<{ supervisor: { role: string } }>(`${hub.url}/api/me`, await signIn(hub.url, 'tari', 'sandi-lewat-pipa'))).toMatchObject({ supervisor: { role: 'national' } });
    } finally {
      await hub.kill();
    }
  });

  it('user add asks for the password at a terminal without showing what is typed', async () => {
    const terminal = Object.assign(new PassThrough(), { isTTY: true, rawModes: [] as boolean[], setRawMode(on: boolean) { terminal.rawModes.push(on); } });
    const screen = new PassThrough();
    let shown = '';
    screen.on('data', (chunk: Buffer) => void (shown += chunk));
    const answer = readPassword(terminal, screen, 'Kata sandi: ');
    terminal.write('rahasia-salah');
    terminal.write('\u007f'.repeat(5) + 'benar-1\r');
    expect(await answer).toBe('rahasia-benar-1');
    expect(shown).toBe('Kata sandi: \n');
    expect(terminal.rawModes).toEqual([true, false]);
  });

  it('--demo refuses PostgreSQL and leaves its database untouched', { timeout: 60_000 }, async () => {
    const url = await freshDatabase(inject('postgresUrl'));
    const run = runCli(['--demo', '--port', '0', '--data', join(folder, 'not-used')], { DATABASE_URL: url });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(DEMO_REFUSALS.postgres);
    expect(run.stderr).toMatch(/hanya untuk PGlite.*is for PGlite only/s);
    const db = await openDatabase({ databaseUrl: url });
    try {
      expect(await db.query("SELECT to_regclass('supervisors') AS t")).toEqual([{ t: null }]);
      // And seeding itself refuses a PostgreSQL database, whoever calls it.
      await migrate(db);
      await expect(seedDemo(db)).rejects.toThrow(DemoRefused);
      expect(await db.query('SELECT username FROM supervisors')).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it('--demo refuses a hub that already holds data, and creates no demo login there', { timeout: 60_000 }, async () => {
    const data = join(folder, 'production');
    expect(runCli(['agency', 'add', 'kominfo-kediri', 'Diskominfo Kota Kediri', '--data', data]).status).toBe(0);
    const run = runCli(['--demo', '--port', '0', '--data', data]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(DEMO_REFUSALS.data);
    expect(run.stderr).toMatch(/sudah berisi data.*already holds data/s);
    const db = await openDatabase({ dataDir: data });
    try {
      expect(await db.query('SELECT username FROM supervisors')).toEqual([]);
      expect(await db.query('SELECT id FROM agencies')).toEqual([{ id: 'kominfo-kediri' }]);
    } finally {
      await db.close();
    }
  });

  it('--demo again on its own earlier demo data starts as before; on an agency of a real hub it refuses', { timeout: 30_000 }, async () => {
    const demo = await openDatabase({});
    const real = await openDatabase({});
    try {
      await migrate(demo);
      // What an earlier --demo left: its national login, with the published password.
      await addSupervisor(demo, { username: 'nasional', password: DEMO_PASSWORD, role: 'national' });
      expect(await seedDemo(demo)).toMatchObject({ password: DEMO_PASSWORD });
      expect(await demo.query('SELECT username FROM supervisors')).toEqual([{ username: 'nasional' }]);
      await migrate(real);
      await addAgency(real, 'kominfo-kediri', 'Diskominfo Kota Kediri');
      await expect(seedDemo(real)).rejects.toThrow(DEMO_REFUSALS.data);
      expect(await real.query('SELECT username FROM supervisors')).toEqual([]);
    } finally {
      await demo.close();
      await real.close();
    }
  });
});
