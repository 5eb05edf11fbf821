// The supervisors' side of the hub over HTTP, on both databases: sign-in (cookie flags, throttling),
// scope (an agency supervisor never sees another agency), coverage, withdrawal follow-up from the
// library feed, streamed CSV, security headers, and the report endpoint's HTTP-level refusals.
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSupervisor } from '../../../hub/accounts';
import { createHubApp } from '../../../hub/app';
import type { HubDatabase } from '../../../hub/database';
import { followLibrary } from '../../../hub/library-follow';
import { createOfficer } from '../../../hub/simulated-officer';
import { CSV_HEAD, csvRows } from '../../../utils/shared/log-csv';
import type { PostStatus, StoredLogEntry } from '../../../utils/shared/log-entry';
import { BACKENDS, PASSWORD, seedAgencies, TEST_PASSWORD_COST } from './hub-support';

const ASSETS = { script: '/* app */', style: '/* css */' };
const HOUR = 3600_000;
const published = Date.UTC(2026, 10, 20, 8);

/** A feed page as the library serves it: the urgent counter-hoax and an item withdrawn later. */
function feedFetch(removed: { id: string; reason: string }[] = []): typeof fetch {
  const item = (id: string, title: string, priority: string) => ({
    id, version: 1, title, program: 'Perlindungan Sosial', tags: [], kind: 'klarifikasi', priority, publishedAt: new Date(published).toISOString(),
    captions: { default: title }, hashtags: [], media: [],
  });
  const page = { schema: 1, publisher: 'Komdigi', cursor: removed.length ? 'r2' : 'r1', hasMore: false, sequence: removed.length ? 2 : 1, items: removed.length ? [] : [item('hoaks-bansos', '[HOAKS] Bansos lewat WhatsApp', 'urgent'), item('diskon-pajak', 'Diskon pajak', 'normal')], removed };
  return (async () => new Response(JSON.stringify(page), { status: 200 })) as typeof fetch;
}

