// The hub's HTTP surface (Hono): the report endpoint behind the extension's `reportUrl`
// (/v1/installs, /v1/posts) and the supervisors' web app with its JSON API under /api.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { csrf } from 'hono/csrf';
import { secureHeaders } from 'hono/secure-headers';
import { stream } from 'hono/streaming';
import { getConnInfo } from '@hono/node-server/conninfo';
import { login, logout, SESSION_HOURS, sessionSupervisor, type Supervisor } from './accounts';
import { clientAddress } from './client-address';
import { coverageItems, itemCoverage } from './coverage';
import type { HubDatabase } from './database';
import { csvExport } from './export';
import { createIngest } from './ingest';
import type { DeskLibraryRuntime } from './desk/libraries';
import { registerDeskRoutes } from './desk/routes';
import { withdrawnFollowUp } from './desk/takedown';
import { registerLibraryStatic } from './desk/static-serve';
import { registerInstallRoutes } from './install-routes';
import { receiveSiteProblems, siteProblemSummary } from './site-problems';
import { audit, createMetrics, defaultLogger, metricsAllowed, requestLog, type HubLogger } from './operations';
import { parsePostQuery } from './post-filter';
import { DEFAULT_TIME_ZONE, zoneFor } from './time-zones';
import { agencyTotals, countPosts, listPosts, postStats, type PostFilter } from './queries';
import { pageHtml, type WebAssets } from './web/html';

const SESSION_COOKIE = 'hk_hub_session';
/** An upload of 1,000 entries is ~1–2 MB; the limit leaves room for long captions, not for abuse. */
const MAX_UPLOAD_BYTES = 16 * 1024 * 1024;

type Env = { Variables: { supervisor: Supervisor; requestId: string } };

/** Sign-in bodies and every other supervisor request are small; a bigger one is refused unread. */
const MAX_API_BYTES = 64 * 1024;

/** The socket's address (none when the app is called without a socket, as in tests). */
function socketAddress(c: Context<Env>): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined;
  }
}

const unavailable = { error: 'basis data tidak tersedia, coba lagi nanti / database unavailable, try again later' };

export interface HubAppOptions {
  /** Supervisors' calendar days (charts, per-agency totals). */
  timeZone?: string;
  /** Behind a TLS-terminating proxy: trust its X-Forwarded-Proto for the cookie's Secure flag and its X-Forwarded-For for sign-in throttling. */
  behindProxy?: boolean;
  /** scrypt N for supervisors' password hashes made or upgraded at sign-in (default 2^17; tests lower it). */
  passwordCost?: number;
  /** Milliseconds since the epoch (tests move time to show sign-in delays and session expiry). */
  clock?: () => number;
  /** JSON lines (pino); default: stdout. Tests pass one that keeps lines in memory. */
  logger?: HubLogger;
  /** Bearer token for /metrics (default HK_METRICS_TOKEN); without one, only loopback may read it. */
  metricsToken?: string;
  /** The editorial desk's libraries, keys loaded (hub/desk/, docs/editorial-desk.md). */
  desk?: DeskLibraryRuntime[];
}

