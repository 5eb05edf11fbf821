// Drift reports on the extension's side (utils/background/site-problems.ts): queued at most once an
// hour per (network, step, version), path without its query, signed by the install's key and taken
// by the real hub endpoint (enrolled first); retried with the outbox's backoff while the hub is down.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHubApp } from '../../hub/app';
import { openDatabase, type HubDatabase } from '../../hub/database';
import { installIdentity } from '../../utils/background/install-identity';
import { queuedSiteProblems, recordSiteProblem, SITE_PROBLEM_BACKOFF, uploadSiteProblems, type SiteProblemUploadDeps } from '../../utils/background/site-problems';
import { browserName, pathOnly } from '../../utils/shared/site-problem';
import { openDb, type HumasDb } from '../../utils/storage/db';
import { seedAgencies } from './hub/hub-support';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 11, 7, 10, 2);
let n = 0;

async function context(db: HumasDb, now: number, version = '0.4.1') {
  return { installId: (await installIdentity(db)).installId, version, browser: 'Chrome 148', uiLanguage: 'id-ID', now };
}

describe('drift reports in the extension', () => {
  let hubDb: HubDatabase;
  let app: ReturnType<typeof createHubApp>;
  let token: string;
  const hubFetch = ((url: string, init?: RequestInit) => app.request(url, init)) as typeof fetch;
  beforeAll(async () => {
    hubDb = await openDatabase({});
    token = (await seedAgencies(hubDb)).tokens.malang;
    app = createHubApp(hubDb, { script: '', style: '' }, { clock: () => T0 + HOUR });
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await hubDb.close();
  });
  const deps = async (db: HumasDb, extra: Partial<SiteProblemUploadDeps> = {}): Promise<SiteProblemUploadDeps> => ({
    db, reportUrl: 'http://hub.test', identity: await installIdentity(db), enrollment: { officerName: 'Sari Dewi', agency: 'Diskominfo Kota Malang', region: 'Kota Malang', reportToken: token }, fetch: hubFetch, now: () => T0 + HOUR, ...extra,
  });

  it('keeps the path without its query, and the browser as a name and major version', () => {
    expect(pathOnly('https://x.com/compose/post?text=rahasia#frag')).toBe('/compose/post');
    expect(browserName('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/148.0.7000.1 Safari/537.36')).toBe('Chrome 148');
    expect(browserName('Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0')).toBe('Firefox 153');
  });

  it('queues one report per network, step and version per hour; nothing from an unknown network or step', async () => {
    const db = openDb(`site-problems-${++n}`);
    const report = { network: 'x', step: 'composer' as const, path: '/compose/post' };
    expect(await recordSiteProblem(db, report, await context(db, T0))).toBe(true);
    expect(await recordSiteProblem(db, report, await context(db, T0 + 10 * 60_000))).toBe(false);
    expect(await recordSiteProblem(db, { ...report, step: 'text' }, await context(db, T0 + 60_000))).toBe(true);
    expect(await recordSiteProblem(db, report, await context(db, T0 + 60_000, '0.4.2'))).toBe(true);
    expect(await recordSiteProblem(db, report, await context(db, T0 + HOUR))).toBe(true);
    expect(await recordSiteProblem(db, { ...report, network: 'myspace' }, await context(db, T0))).toBe(false);
    expect(await recordSiteProblem(db, { ...report, step: 'innerHTML' as 'text' }, await context(db, T0))).toBe(false);
    expect(await recordSiteProblem(db, { ...report, network: 'facebook', path: '/?sk=h_chr' }, await context(db, T0))).toBe(true);
    const queue = await queuedSiteProblems(db);
    expect(queue.map((p) => [p.network, p.step, p.version, p.path])).toEqual([
      ['x', 'composer', '0.4.1', '/compose/post'], ['x', 'text', '0.4.1', '/compose/post'], ['x', 'composer', '0.4.2', '/compose/post'],
      ['x', 'composer', '0.4.1', '/compose/post'], ['facebook', 'composer', '0.4.1', '/'],
    ]);
  });

  it('enrolls, signs and sends the queue to the hub, which stores each report once under the officer', async () => {
    const db = openDb(`site-problems-${++n}`);
    await recordSiteProblem(db, { network: 'x', step: 'composer', path: '/compose/post' }, await context(db, T0));
    await recordSiteProblem(db, { network: 'instagram', step: 'media', path: '/create/select' }, await context(db, T0 + 5 * 60_000));
    expect(await uploadSiteProblems(await deps(db))).toEqual({ sent: 2, pending: 0 });
    expect(await queuedSiteProblems(db)).toEqual([]);
    const { installId } = await installIdentity(db);
    expect(await hubDb.query("SELECT officer_name, network, step, path, to_char(reported_at AT TIME ZONE 'UTC', 'HH24:MI') AS at FROM site_problems WHERE install_id = $1 ORDER BY reported_at", [installId])).toEqual([
      { officer_name: 'Sari Dewi', network: 'x', step: 'composer', path: '/compose/post', at: '10:02' },
      { officer_name: 'Sari Dewi', network: 'instagram', step: 'media', path: '/create/select', at: '10:07' },
    ]);
    // Nothing left: no request at all.
    let requests = 0;
    expect(await uploadSiteProblems(await deps(db, { fetch: (async () => (requests++, new Response('{}'))) as typeof fetch }))).toEqual({ sent: 0, pending: 0 });
    expect(requests).toBe(0);
  });

  it('keeps the reports while the hub is down and waits out the backoff before asking again', async () => {
    const db = openDb(`site-problems-${++n}`);
    await recordSiteProblem(db, { network: 'x', step: 'text', path: '/home' }, await context(db, T0));
    let clock = T0 + HOUR;
    let requests = 0;
    const down = (async (url: string, init?: RequestInit) => {
      requests++;
      return String(url).endsWith('/v1/site-problems') ? new Response('{}', { status: 503 }) : hubFetch(url, init);
    }) as typeof fetch;
    expect(await uploadSiteProblems(await deps(db, { fetch: down, now: () => clock }))).toEqual({ sent: 0, pending: 1, lastError: 'HTTP 503' });
    const asked = requests;
    clock += SITE_PROBLEM_BACKOFF.baseMs / 4; // before the shortest jittered wait
    expect((await uploadSiteProblems(await deps(db, { fetch: down, now: () => clock }))).pending).toBe(1);
    expect(requests).toBe(asked);
    clock += SITE_PROBLEM_BACKOFF.baseMs * 2;
    expect(await uploadSiteProblems(await deps(db, { now: () => clock }))).toEqual({ sent: 1, pending: 0 });
  });
});
