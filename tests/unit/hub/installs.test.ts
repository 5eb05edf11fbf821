// Officer identity on both databases, through the hub's HTTP surface as the extension and a
// supervisor use it: an entry cannot claim another officer's name, renames are kept and flagged,
// new installs wait for approval when the agency requires it, a revoked install's new entries are
// refused while its old ones stay shown (marked), and one-time codes enroll one officer each.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHubApp } from '../../../hub/app';
import { migrate, openDatabase, type HubDatabase } from '../../../hub/database';
import type { InstallView } from '../../../hub/install-admin';
import { createOfficer, type TestOfficer } from '../../../hub/simulated-officer';
import { BACKENDS, PASSWORD, seedAgencies } from './hub-support';

const CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/148.0.0.0 Safari/537.36';
const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0';

describe.each(BACKENDS)('officer identity on %s', (_name, open) => {
  let db: HubDatabase;
  let app: ReturnType<typeof createHubApp>;
  let tokens: { malang: string; surabaya: string };
  const origin = 'http://hub.test';
  const call = (path: string, init: RequestInit & { cookie?: string } = {}) =>
    app.request(`${origin}${path}`, { ...init, headers: { Origin: origin, 'Content-Type': 'application/json', ...(init.cookie ? { Cookie: init.cookie } : {}), ...init.headers } });
  const send = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await call(path, { method: 'POST', body: JSON.stringify(body), headers });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const enroll = (officer: TestOfficer, token: string, extra: Record<string, unknown> = {}, userAgent = CHROME) =>
    send('/v1/installs', { ...officer.enrollment, ...extra }, { Authorization: `Bearer ${token}`, 'User-Agent': userAgent });
  const upload = (officer: TestOfficer, entries: Record<string, unknown>[], userAgent = CHROME) => send('/v1/posts', { installId: officer.installId, entries }, { 'User-Agent': userAgent });
  const signIn = async (username: string) => {
    const res = await call('/api/login', { method: 'POST', body: JSON.stringify({ username, password: PASSWORD }) });
    expect(res.status).toBe(200);
    return res.headers.get('set-cookie')!.split(';')[0]!;
  };
  const get = async <T,>(path: string, cookie: string) => (await (await call(path, { cookie })).json()) as T;
  const act = async (path: string, cookie: string, body: unknown = {}) => (await call(path, { method: 'POST', cookie, body: JSON.stringify(body) })).status;
  const installs = async (cookie: string) => (await get<{ installs: InstallView[] }>('/api/installs', cookie)).installs;
  const rows = async (cookie: string, query = '') => (await get<{ rows: { id: string; officerName: string; installRevoked?: true }[] }>(`/api/posts?limit=100${query}`, cookie)).rows;
  const stored = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM entries'))[0]!.n;

  beforeEach(async () => {
    db = await open();
    ({ tokens } = await seedAgencies(db));
    app = createHubApp(db, { script: '', style: '' });
  });
  afterEach(async () => {
    await app.close();
    await db.close();
  });

  it('refuses an entry claiming another officer’s name, and names every post after its enrolled officer', async () => {
    const sari = createOfficer('Sari', 'Diskominfo Kota Malang');
    expect((await enroll(sari, tokens.malang)).status).toBe(201);
    // The claim is the chain's last entry: what follows a refused entry is the report protocol's matter, not this test's.
    const [own, spelledOwn] = [...sari.posts(1), ...sari.posts(1, { officerName: '  sari ', itemId: 'pajak' })];
    const update = sari.update(own!.id as string, { status: 'confirmed' });
    const [impersonating] = sari.posts(1, { officerName: 'Agus', itemId: 'hoaks-bansos' });
    const answer = await upload(sari, [own!, spelledOwn!, update, impersonating!]);
    expect(answer).toEqual({ status: 422, body: { accepted: 3, duplicates: 0, rejected: [{ id: impersonating!.id, reason: 'officer' }], hub: true } });
    const rina = await signIn('rina');
    expect((await rows(rina)).map((r) => [r.id, r.officerName]).sort()).toEqual([[own!.id, 'Sari'], [spelledOwn!.id, 'Sari']].sort());
    // Nobody counts as having posted the item Sari tried to post as Agus.
    expect((await get<{ posts: number; officers: unknown[] }>('/api/coverage/hoaks-bansos', rina))).toMatchObject({ posts: 0, officers: [] });
    expect(await db.query('SELECT entry_id, reason FROM rejections')).toEqual([{ entry_id: impersonating!.id, reason: 'officer' }]);
  });

  it('renames an install that enrolls again with another name, keeps the old one and flags it; entries under either name are accepted', async () => {
    const sari = createOfficer('Sari', 'Diskominfo Kota Malang');
    await enroll(sari, tokens.malang);
    const beforeRename = sari.posts(2);
    expect((await upload(sari, beforeRename.slice(0, 1))).status).toBe(200);
    expect(await enroll(sari, tokens.malang, { officerName: 'Sari Wulandari' })).toEqual({ status: 200, body: { enrolled: true } });
    // The second post was written before the rename (old name), the third after it.
    const afterRename = sari.posts(1, { officerName: 'Sari Wulandari' });
    expect((await upload(sari, [beforeRename[1]!, ...afterRename])).status).toBe(200);
    const stranger = sari.posts(1, { officerName: 'Budi' });
    expect((await upload(sari, stranger)).body.rejected).toEqual([{ id: stranger[0]!.id, reason: 'officer' }]);
    const rina = await signIn('rina');
    const [view] = await installs(rina);
    expect(view).toMatchObject({ officerName: 'Sari Wulandari', formerNames: ['Sari'], entries: 3, refused: 1, status: 'approved' });
    expect(view!.flags).toContain('renamed');
    // Every post, the ones written as "Sari" too, is shown and filtered under the enrolled name.
    expect((await rows(rina)).map((r) => r.officerName)).toEqual(['Sari Wulandari', 'Sari Wulandari', 'Sari Wulandari']);
    expect(await rows(rina, '&officer=Sari')).toEqual([]);
    expect(await rows(rina, `&officer=${encodeURIComponent('Sari Wulandari')}`)).toHaveLength(3);
  });

  it('shows a supervisor every install of the agency with browser, region, times, entries and flags', async () => {
    const sariOffice = createOfficer('Sari', 'Diskominfo Kota Malang', 'Kota Malang');
    const sariHome = createOfficer('sari', 'Diskominfo Kota Malang', 'Kota Malang');
    const budi = createOfficer('Budi', 'Diskominfo Kota Surabaya');
    await enroll(sariOffice, tokens.malang);
    await enroll(sariHome, tokens.malang, {}, FIREFOX);
    await enroll(budi, tokens.surabaya);
    await upload(sariOffice, sariOffice.posts(2), FIREFOX);
    const rina = await signIn('rina');
    const list = await installs(rina);
    expect(list.map((i) => i.installId).sort()).toEqual([sariOffice.installId, sariHome.installId].sort());
    const office = list.find((i) => i.installId === sariOffice.installId)!;
    // Browser of the last upload; enrolled and seen just now; the same name from two installs is flagged on both.
    expect(office).toMatchObject({ officerName: 'Sari', agencyId: 'kominfo-malang', browser: 'Firefox 140 · Linux', region: 'Kota Malang', entries: 2, status: 'approved' });
    expect(Date.parse(office.lastSeen!)).toBeGreaterThanOrEqual(Date.parse(office.firstSeen));
    expect(office.flags.sort()).toEqual(['newDevice', 'sameName']);
    expect(list.find((i) => i.installId === sariHome.installId)).toMatchObject({ browser: 'Firefox 140 · Linux', entries: 0, flags: ['sameName', 'newDevice'] });
    expect(list.find((i) => i.installId === sariHome.installId)!.lastSeen).toBeUndefined();
    // Another agency's supervisor cannot see or touch them; the national supervisor sees all three.
    const budiSupervisor = await signIn('budi');
    expect((await installs(budiSupervisor)).map((i) => i.officerName)).toEqual(['Budi']);
    expect(await act(`/api/installs/${sariHome.installId}/revoke`, budiSupervisor)).toBe(404);
    expect(await installs(await signIn('nasional'))).toHaveLength(3);
    // Revoking one of the two lifts the "same name" flag from the other.
    expect(await act(`/api/installs/${sariHome.installId}/revoke`, rina)).toBe(200);
    expect((await installs(rina)).find((i) => i.installId === sariOffice.installId)!.flags).toEqual(['newDevice']);
  });

  it('holds a new install’s uploads with 403 pending until a supervisor approves it when the agency requires approval', async () => {
    const rina = await signIn('rina');
    expect(await act('/api/install-approval', rina, { installApproval: 'sometimes' })).toBe(400);
    expect(await act('/api/install-approval', rina, { installApproval: 'required' })).toBe(200);
    expect((await get<{ agencies: unknown[] }>('/api/installs', rina)).agencies).toEqual([{ id: 'kominfo-malang', name: 'Diskominfo Kota Malang', installApproval: 'required' }]);
    const agus = createOfficer('Agus', 'Diskominfo Kota Malang');
    expect((await enroll(agus, tokens.malang)).status).toBe(201);
    const posts = agus.posts(2);
    expect(await upload(agus, posts)).toEqual({ status: 403, body: { error: 'perangkat ini menunggu persetujuan pengawas / this device is waiting for a supervisor’s approval', pending: true } });
    expect(await stored()).toBe(0);
    // Enrolling again changes nothing: still pending.
    expect((await enroll(agus, tokens.malang)).status).toBe(200);
    expect((await installs(rina))[0]).toMatchObject({ officerName: 'Agus', status: 'pending', flags: [] });
    expect(await act(`/api/installs/${agus.installId}/approve`, rina)).toBe(200);
    expect(await upload(agus, posts)).toEqual({ status: 200, body: { accepted: 2, duplicates: 0, hub: true } });
    // Approved by a supervisor: no "new device" notice.
    expect((await installs(rina))[0]).toMatchObject({ status: 'approved', flags: [], entries: 2 });
    // Surabaya still approves at once, with the notice.
    const budi = createOfficer('Budi', 'Diskominfo Kota Surabaya');
    await enroll(budi, tokens.surabaya);
    expect((await upload(budi, budi.posts(1))).status).toBe(200);
    expect((await installs(await signIn('budi')))[0]!.flags).toEqual(['newDevice']);
  });

  it('refuses a revoked install’s new entries one by one and keeps showing its old posts, marked', async () => {
    const sari = createOfficer('Sari', 'Diskominfo Kota Malang');
    const agus = createOfficer('Agus', 'Diskominfo Kota Malang');
    await enroll(sari, tokens.malang);
    await enroll(agus, tokens.malang);
    const old = sari.posts(2, { itemId: 'hoaks-bansos' });
    await upload(sari, old);
    const rina = await signIn('rina');
    expect(await act(`/api/installs/${sari.installId}/revoke`, rina)).toBe(200);
    const later = sari.posts(2, { itemId: 'vaksinasi-lansia' });
    expect(await upload(sari, later)).toEqual({ status: 422, body: { accepted: 0, duplicates: 0, rejected: later.map((e) => ({ id: e.id, reason: 'revoked' })), hub: true } });
    expect(await stored()).toBe(2);
    expect((await rows(rina)).map((r) => [r.id, r.officerName, r.installRevoked]).sort()).toEqual(old.map((e) => [e.id, 'Sari', true]).sort());
    expect((await installs(rina)).find((i) => i.installId === sari.installId)).toMatchObject({ status: 'revoked', entries: 2, refused: 2 });
    // Its posts still count for coverage, marked; a revoked officer is not expected to post any more.
    const coverage = await get<{ posts: number; officers: { officer: string; revokedPosts?: number }[]; notPosted: { officer: string }[] }>('/api/coverage/hoaks-bansos', rina);
    expect(coverage.posts).toBe(2);
    expect(coverage.officers).toEqual([expect.objectContaining({ officer: 'Sari', revokedPosts: 2 })]);
    expect(coverage.notPosted.map((o) => o.officer)).toEqual(['Agus']);
    expect((await get<{ notPosted: { officer: string }[] }>('/api/coverage/vaksinasi-lansia', rina)).notPosted.map((o) => o.officer)).toEqual(['Agus']);
  });

  it('enrolls with a one-time code under the officer’s name it was made for, once', async () => {
    const rina = await signIn('rina');
    const made = await call('/api/enrollment-codes', { method: 'POST', cookie: rina, body: JSON.stringify({ officerName: ' Wati  Susanti ' }) });
    expect(made.status).toBe(201);
    const { code, officerName, agencyId } = (await made.json()) as { code: string; officerName: string; agencyId: string };
    expect([officerName, agencyId]).toEqual(['Wati Susanti', 'kominfo-malang']);
    expect(code).toMatch(/^HK(-[A-Z2-9]{4}){4}$/);
    // Stored as its sha256 only.
    expect(JSON.stringify(await db.query('SELECT * FROM enrollment_codes'))).not.toContain(code);
    const other = createOfficer('Orang Lain', 'Diskominfo Kota Malang');
    expect((await enroll(other, code)).status).toBe(422);
    const wati = createOfficer('wati susanti', 'Diskominfo Kota Malang');
    expect((await enroll(wati, code)).status).toBe(201);
    // Used up for anyone else, still good for the install that used it (it enrolls again after a 401).
    expect((await enroll(createOfficer('Wati Susanti', 'x'), code)).status).toBe(401);
    expect((await enroll(wati, code)).status).toBe(200);
    expect((await upload(wati, wati.posts(1))).status).toBe(200);
    expect((await installs(rina)).map((i) => [i.officerName, i.agencyId])).toEqual([['Wati Susanti', 'kominfo-malang']]);
    expect((await get<{ officerName: string; usedAt: string | null }[]>('/api/enrollment-codes', rina))[0]).toMatchObject({ officerName: 'Wati Susanti', usedAt: expect.any(String) });
    // An expired code enrolls nobody.
    const late = (await (await call('/api/enrollment-codes', { method: 'POST', cookie: rina, body: JSON.stringify({ officerName: 'Dewi' }) })).json()) as { code: string };
    await db.query("UPDATE enrollment_codes SET expires_at = now() - interval '1 minute' WHERE officer_name = 'Dewi'");
    expect((await enroll(createOfficer('Dewi', 'x'), late.code)).status).toBe(401);
  });
});

