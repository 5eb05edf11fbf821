// Drift reports on the hub (POST /v1/site-problems, docs/feed-extensions.md "Drift reports"): an
// enrolled install signs each report with its key; the hub checks the signature, stores each report
// once, and shows supervisors per network and step how many officers hit it since when, on which
// extension version, and an hourly count for the last 24 hours.
import { createHash, verify } from 'node:crypto';
import { z } from 'zod';
import type { Supervisor } from './accounts';
import type { HubDatabase, Queryable } from './database';
import { activeInstall } from './installs';
import { rawEd25519, type Answer } from './report-rules';
import { isNetwork } from '../utils/shared/networks';
import { SITE_PROBLEM_LIMITS, SITE_PROBLEM_STEPS, siteProblemBytes, type SiteProblem } from '../utils/shared/site-problem';

/** Reports older than this are not taken (a replay, or an outbox that waited a week: no longer news). */
const MAX_AGE_MS = 7 * 24 * 3_600_000;
/** Nor dated ahead of the hub's clock by more than this. */
const MAX_FUTURE_MS = 10 * 60_000;
const DAY_MS = 24 * 3_600_000;

const problemSchema = z.object({
  id: z.string().regex(/^[0-9a-f-]{36}$/i),
  installId: z.string().min(1).max(100),
  network: z.string().refine(isNetwork),
  step: z.enum(SITE_PROBLEM_STEPS),
  version: z.string().min(1).max(SITE_PROBLEM_LIMITS.version),
  path: z.string().max(SITE_PROBLEM_LIMITS.path).regex(/^\/[^?#]*$/),
  browser: z.string().max(SITE_PROBLEM_LIMITS.browser),
  uiLanguage: z.string().max(SITE_PROBLEM_LIMITS.uiLanguage),
  at: z.string().datetime({ offset: true }),
  signature: z.string().max(200),
});

const uploadSchema = z.object({ installId: z.string().min(1).max(100), problems: z.array(z.unknown()).min(1).max(SITE_PROBLEM_LIMITS.perUpload) });

type Reason = 'format' | 'signature' | 'time' | 'install';

/** POST /v1/site-problems: 200 all stored (or already held), 422 some refused with their reason, 401 unknown install, 403 pending or revoked. */
export async function receiveSiteProblems(db: HubDatabase, body: unknown, userAgent: string | undefined, now = Date.now()): Promise<Answer> {
  const upload = uploadSchema.safeParse(body);
  if (!upload.success) {
    return typeof (body as { installId?: unknown })?.installId === 'string'
      ? { status: 400, body: { error: 'laporan tidak valid / invalid reports' } }
      : { status: 401, body: { error: 'install belum terdaftar / install not enrolled' } };
  }
  const { installId } = upload.data;
  const install = await activeInstall(db, installId, userAgent);
  if ('refusal' in install) return install.refusal;
  const { who } = install;
  const key = rawEd25519(who.publicKey);
  const rejected: { id: string; reason: Reason }[] = [];
  const valid: SiteProblem[] = [];
  for (const raw of upload.data.problems) {
    const parsed = problemSchema.safeParse(raw);
    const id = String((raw as { id?: unknown })?.id ?? '').slice(0, 64);
    if (!parsed.success) {
      rejected.push({ id, reason: 'format' });
      continue;
    }
    const { signature, ...problem } = parsed.data;
    if (problem.installId !== installId) {
      rejected.push({ id, reason: 'install' });
      continue;
    }
    const hash = createHash('sha256').update(siteProblemBytes(problem as SiteProblem)).digest('hex');
    let signed = false;
    try {
      signed = verify(null, Buffer.from(hash), key, Buffer.from(signature, 'base64'));
    } catch {
      signed = false;
    }
    if (!signed) {
      rejected.push({ id, reason: 'signature' });
      continue;
    }
    const at = Date.parse(problem.at);
    if (at < now - MAX_AGE_MS || at > now + MAX_FUTURE_MS) {
      rejected.push({ id, reason: 'time' });
      continue;
    }
    valid.push(problem as SiteProblem);
  }
  const stored = valid.length
    ? await db.query<{ id: string }>(
        // One per install, network, step and version per hour (migration 015): more from the same install are duplicates.
        `INSERT INTO site_problems (id, install_id, agency_id, officer_name, network, step, version, path, browser, ui_language, reported_at, reported_hour)
         SELECT r.id, $1, $2, $3, r.network, r.step, r.version, r.path, r.browser, r."uiLanguage", r.at, r.hour
         FROM jsonb_to_recordset($4::jsonb) AS r(id text, network text, step text, version text, path text, browser text, "uiLanguage" text, at timestamptz, hour bigint)
         ON CONFLICT DO NOTHING RETURNING id`,
        [installId, who.agencyId, who.officerName, JSON.stringify(valid.map((p) => ({ ...p, hour: Math.floor(Date.parse(p.at) / 3_600_000) })))],
      )
    : [];
  const counts = { accepted: stored.length, duplicates: valid.length - stored.length };
  return rejected.length ? { status: 422, body: { ...counts, rejected } } : { status: 200, body: counts };
}

export interface SiteProblemLine {
  network: string;
  step: string;
  /** Distinct officers (agency and enrolled name) who reported it in the last 24 hours. */
  officers: number;
  reports: number;
  /** The first report in the last 24 hours (ISO). */
  since: string;
  /** The newest report's extension version. */
  version: string;
}

export interface SiteProblemSummary {
  lines: SiteProblemLine[];
  /** Reports per network and hour (the hour's start, ISO), last 24 hours, oldest first. */
  hourly: { network: string; hour: string; count: number }[];
}

/** The last 24 hours of drift reports in the supervisor's scope (national: every agency). */
export async function siteProblemSummary(db: Queryable, supervisor: Supervisor, now = Date.now()): Promise<SiteProblemSummary> {
  const from = new Date(now - DAY_MS).toISOString();
  const scope = supervisor.role === 'national' ? '' : 'AND agency_id = $2';
  const params = supervisor.role === 'national' ? [from] : [from, supervisor.agencyId ?? ''];
  const lines = await db.query<{ network: string; step: string; officers: number; reports: number; since: Date | string; version: string }>(
    `SELECT network, step, count(DISTINCT agency_id || '/' || officer_name)::int AS officers, count(*)::int AS reports,
       min(reported_at) AS since, (array_agg(version ORDER BY reported_at DESC))[1] AS version
     FROM site_problems WHERE reported_at >= $1 ${scope} GROUP BY network, step ORDER BY officers DESC, network, step`,
    params,
  );
  const hourly = await db.query<{ network: string; hour: Date | string; count: number }>(
    `SELECT network, date_trunc('hour', reported_at) AS hour, count(*)::int AS count
     FROM site_problems WHERE reported_at >= $1 ${scope} GROUP BY network, date_trunc('hour', reported_at) ORDER BY hour, network`,
    params,
  );
  const iso = (value: Date | string) => new Date(value).toISOString();
  return {
    lines: lines.map((l) => ({ ...l, since: iso(l.since) })),
    hourly: hourly.map((h) => ({ ...h, hour: iso(h.hour) })),
  };
}
