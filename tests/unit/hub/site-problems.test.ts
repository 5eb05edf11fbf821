// Drift reports on the hub (POST /v1/site-problems), on both databases: a report signed by an
// enrolled install is stored once; a wrong signature, another install's report, an unknown install
// and a stale report are refused; the supervisors' summary counts officers, not reports, within scope.
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHubApp } from '../../../hub/app';
import type { HubDatabase } from '../../../hub/database';
import { createOfficer, type TestOfficer } from '../../../hub/simulated-officer';
import type { SiteProblemSummary } from '../../../hub/site-problems';
import { siteProblemBytes, type SiteProblem } from '../../../utils/shared/site-problem';
import { BACKENDS, PASSWORD, seedAgencies, TEST_PASSWORD_COST } from './hub-support';

const ASSETS = { script: '', style: '' };
const NOW = Date.UTC(2026, 11, 7, 10, 30);

function report(officer: TestOfficer, fields: Partial<SiteProblem> = {}): SiteProblem & { signature: string } {
  const problem: SiteProblem = {
    id: randomUUID(), installId: officer.installId, network: 'x', step: 'composer', version: '0.4.1', path: '/compose/post', browser: 'Chrome 148', uiLanguage: 'id-ID',
    at: new Date(NOW - 60_000).toISOString(), ...fields,
  };
  return { ...problem, signature: officer.sign(createHash('sha256').update(siteProblemBytes(problem)).digest('hex')) };
}

describe.each(BACKENDS)('drift reports on %s', (_name, open) => {
  let db: HubDatabase;
  let app: ReturnType<typeof createHubApp>;
  const origin = 'http://hub.test';
  const call = (path: string, init: RequestInit & { cookie?: string } = {}) =>
    app.request(`${origin}${path}`, { ...init, headers: { Origin: origin, 'Content-Type': 'application/json', ...(init.cookie ? { Cookie: init.cookie } : {}), ...init.headers } });
  const send = (installId: string, problems: unknown[]) => call('/v1/site-problems', { method: 'POST', body: JSON.stringify({ installId, problems }) });
  const summaryFor = async (username: string) => {
    const login = await call('/api/login', { method: 'POST', body: JSON.stringify({ username, password: PASSWORD }) });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    return (await (await call('/api/site-problems', { cookie })).json()) as SiteProblemSummary;
  };
  const sari = createOfficer('Sari', 'Diskominfo Kota Malang');
  const agus = createOfficer('Agus', 'Diskominfo Kota Malang');
  const budi = createOfficer('Budi', 'Diskominfo Kota Surabaya');
  const stranger = createOfficer('Orang Lain', 'Tidak terdaftar');

  beforeAll(async () => {
    db = await open();
    const { tokens } = await seedAgencies(db);
    app = createHubApp(db, ASSETS, { passwordCost: TEST_PASSWORD_COST, clock: () => NOW });
    for (const [officer, token] of [[sari, tokens.malang], [agus, tokens.malang], [budi, tokens.surabaya]] as const) {
      expect((await call('/v1/installs', { method: 'POST', body: JSON.stringify(officer.enrollment), headers: { Authorization: `Bearer ${token}` } })).status).toBe(201);
    }
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('stores a signed report once; refuses a wrong signature, another install’s report and a stale one; an unknown install is 401', async () => {
    const first = report(sari);
    expect(await (await send(sari.installId, [first])).json()).toEqual({ accepted: 1, duplicates: 0 });
    // Sent again after a lost answer: held already.
    expect(await (await send(sari.installId, [first])).json()).toEqual({ accepted: 0, duplicates: 1 });

    const forged = { ...report(sari), step: 'text' as const }; // signed as 'composer', altered afterwards
    const notHers = report(agus);
    const stale = report(sari, { at: new Date(NOW - 8 * 24 * 3_600_000).toISOString() });
    const withQuery = report(sari, { path: '/compose/post?text=rahasia' });
    const valid = report(sari, { step: 'media', network: 'instagram', path: '/create/select' });
    const res = await send(sari.installId, [forged, notHers, stale, withQuery, valid]);
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({
      accepted: 1, duplicates: 0,
      rejected: [{ id: forged.id, reason: 'signature' }, { id: notHers.id, reason: 'install' }, { id: stale.id, reason: 'time' }, { id: withQuery.id, reason: 'format' }],
    });

    // The same step, network and version again within the hour from the same install: a duplicate, whatever its id.
    expect(await (await send(sari.installId, [report(sari, { at: new Date(NOW - 50_000).toISOString() })])).json()).toEqual({ accepted: 0, duplicates: 1 });

    const unknown = await send(stranger.installId, [report(stranger)]);
    expect(unknown.status).toBe(401);
    expect((await db.query('SELECT count(*)::int AS n FROM site_problems'))[0]).toEqual({ n: 2 });
    // No page content was stored: the path alone, with the install's enrolled officer.
    expect(await db.query("SELECT officer_name, network, step, version, path, browser, ui_language FROM site_problems WHERE network = 'instagram'")).toEqual([
      { officer_name: 'Sari', network: 'instagram', step: 'media', version: '0.4.1', path: '/create/select', browser: 'Chrome 148', ui_language: 'id-ID' },
    ]);
  });

  it('counts officers, not reports, per network and step since the first report, with the newest version, and hourly per network; agencies see their own', async () => {
    // Sari again an hour later on a newer version (the extension sends once an hour per step and version), Agus and Budi once.
    await send(sari.installId, [report(sari, { at: new Date(NOW - 30_000).toISOString(), version: '0.4.2' })]);
    await send(agus.installId, [report(agus, { at: new Date(NOW - 20 * 60_000).toISOString() })]);
    await send(budi.installId, [report(budi, { at: new Date(NOW - 2 * 3_600_000).toISOString() })]);

    const national = await summaryFor('nasional');
    expect(national.lines).toEqual([
      { network: 'x', step: 'composer', officers: 3, reports: 4, since: new Date(NOW - 2 * 3_600_000).toISOString(), version: '0.4.2' },
      { network: 'instagram', step: 'media', officers: 1, reports: 1, since: new Date(NOW - 60_000).toISOString(), version: '0.4.1' },
    ]);
    expect(national.hourly).toEqual([
      { network: 'x', hour: new Date(Date.UTC(2026, 11, 7, 8)).toISOString(), count: 1 },
      { network: 'instagram', hour: new Date(Date.UTC(2026, 11, 7, 10)).toISOString(), count: 1 },
      { network: 'x', hour: new Date(Date.UTC(2026, 11, 7, 10)).toISOString(), count: 3 },
    ]);
    const malang = await summaryFor('rina');
    expect(malang.lines.find((l) => l.network === 'x')).toMatchObject({ officers: 2, reports: 3 });
  });
});
