// What the hub tells its operators: one JSON line per request and per audited action (pino, with a
// request id that is also the response's X-Request-Id), and counters for /metrics in Prometheus'
// text format. The few counters are written by hand: prom-client would add a dependency and a
// global registry for five numbers, and its default process metrics are not asked for.
import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { pino, type Logger } from 'pino';
import type { Answer, RejectReason } from './report-rules';

export type HubLogger = Logger;

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Default: JSON lines on stdout, from `HK_LOG_LEVEL` up (info unless set; `warn` leaves out the request lines). */
export const defaultLogger = (level = process.env.HK_LOG_LEVEL): HubLogger => {
  const logger = pino({ base: { service: 'humas-kanal-hub' }, level: level && LEVELS.includes(level) ? level : 'info' });
  if (level && !LEVELS.includes(level)) logger.warn({ HK_LOG_LEVEL: level }, `HK_LOG_LEVEL tidak dikenal / unknown HK_LOG_LEVEL; pakai / use ${LEVELS.join('|')}`);
  return logger;
};

export type AuditEvent = 'signin' | 'signin_failed' | 'enroll' | 'install_approved' | 'install_revoked' | 'export' | 'desk_publish' | 'desk_correction' | 'desk_withdraw';

/** A request id given by a proxy in front is kept when it looks like one; otherwise a new one. */
const GIVEN_ID = /^[\w.:-]{8,100}$/;

export const REFUSAL_REASONS: RejectReason[] = ['format', 'signature', 'hash', 'chain', 'officer', 'revoked', 'time'];

export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

export function createMetrics() {
  const requests = new Map<string, number>();
  const refusals = new Map<string, number>(REFUSAL_REASONS.map((r) => [r, 0]));
  let entries = 0;
  let batches = 0;
  return {
    request(route: string, method: string, status: number) {
      const key = `route="${route}",method="${method}",status="${status}"`;
      requests.set(key, (requests.get(key) ?? 0) + 1);
    },
    /** An answer to POST /v1/posts: a stored batch (200 or 422) and its refusals. */
    upload(answer: Answer) {
      if (answer.status !== 200 && answer.status !== 422) return;
      batches++;
      entries += Number(answer.body.accepted ?? 0);
      for (const r of (answer.body.rejected ?? []) as { reason: string }[]) refusals.set(r.reason, (refusals.get(r.reason) ?? 0) + 1);
    },
    render(pool?: PoolStats): string {
      const lines = [
        '# HELP hk_hub_requests_total HTTP requests by route, method and status.',
        '# TYPE hk_hub_requests_total counter',
        ...[...requests].map(([labels, n]) => `hk_hub_requests_total{${labels}} ${n}`),
        '# HELP hk_hub_entries_ingested_total Log entries stored from uploads (duplicates not counted).',
        '# TYPE hk_hub_entries_ingested_total counter',
        `hk_hub_entries_ingested_total ${entries}`,
        '# HELP hk_hub_batches_total Uploads checked and stored (answered 200 or 422).',
        '# TYPE hk_hub_batches_total counter',
        `hk_hub_batches_total ${batches}`,
        '# HELP hk_hub_refusals_total Entries refused, by reason.',
        '# TYPE hk_hub_refusals_total counter',
        ...[...refusals].map(([reason, n]) => `hk_hub_refusals_total{reason="${reason}"} ${n}`),
      ];
      if (pool) {
        for (const [name, help] of [['total', 'Connections open'], ['idle', 'Connections idle'], ['waiting', 'Queries waiting for a connection']] as const) {
          lines.push(`# HELP hk_hub_db_pool_${name} ${help} (PostgreSQL pool).`, `# TYPE hk_hub_db_pool_${name} gauge`, `hk_hub_db_pool_${name} ${pool[name]}`);
        }
      }
      return `${lines.join('\n')}\n`;
    },
  };
}

export type HubMetrics = ReturnType<typeof createMetrics>;

type OpsEnv = { Variables: { requestId: string } };

/** The route a request matched (its pattern, not its path: few label values); `other` when none did. */
function routeOf(c: Context): string {
  const route = routePath(c);
  return !route || route.endsWith('*') ? 'other' : route;
}

/** Request id, X-Request-Id, one log line and one count per request. */
export function requestLog(logger: HubLogger, metrics: HubMetrics): MiddlewareHandler<OpsEnv> {
  return async (c, next) => {
    const given = c.req.header('X-Request-Id');
    const requestId = given && GIVEN_ID.test(given) ? given : randomUUID();
    c.set('requestId', requestId);
    const started = performance.now();
    await next();
    c.res.headers.set('X-Request-Id', requestId);
    const status = c.res.status;
    metrics.request(routeOf(c), c.req.method, status);
    logger.info({ requestId, method: c.req.method, path: c.req.path, status, ms: Math.round((performance.now() - started) * 10) / 10 }, 'request');
  };
}

/** An audited action: who (a supervisor's username or an installId), which agency, which request. Never secrets or content. */
export function audit(logger: HubLogger, c: Context, event: AuditEvent, who: string, agency: string | null | undefined, extra: Record<string, string> = {}): void {
  logger.info({ audit: event, who, agency: agency ?? null, requestId: c.get('requestId') as string, ...extra }, event);
}

const sameText = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;

/**
 * Who may read /metrics: with a token (HK_METRICS_TOKEN), whoever sends it as a bearer token;
 * without one, only a direct connection from this machine (loopback, and no X-Forwarded-For: a
 * reverse proxy on the same machine forwards outsiders).
 */
export function metricsAllowed(token: string | undefined, authorization: string | undefined, socket: string | undefined, forwarded: string | undefined): boolean {
  if (token) return !!authorization && sameText(authorization, `Bearer ${token}`);
  return !!socket && LOOPBACK.test(socket) && !forwarded;
}