describe.each(BACKENDS)('hub for supervisors on %s', (_name, open) => {
  let db: HubDatabase;
  let app: ReturnType<typeof createHubApp>;
  const origin = 'http://hub.test';
  const call = (path: string, init: RequestInit & { cookie?: string } = {}) =>
    app.request(`${origin}${path}`, { ...init, headers: { Origin: origin, 'Content-Type': 'application/json', ...(init.cookie ? { Cookie: init.cookie } : {}), ...init.headers } });
  const signIn = async (username: string) => {
    const res = await call('/api/login', { method: 'POST', body: JSON.stringify({ username, password: PASSWORD }) });
    expect(res.status).toBe(200);
    return res.headers.get('set-cookie')!.split(';')[0]!;
  };
  const json = async <T,>(path: string, cookie: string) => (await (await call(path, { cookie })).json()) as T;
  const ids: Record<string, string[]> = {};

  beforeAll(async () => {
    db = await open();
    const { tokens } = await seedAgencies(db);
    app = createHubApp(db, ASSETS, { passwordCost: TEST_PASSWORD_COST });
    await followLibrary(db, { libraryUrl: 'https://pustaka.test', dev: true, fetch: feedFetch() });
    const officers = [createOfficer('Sari', 'Diskominfo Kota Malang'), createOfficer('Agus', 'Diskominfo Kota Malang'), createOfficer('Budi', 'Diskominfo Kota Surabaya')];
    const agencyTokens = [tokens.malang, tokens.malang, tokens.surabaya];
    for (const [i, officer] of officers.entries()) {
      expect((await call('/v1/installs', { method: 'POST', body: JSON.stringify(officer.enrollment), headers: { Authorization: `Bearer ${agencyTokens[i]}` } })).status).toBe(201);
    }
    // Sari posts the counter-hoax on X 30 min after publication and on Facebook after 90; Budi posts it after 2 h; Agus has not.
    const batches = [
      officers[0]!.posts(2, (n) => ({
        itemId: 'hoaks-bansos', platform: ['x', 'facebook'][n], postedAt: new Date(published + [0.5, 1.5][n]! * HOUR).toISOString(), secondsToPost: [0.5, 1.5][n]! * 3600, postUrl: n === 0 ? 'https://x.com/humasmalang/status/1' : undefined,
        // What a page or an officer may type: quotes, line breaks, a formula over two lines, a leading tab.
        text: ['Kata "resmi"\r\nbaris dua, koma', '=1+1\nbaris dua'][n], account: ['\t@humas', '-humas'][n], mediaIds: [['a', 'b'], []][n],
      })),
      // Agus takes the counter-hoax off his to-do, with his reason.
      [...officers[1]!.posts(1, { itemId: 'diskon-pajak', postedAt: new Date(published + 3 * HOUR).toISOString(), text: '=HYPERLINK("http://jahat")' }), officers[1]!.dismiss('hoaks-bansos', 'noAccount', 'Akun X kami diblokir')],
      officers[2]!.posts(1, { itemId: 'hoaks-bansos', postedAt: new Date(published + 2 * HOUR).toISOString() }),
    ];
    for (const [i, officer] of officers.entries()) {
      const res = await call('/v1/posts', { method: 'POST', body: JSON.stringify({ installId: officer.installId, entries: batches[i] }) });
      expect(await res.json()).toEqual({ accepted: batches[i]!.length, duplicates: 0, hub: true });
      ids[officer.enrollment.officerName] = batches[i]!.filter((e) => 'postedAt' in e).map((e) => e.id as string);
    }
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('signs in with an HttpOnly SameSite cookie, refuses wrong passwords and throttles guessing', async () => {
    expect((await call('/api/posts')).status).toBe(401);
    const res = await call('/api/login', { method: 'POST', body: JSON.stringify({ username: 'rina', password: PASSWORD }) });
    expect(res.headers.get('set-cookie')).toMatch(/^hk_hub_session=[\w-]{43}; Max-Age=43200; Path=\/; HttpOnly; SameSite=Strict$/);
    // Over https the cookie is Secure too.
    const overTls = await app.request('https://hub.test/api/login', { method: 'POST', headers: { Origin: 'https://hub.test', 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'rina', password: PASSWORD }) });
    expect(overTls.headers.get('set-cookie')).toMatch(/; Secure; SameSite=Strict$/);
    await addSupervisor(db, { username: 'tono', password: PASSWORD, role: 'agency', agencyId: 'kominfo-surabaya', passwordCost: TEST_PASSWORD_COST });
    const wrong = () => call('/api/login', { method: 'POST', body: JSON.stringify({ username: 'tono', password: 'tebak-tebakan' }) });
    for (let i = 0; i < 5; i++) expect((await wrong()).status).toBe(401);
    expect((await wrong()).status).toBe(429);
    // While the delay runs even the right password is answered 429, unchecked (accounts.test.ts: only delayed).
    expect((await call('/api/login', { method: 'POST', body: JSON.stringify({ username: 'tono', password: PASSWORD }) })).status).toBe(429);
  });

  it('shows an agency supervisor their own agency only, and a national supervisor every agency', async () => {
    const rina = await signIn('rina');
    const mine = await json<{ rows: { id: string; agencyId: string; latest: { status: string; postUrl?: string } }[] }>('/api/posts?limit=50', rina);
    expect(mine.rows).toHaveLength(3);
    expect((await json<{ total: number }>('/api/posts/count', rina)).total).toBe(3);
    expect(new Set(mine.rows.map((r) => r.agencyId))).toEqual(new Set(['kominfo-malang']));
    expect(mine.rows.find((r) => r.id === ids.Sari![0])?.latest).toEqual({ status: 'confirmed', postUrl: 'https://x.com/humasmalang/status/1' });
    // Asking for another agency by filter does not widen an agency supervisor's scope.
    expect((await json<{ total: number }>('/api/posts/count?agency=kominfo-surabaya', rina)).total).toBe(3);
    expect((await call('/api/agency-totals', { cookie: rina })).status).toBe(403);
    const national = await signIn('nasional');
    expect((await json<{ total: number }>('/api/posts/count', national)).total).toBe(4);
    expect((await json<{ rows: unknown[] }>('/api/posts?agency=kominfo-surabaya', national)).rows).toHaveLength(1);
    const stats = await json<{ officers: string[]; agencies: [string, string][] }>('/api/stats', rina);
    expect(stats.officers).toEqual(['Agus', 'Sari']);
    expect(stats.agencies).toEqual([['kominfo-malang', 'Diskominfo Kota Malang']]);
  });

  it('names each post\'s item by the title the library gives it', async () => {
    const rows = (await json<{ rows: { itemId: string; itemTitle?: string }[] }>('/api/posts?limit=50', await signIn('rina'))).rows;
    expect(rows.map((r) => [r.itemId, r.itemTitle]).sort()).toEqual([
      ['diskon-pajak', 'Diskon pajak'],
      ['hoaks-bansos', '[HOAKS] Bansos lewat WhatsApp'],
      ['hoaks-bansos', '[HOAKS] Bansos lewat WhatsApp'],
    ]);
  });

  it('answers a bad filter value with 400 naming the field, never 503; the page\'s own instants and empty fields pass', async () => {
    const rina = await signIn('rina');
    for (const [query, field] of [['from=x', 'from'], ['status=hilang', 'status'], ['limit=-5', 'limit'], ['edited=mungkin', 'edited'], [`officer=${'a'.repeat(300)}`, 'officer']] as const) {
      const res = await call(`/api/posts?${query}`, { cookie: rina });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ fields: [field] });
    }
    expect((await call('/api/stats?to=kemarin', { cookie: rina })).status).toBe(400);
    expect((await call('/api/export.csv?from=2026-13-45', { cookie: rina })).status).toBe(400);
    const fine = await call(`/api/posts/count?from=${encodeURIComponent('2026-11-30T17:00:00.000Z')}&platform=&status=confirmed&withdrawnOnly=1`, { cookie: rina });
    expect(fine.status).toBe(200);
  });

  it('reports coverage of the urgent item: who posted, how fast, and who has not', async () => {
    const rina = await signIn('rina');
    expect(await json<{ supervisor: { agencyName: string } }>('/api/me', rina)).toMatchObject({ supervisor: { agencyId: 'kominfo-malang', agencyName: 'Diskominfo Kota Malang' } });
    const coverage = await json<{ posts: number; medianSeconds: number; p90Seconds: number; officers: { officer: string; platforms: string[]; secondsAfterPublication: number }[]; notPosted: { officer: string }[] }>('/api/coverage/hoaks-bansos', rina);
    expect(coverage.posts).toBe(2);
    expect(coverage.officers).toEqual([expect.objectContaining({ officer: 'Sari', platforms: ['facebook', 'x'], secondsAfterPublication: 1800 })]);
    expect(coverage.medianSeconds).toBe(3600);
    expect(coverage.notPosted).toEqual([{ officer: 'Agus', agency: 'kominfo-malang', agencyName: 'Diskominfo Kota Malang', dismissed: { reason: 'noAccount', note: 'Akun X kami diblokir' } }]);
    const national = await json<{ posts: number; medianSeconds: number; p90Seconds: number; agencies: { agency: string }[] }>('/api/coverage/hoaks-bansos', await signIn('nasional'));
    expect(national.posts).toBe(3);
    expect(national.medianSeconds).toBe(5400);
    expect(national.p90Seconds).toBeCloseTo(6840);
    expect(national.agencies.map((a) => a.agency).sort()).toEqual(['kominfo-malang', 'kominfo-surabaya']);
  });

  it('follows up posts of an item once the library withdraws it', async () => {
    const rina = await signIn('rina');
    expect(await json<unknown[]>('/api/withdrawn', rina)).toEqual([]);
    await followLibrary(db, { libraryUrl: 'https://pustaka.test', dev: true, fetch: feedFetch([{ id: 'diskon-pajak', reason: 'withdrawn' }]) });
    const followUp = await json<{ id: string; title: string }[]>('/api/withdrawn', rina);
    expect(followUp.map((p) => [p.id, p.title])).toEqual([[ids.Agus![0], 'Diskon pajak']]);
    expect(await json<unknown[]>('/api/withdrawn', await signIn('budi'))).toEqual([]);
  });

  it('streams the CSV export of the supervisor’s scope, byte for byte as the extension writes it, formulas escaped', async () => {
    const res = await call('/api/export.csv', { cookie: await signIn('rina') });
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    // Read with its byte order mark (Response.text() drops it).
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
    const rows = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    expect(rows).toHaveLength(4);
    expect(rows.slice(1).map((r) => r[0]).sort()).toEqual([...ids.Sari!, ...ids.Agus!].sort());
    expect(rows.find((r) => r[0] === ids.Agus![0])?.[6]).toBe('\'=HYPERLINK("http://jahat")');
    expect(rows.find((r) => r[0] === ids.Sari![1])?.[6]).toBe("'=1+1\nbaris dua");
    // Ingestion stored every post's line (the export did not format them now), and they are the
    // bytes the extension's own CSV code gives for the same posts.
    expect(await db.query("SELECT id FROM entries WHERE kind = 'post' AND csv_before IS NULL")).toEqual([]);
    const posts = await db.query<{ body: StoredLogEntry; status: PostStatus; post_url: string | null }>(
      "SELECT body, status, post_url FROM entries WHERE kind = 'post' AND agency_id = 'kominfo-malang' ORDER BY posted_at DESC, id DESC",
    );
    expect(text).toBe(`${CSV_HEAD}${csvRows(posts.map((p) => ({ ...p.body, latest: { status: p.status, ...(p.post_url ? { postUrl: p.post_url } : {}) } })))}`);
  });

  it('serves the page with a strict CSP and refuses bad report requests at the door', async () => {
    const page = await call('/login');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await call('/v1/posts', { method: 'POST', body: '{"installId": ' })).status).toBe(400);
    const huge = JSON.stringify({ installId: 'x', entries: [{ id: 'a', text: 'x'.repeat(17 * 1024 * 1024) }] });
    expect((await call('/v1/posts', { method: 'POST', body: huge })).status).toBe(413);
    // A cross-site form post to the API is refused (CSRF), even with a session cookie.
    const rina = await signIn('rina');
    expect((await call('/api/logout', { method: 'POST', cookie: rina, headers: { Origin: 'https://jahat.example', 'Content-Type': 'application/x-www-form-urlencoded' } })).status).toBe(403);
    // Four posts and Agus's dismissal: nothing from the refused requests.
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM entries'))[0]!.n).toBe(5);
  });
});
