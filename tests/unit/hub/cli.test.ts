// `npm run hub` as a newcomer and an administrator use it: --demo shows a full view at once; `agency
// add` prints the token officers enroll with, `user add` makes a supervisor who can sign in.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createOfficer } from '../../../hub/simulated-officer';
import { spawnHub } from '../../support/hub-process';

const folder = mkdtempSync(join(tmpdir(), 'hk-hub-cli-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function signIn(url: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/login`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: url }, body: JSON.stringify({ username, password }) });
  expect(res.status).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

const get = async <T,>(url: string, cookie: string) => (await (await fetch(url, { headers: { Cookie: cookie } })).json()) as T;

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
    const hub = await spawnHub(data);
    try {
      const officer = createOfficer('Wati', 'Diskominfo Kabupaten Blitar');
      const enroll = await fetch(`${hub.url}/v1/installs`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify(officer.enrollment) });
      expect(enroll.status).toBe(201);
      const cookie = await signIn(hub.url, 'wati', 'sandi-pengawas-baru');
      expect(await get<{ supervisor: { agencyId: string } }>(`${hub.url}/api/me`, cookie)).toMatchObject({ supervisor: { agencyId: 'kominfo-blitar', role: 'agency' } });
    } finally {
      await hub.kill();
    }
  });
});
