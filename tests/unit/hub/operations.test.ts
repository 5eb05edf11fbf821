// What the hub tells its operators, on both databases: one JSON log line per request with a request
// id (also the response's X-Request-Id), audit lines for sign-ins, enrollments, approvals,
// revocations and exports (never a password or token), and /metrics in Prometheus' text format.
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHubApp } from '../../../hub/app';
import type { HubDatabase } from '../../../hub/database';
import { createOfficer } from '../../../hub/simulated-officer';
import { BACKENDS, PASSWORD, seedAgencies, TEST_PASSWORD_COST } from './hub-support';

const ASSETS = { script: '/* app */', style: '/* css */' };
const METRICS_TOKEN = 'metrik-rahasia-untuk-tes';
type Line = Record<string, unknown>;

describe.each(BACKENDS)('hub operations on %s', (name, open) => {
  let db: HubDatabase;
  let app: ReturnType<typeof createHubApp>;
  let tokens: { malang: string; surabaya: string };
  let raw: string[];
  const lines = () => raw.map((l) => JSON.parse(l) as Line);
  const audits = (event: string) => lines().filter((l) => l.audit === event);
  const origin = 'http://hub.test';
  const call = (path: string, init: RequestInit & { cookie?: string } = {}) =>
    app.request(`${origin}${path}`, { ...init, headers: { Origin: origin, 'Content-Type': 'application/json', ...(init.cookie ? { Cookie: init.cookie } : {}), ...init.headers } });
  const signIn = (username: string, password = PASSWORD) => call('/api/login', { method: 'POST', body: JSON.stringify({ username, password }) });

  beforeEach(async () => {
    db = await open();
    ({ tokens } = await seedAgencies(db));
    raw = [];
    const logger = pino({}, { write: (line: string) => void raw.push(line) });
    app = createHubApp(db, ASSETS, { passwordCost: TEST_PASSWORD_COST, logger, metricsToken: METRICS_TOKEN });
  });
  afterEach(async () => {
    await app.close();
    await db.close();
  });

  it('writes one audit line per sign-in, with the request id the response carries', async () => {
    const res = await signIn('rina');
    expect(res.status).toBe(200);
    const requestId = res.headers.get('X-Request-Id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(audits('signin')).toEqual([expect.objectContaining({ audit: 'signin', who: 'rina', agency: 'kominfo-malang', requestId })]);
    expect(lines().filter((l) => l.audit)).toHaveLength(1);
    const session = res.headers.get('set-cookie')!.split(';')[0]!.split('=')[1]!;
    expect(raw.join('')).not.toContain(PASSWORD);
    expect(raw.join('')).not.toContain(session);
  });

  it('writes one signin_failed line for a wrong password, without the password', async () => {
    const wrong = 'salah-sandi-tapi-panjang';
    const res = await signIn('rina', wrong);
    expect(res.status).toBe(401);
    expect(audits('signin_failed')).toEqual([expect.objectContaining({ who: 'rina', requestId: res.headers.get('X-Request-Id') })]);
    expect(audits('signin')).toHaveLength(0);
    expect(raw.join('')).not.toContain(wrong);
  });

  it('logs each request once: method, path without its query, status, time and request id', async () => {
    const answers = [await call('/healthz'), await call('/api/posts?from=2026-01-01&limit=5'), await call('/tidak-ada?x=1')];
    const requests = lines().filter((l) => l.msg === 'request');
    expect(requests.map(({ method, path, status }) => ({ method, path, status }))).toEqual([
      { method: 'GET', path: '/healthz', status: 200 },
      { method: 'GET', path: '/api/posts', status: 401 },
      { method: 'GET', path: '/tidak-ada', status: 404 },
    ]);
    requests.forEach((l, i) => {
      expect(l.requestId).toBe(answers[i]!.headers.get('X-Request-Id'));
      expect(typeof l.ms).toBe('number');
    });
  });

  it('audits enrollment, revocation and export with who and agency', async () => {
    const sari = createOfficer('Sari', 'Diskominfo Kota Malang');
    expect((await call('/v1/installs', { method: 'POST', body: JSON.stringify(sari.enrollment), headers: { Authorization: `Bearer ${tokens.malang}` } })).status).toBe(201);
    expect(audits('enroll')).toEqual([expect.objectContaining({ who: sari.installId, agency: 'kominfo-malang' })]);
    const cookie = (await signIn('rina')).headers.get('set-cookie')!.split(';')[0]!;
    expect((await call(`/api/installs/${sari.installId}/revoke`, { method: 'POST', cookie })).status).toBe(200);
    expect(audits('install_revoked')).toEqual([expect.objectContaining({ who: 'rina', agency: 'kominfo-malang', installId: sari.installId })]);
    expect((await call('/api/export.csv', { cookie })).status).toBe(200);
    expect(audits('export')).toEqual([expect.objectContaining({ who: 'rina', agency: 'kominfo-malang' })]);
    expect(raw.join('')).not.toContain(tokens.malang);
  });

  it('counts requests, an accepted batch and a refusal by reason in /metrics, for its token only', async () => {
    const tari = createOfficer('Tari', 'Diskominfo Kota Malang');
    await call('/v1/installs', { method: 'POST', body: JSON.stringify(tari.enrollment), headers: { Authorization: `Bearer ${tokens.malang}` } });
    const upload = (entries: unknown[]) => call('/v1/posts', { method: 'POST', body: JSON.stringify({ installId: tari.installId, entries }) });
    expect((await upload(tari.posts(2))).status).toBe(200);
    expect((await upload(tari.posts(1, { postedAt: 'kemarin sore' }))).status).toBe(422);

    expect((await call('/metrics')).status).toBe(403);
    expect((await call('/metrics', { headers: { Authorization: 'Bearer salah' } })).status).toBe(403);
    const res = await call('/metrics', { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    const value = (series: string) => Number(text.split('\n').find((l) => l.startsWith(`${series} `))?.slice(series.length + 1));
    expect(value('hk_hub_batches_total')).toBe(2);
    expect(value('hk_hub_entries_ingested_total')).toBe(2);
    expect(value('hk_hub_refusals_total{reason="format"}')).toBe(1);
    expect(value('hk_hub_refusals_total{reason="signature"}')).toBe(0);
    expect(value('hk_hub_requests_total{route="/v1/posts",method="POST",status="200"}')).toBe(1);
    expect(value('hk_hub_requests_total{route="/v1/posts",method="POST",status="422"}')).toBe(1);
    expect(value('hk_hub_requests_total{route="/metrics",method="GET",status="403"}')).toBe(2);
    if (name === 'PostgreSQL') {
      expect(value('hk_hub_db_pool_total')).toBeGreaterThanOrEqual(1);
      expect(value('hk_hub_db_pool_waiting')).toBe(0);
    } else {
      expect(text).not.toContain('hk_hub_db_pool_');
    }
  });
});

describe('who may read /metrics', () => {
  it('without a token: only a direct connection from loopback; with one: only its bearer', async () => {
    const { metricsAllowed } = await import('../../../hub/operations');
    expect(metricsAllowed(undefined, undefined, '127.0.0.1', undefined)).toBe(true);
    expect(metricsAllowed(undefined, undefined, '::1', undefined)).toBe(true);
    expect(metricsAllowed(undefined, undefined, '127.0.0.1', '203.0.113.9')).toBe(false);
    expect(metricsAllowed(undefined, undefined, '192.168.1.20', undefined)).toBe(false);
    expect(metricsAllowed(undefined, undefined, undefined, undefined)).toBe(false);
    expect(metricsAllowed('t0ken', 'Bearer t0ken', '192.168.1.20', undefined)).toBe(true);
    expect(metricsAllowed('t0ken', undefined, '127.0.0.1', undefined)).toBe(false);
  });
});