describe('install commands', () => {
  it('sets an agency’s install approval and prints a one-time code that enrolls its officer', { timeout: 60_000 }, async () => {
    const data = mkdtempSync(join(tmpdir(), 'hk-hub-installs-'));
    try {
      const cli = (args: string[]) => execFileSync(process.execPath, ['--import', 'tsx', 'hub/cli.ts', ...args, '--data', data], { env: { ...process.env, DATABASE_URL: '' }, encoding: 'utf8' });
      cli(['agency', 'add', 'kominfo-blitar', 'Diskominfo Kabupaten Blitar']);
      expect(cli(['agency', 'approval', 'kominfo-blitar', 'required'])).toContain('kominfo-blitar');
      const code = cli(['code', 'add', 'kominfo-blitar', 'Wati', '--days', '3']).trim().split('\n').at(-1)!;
      expect(code).toMatch(/^HK(-[A-Z2-9]{4}){4}$/);
      const db = await openDatabase({ dataDir: data });
      try {
        await migrate(db);
        const app = createHubApp(db, { script: '', style: '' });
        const wati = createOfficer('Wati', 'Diskominfo Kabupaten Blitar');
        const res = await app.request('http://hub.test/v1/installs', { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${code}` }, body: JSON.stringify(wati.enrollment) });
        expect(res.status).toBe(201);
        expect(await db.query('SELECT agency_id, officer_name, status FROM installs')).toEqual([{ agency_id: 'kominfo-blitar', officer_name: 'Wati', status: 'pending' }]);
        await app.close();
      } finally {
        await db.close();
      }
    } finally {
      rmSync(data, { recursive: true, force: true });
    }
  });
});
