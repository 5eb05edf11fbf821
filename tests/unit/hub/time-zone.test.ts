// An agency's calendar days: posts are counted per day from the agency's own midnight (WITA for a
// Makassar agency), national views from the hub's zone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHubApp } from '../../../hub/app';
import type { HubDatabase } from '../../../hub/database';
import { createOfficer } from '../../../hub/simulated-officer';
import { setAgencyTimeZone } from '../../../hub/time-zones';
import { BACKENDS, PASSWORD, seedAgencies, TEST_PASSWORD_COST } from './hub-support';

describe.each(BACKENDS)('agency time zones on %s', (_name, open) => {
  let db: HubDatabase;
  let app: ReturnType<typeof createHubApp>;
  const origin = 'http://hub.test';
  const call = (path: string, init: RequestInit & { cookie?: string } = {}) =>
    app.request(`${origin}${path}`, { ...init, headers: { Origin: origin, 'Content-Type': 'application/json', ...(init.cookie ? { Cookie: init.cookie } : {}), ...init.headers } });
  const perDay = async (username: string) => {
    const res = await call('/api/login', { method: 'POST', body: JSON.stringify({ username, password: PASSWORD }) });
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    return ((await (await call('/api/stats', { cookie })).json()) as { perDay: [string, number][] }).perDay;
  };

  beforeAll(async () => {
    db = await open();
    const { tokens } = await seedAgencies(db);
    app = createHubApp(db, { script: '', style: '' }, { passwordCost: TEST_PASSWORD_COST });
    // 16:30 UTC on 1 December: 23:30 in Jakarta (WIB), 00:30 on 2 December in Makassar (WITA).
    const sari = createOfficer('Sari', 'Diskominfo Kota Malang');
    expect((await call('/v1/installs', { method: 'POST', body: JSON.stringify(sari.enrollment), headers: { Authorization: `Bearer ${tokens.malang}` } })).status).toBe(201);
    const upload = await call('/v1/posts', { method: 'POST', body: JSON.stringify({ installId: sari.installId, entries: sari.posts(1, { postedAt: '2026-12-01T16:30:00.000Z' }) }) });
    expect(upload.status).toBe(200);
  }, 60_000);
  afterAll(() => db?.close());

  it("counts an agency's posts from its own midnight once it has a zone; national views keep the hub's", async () => {
    expect(await perDay('rina')).toEqual([['2026-12-01', 1]]);
    expect(await setAgencyTimeZone(db, 'kominfo-malang', 'Asia/Makassar')).toContain('Asia/Makassar');
    expect(await perDay('rina')).toEqual([['2026-12-02', 1]]);
    expect(await perDay('nasional')).toEqual([['2026-12-01', 1]]);
    await expect(setAgencyTimeZone(db, 'kominfo-malang', 'Asia/Makasar')).rejects.toThrow(/unknown time zone/);
    await expect(setAgencyTimeZone(db, 'tidak-ada', 'Asia/Jayapura')).rejects.toThrow(/no such agency/);
  });
});