export function createHubApp(db: HubDatabase, assets: WebAssets, options: HubAppOptions = {}) {
  const ingest = createIngest(db);
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const clock = options.clock ?? Date.now;
  const logger = options.logger ?? defaultLogger();
  const metrics = createMetrics();
  const metricsToken = options.metricsToken ?? (process.env.HK_METRICS_TOKEN || undefined);
  const app = new Hono<Env>();
  app.use('*', requestLog(logger, metrics));

  // The extension's report endpoint: any extension origin, no cookies.
  app.use('/v1/*', cors({ origin: '*', allowMethods: ['POST', 'OPTIONS'], allowHeaders: ['Content-Type', 'Authorization'], maxAge: 86400 }));
  app.use('/v1/*', bodyLimit({ maxSize: MAX_UPLOAD_BYTES, onError: (c) => c.json({ error: 'kiriman terlalu besar / upload too large' }, 413) }));
  const reportRoute = (work: (c: Context<Env>, body: unknown) => Promise<{ status: number; body: Record<string, unknown> }>) => async (c: Context<Env>) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return c.json({ error: 'JSON tidak valid / invalid JSON' }, 400);
    }
    try {
      const answer = await work(c, body);
      return c.json(answer.body, answer.status as 200);
    } catch (err) {
      // The extension keeps its outbox and sends again: nothing is half-stored (one transaction per batch).
      logger.error({ requestId: c.get('requestId'), err: (err as Error).message }, 'report request failed');
      return c.json(unavailable, 503);
    }
  };
  app.post('/v1/installs', reportRoute(async (c, body) => {
    const answer = await ingest.enroll(body, c.req.header('Authorization'), c.req.header('User-Agent'));
    if (answer.status === 201) {
      const installId = String((body as { installId?: unknown }).installId);
      const [row] = await db.query<{ agency_id: string }>('SELECT agency_id FROM installs WHERE install_id = $1', [installId]);
      audit(logger, c, 'enroll', installId, row?.agency_id);
    }
    return answer;
  }));
  // `hub: true` tells the extension its reports reach a supervisor hub (its dashboard then links here).
  app.post('/v1/posts', reportRoute(async (c, body) => {
    const answer = await ingest.upload(body, c.req.header('User-Agent'));
    metrics.upload(answer);
    return answer.status === 200 || answer.status === 422 ? { ...answer, body: { ...answer.body, hub: true } } : answer;
  }));
  // Drift reports (hub/site-problems.ts): signed by an enrolled install, no page content.
  app.post('/v1/site-problems', reportRoute(async (c, body) => receiveSiteProblems(db, body, c.req.header('User-Agent'), clock())));
  app.get('/metrics', (c) => {
    if (!metricsAllowed(metricsToken, c.req.header('Authorization'), socketAddress(c), c.req.header('X-Forwarded-For'))) return c.json({ error: 'forbidden' }, 403);
    return c.body(metrics.render(db.poolStats?.()), 200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8', 'Cache-Control': 'no-store' });
  });
  app.get('/healthz', async (c) => {
    try {
      await db.query('SELECT 1');
      return c.json({ ok: true });
    } catch {
      return c.json(unavailable, 503);
    }
  });

  // The desk's libraries as a static host serves them (any origin, no cookies, no page headers).
  const deskLibraries = options.desk ?? [];
  registerLibraryStatic(app, () => new Map(deskLibraries.map((l) => [l.id, l.outDir])));

  // Supervisors' pages: strict CSP (own scripts and styles only), no framing, no referrer leaks.
  app.use('*', secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
    },
    referrerPolicy: 'no-referrer',
    crossOriginResourcePolicy: 'same-origin',
  }));
  app.use('/api/*', csrf());
  app.use('/api/*', bodyLimit({ maxSize: MAX_API_BYTES, onError: (c) => c.json({ error: 'permintaan terlalu besar / request too large' }, 413) }));
  app.onError((err, c) => {
    // Refusals of middleware (CSRF, body limit) keep their status; anything else is the database.
    if (err instanceof HTTPException) return err.getResponse();
    logger.error({ requestId: c.get('requestId'), err: err.message }, 'request failed');
    return c.json(unavailable, 503);
  });

  const secure = (c: Context<Env>) => new URL(c.req.url).protocol === 'https:' || (!!options.behindProxy && c.req.header('X-Forwarded-Proto') === 'https');
  app.post('/api/login', async (c) => {
    const { username, password } = (await c.req.json().catch(() => ({}))) as { username?: unknown; password?: unknown };
    if (typeof username !== 'string' || typeof password !== 'string' || username.length > 100 || password.length > 200) return c.json({ error: 'invalid' }, 400);
    const address = clientAddress(socketAddress(c), c.req.header('X-Forwarded-For'), !!options.behindProxy);
    const result = await login(db, username, password, { address, now: clock(), passwordCost: options.passwordCost });
    if ('error' in result) audit(logger, c, 'signin_failed', username, null, { reason: result.error });
    if ('error' in result && result.error === 'throttled') {
      c.header('Retry-After', String(result.retryAfterSeconds));
      return c.json({ error: 'throttled', retryAfterSeconds: result.retryAfterSeconds }, 429);
    }
    if ('error' in result) return c.json({ error: result.error }, 401);
    audit(logger, c, 'signin', result.supervisor.username, result.supervisor.agencyId);
    setCookie(c, SESSION_COOKIE, result.token, { httpOnly: true, secure: secure(c), sameSite: 'Strict', path: '/', maxAge: SESSION_HOURS * 3600 });
    return c.json({ supervisor: result.supervisor });
  });
  app.post('/api/logout', async (c) => {
    await logout(db, getCookie(c, SESSION_COOKIE));
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: secure(c) });
    return c.json({ ok: true });
  });
  app.use('/api/*', async (c, next) => {
    if (c.req.path === '/api/login' || c.req.path === '/api/logout') return next();
    const supervisor = await sessionSupervisor(db, getCookie(c, SESSION_COOKIE), clock());
    if (!supervisor) return c.json({ error: 'login' }, 401);
    c.set('supervisor', supervisor);
    c.header('Cache-Control', 'no-store');
    return next();
  });

  registerDeskRoutes(app, db, { libraries: deskLibraries, logger, session: (c) => sessionSupervisor(db, getCookie(c, SESSION_COOKIE), clock()) });

  const filterOf = (c: Context<Env>): PostFilter => parsePostQuery(c.req.query()).filter;
  app.get('/api/me', (c) => c.json({ supervisor: c.get('supervisor') }));
  app.get('/api/posts', async (c) => {
    const { filter, offset, limit } = parsePostQuery(c.req.query());
    return c.json({ rows: await listPosts(db, c.get('supervisor'), filter, offset, limit) });
  });
  app.get('/api/posts/count', async (c) => c.json({ total: await countPosts(db, c.get('supervisor'), filterOf(c)) }));
  app.get('/api/stats', async (c) => {
    const filter = filterOf(c);
    const supervisor = c.get('supervisor');
    return c.json(await postStats(db, supervisor, filter, await zoneFor(db, supervisor, timeZone)));
  });
  app.get('/api/items', async (c) => c.json(await coverageItems(db)));
  app.get('/api/coverage/:itemId', async (c) => c.json(await itemCoverage(db, c.get('supervisor'), c.req.param('itemId'))));
  registerInstallRoutes(app, db, (c, event, installId) => audit(logger, c, event, c.get('supervisor').username, c.get('supervisor').agencyId, { installId }));
  app.get('/api/site-problems', async (c) => c.json(await siteProblemSummary(db, c.get('supervisor'), clock())));
  app.get('/api/withdrawn', async (c) => c.json(await withdrawnFollowUp(db, c.get('supervisor'))));
  app.get('/api/agency-totals', async (c) => {
    const supervisor = c.get('supervisor');
    return supervisor.role === 'national' ? c.json(await agencyTotals(db, supervisor, timeZone)) : c.json({ error: 'forbidden' }, 403);
  });
  app.get('/api/export.csv', (c) => {
    // Checked before the stream starts: a bad filter is a 400, not a cut-off file.
    const filter = filterOf(c);
    audit(logger, c, 'export', c.get('supervisor').username, c.get('supervisor').agencyId);
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="humas-kanal-hub-${new Date().toISOString().slice(0, 10)}.csv"`);
    return stream(c, async (out) => {
      for await (const chunk of csvExport(db, c.get('supervisor'), filter)) await out.write(chunk);
    });
  });

  app.get('/assets/app.js', (c) => c.body(assets.script, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache' }));
  app.get('/assets/app.css', (c) => c.body(assets.style, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'no-cache' }));
  app.get('/favicon.ico', (c) => c.body(null, 204));
  for (const path of ['/', '/login', '/desk']) app.get(path, (c) => c.html(pageHtml(c.req.header('Accept-Language'))));
  // Stops the signature-checking threads.
  return Object.assign(app, { close: ingest.close });
}
