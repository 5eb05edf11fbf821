// Drift reports (issue 33) on the extension's side: a compose page whose composer is not recognised,
// or an insertion that failed its verification, becomes a small signed event for the hub
// (POST ${reportUrl}/v1/site-problems, docs/feed-extensions.md "Drift reports").
//
// Not entries of the posting log's chain: the chain is the officer's own record of what was posted
// (shown in the dashboard, exported, at-least-once and never dropped), while a drift report is a
// signal about a site, dropped when the queue is full and sent at most once an hour per (network,
// step, version). They share what makes a report trustworthy — the install's enrolled key signs
// each one (the same Ed25519 signature of a hex sha256 as log entries) — and the outbox's backoff.
import { browser } from 'wxt/browser';
import { getMeta, setMeta, type HumasDb } from '../storage/db';
import { sha256Hex } from '../shared/crypto';
import { uiLocale } from '../shared/locale';
import { isNetwork } from '../shared/networks';
import { browserName, SITE_PROBLEM_LIMITS, SITE_PROBLEM_STEPS, siteProblemBytes, type SignedSiteProblem, type SiteProblem, type SiteProblemStep } from '../shared/site-problem';
import { installIdentity, type InstallIdentity } from './install-identity';
import { enroll, type UploadDeps } from './report-upload';
import { afterFailure, isDue, type RetryPolicy, type RetryState } from './retry-backoff';

const STATE_KEY = 'siteProblems';
const HOUR_MS = 3_600_000;
/** Reports waiting for the hub beyond this are dropped, oldest first (a signal, not a record). */
const MAX_QUEUED = 100;
export const SITE_PROBLEM_BACKOFF: RetryPolicy = { baseMs: 5_000, maxMs: 30 * 60_000 };

/** What the content script says: the rest (install, version, browser, language, time) the background adds. */
export interface SiteProblemReport {
  network: string;
  step: SiteProblemStep;
  path: string;
}

/** Who and where the report comes from, filled in by the background. */
export interface SiteProblemContext {
  installId: string;
  version: string;
  browser: string;
  uiLanguage: string;
  now: number;
}

interface SiteProblemState {
  queue: SiteProblem[];
  /** The hour (epoch ms / 1 h) each (network, step, version) was last queued in. */
  queuedIn: Record<string, number>;
  retry?: RetryState & { target: string; lastError?: string };
}

/** This install, this build, this browser, this language: what the background adds to a content script's report. */
export async function siteProblemContext(db: HumasDb, now: number): Promise<SiteProblemContext> {
  let version = '0';
  try {
    version = browser.runtime.getManifest().version;
  } catch {
    // Outside the extension (unit tests): no manifest.
  }
  return { installId: (await installIdentity(db)).installId, version, browser: browserName(globalThis.navigator?.userAgent ?? ''), uiLanguage: uiLocale(), now };
}

const readState = async (db: HumasDb): Promise<SiteProblemState> => ({ queue: [], queuedIn: {}, ...(await getMeta<SiteProblemState>(db, STATE_KEY)) });

/**
 * Queues one report unless the same (network, step, version) was queued in this hour already.
 * True when it was queued.
 */
export async function recordSiteProblem(db: HumasDb, report: SiteProblemReport, context: SiteProblemContext): Promise<boolean> {
  // A content script says only these: anything else is not a report.
  if (!isNetwork(report.network) || !(SITE_PROBLEM_STEPS as readonly string[]).includes(report.step)) return false;
  const hour = Math.floor(context.now / HOUR_MS);
  const key = `${report.network}\n${report.step}\n${context.version}`;
  return db.transaction('rw', db.meta, async () => {
    const state = await readState(db);
    if (state.queuedIn[key] === hour) return false;
    // Keys of past hours are of no use any more.
    const queuedIn = Object.fromEntries(Object.entries(state.queuedIn).filter(([, h]) => h === hour));
    queuedIn[key] = hour;
    const problem: SiteProblem = {
      id: crypto.randomUUID(),
      installId: context.installId,
      network: report.network,
      step: report.step,
      version: context.version.slice(0, SITE_PROBLEM_LIMITS.version),
      path: report.path.startsWith('/') ? report.path.split(/[?#]/)[0]!.slice(0, SITE_PROBLEM_LIMITS.path) : '/',
      browser: context.browser.slice(0, SITE_PROBLEM_LIMITS.browser),
      uiLanguage: context.uiLanguage.slice(0, SITE_PROBLEM_LIMITS.uiLanguage),
      at: new Date(context.now).toISOString(),
    };
    await setMeta(db, STATE_KEY, { ...state, queuedIn, queue: [...state.queue, problem].slice(-MAX_QUEUED) });
    return true;
  });
}

export async function signSiteProblem(identity: InstallIdentity, problem: SiteProblem): Promise<SignedSiteProblem> {
  return { ...problem, signature: await identity.sign(await sha256Hex(siteProblemBytes(problem))) };
}

export type SiteProblemUploadDeps = Pick<UploadDeps, 'db' | 'reportUrl' | 'identity' | 'enrollment' | 'fetch' | 'timeoutMs' | 'force'> & { now?: () => number };

export interface SiteProblemUploadResult {
  sent: number;
  pending: number;
  lastError?: string;
}

async function post(deps: SiteProblemUploadDeps, problems: SignedSiteProblem[]): Promise<Response> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), deps.timeoutMs ?? 30_000);
  try {
    return await (deps.fetch ?? fetch)(`${deps.reportUrl}/v1/site-problems`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ installId: deps.identity.installId, problems }),
      signal: controller.signal,
    });
  } finally {
    clearTimeout(timer);
  }
}

/** Takes the answered reports off the queue (others may have been queued meanwhile). */
async function settle(db: HumasDb, done: Set<string>): Promise<number> {
  return db.transaction('rw', db.meta, async () => {
    const state = await readState(db);
    const queue = state.queue.filter((p) => !done.has(p.id));
    await setMeta(db, STATE_KEY, { ...state, queue, retry: undefined });
    return queue.length;
  });
}

async function backOff(deps: SiteProblemUploadDeps, target: string, error: string): Promise<SiteProblemUploadResult> {
  const now = deps.now ?? Date.now;
  return deps.db.transaction('rw', deps.db.meta, async () => {
    const state = await readState(deps.db);
    const before = state.retry?.target === target ? state.retry : undefined;
    await setMeta(deps.db, STATE_KEY, { ...state, retry: { ...afterFailure(before, SITE_PROBLEM_BACKOFF, now()), target, lastError: error } });
    return { sent: 0, pending: state.queue.length, lastError: error };
  });
}

/**
 * Sends the queued reports (at most 50 at a time) from the enrolled install. Retried by the outbox's
 * backoff until the hub answers; a report the hub refuses for what it is (422) is not sent again.
 */
export async function uploadSiteProblems(deps: SiteProblemUploadDeps): Promise<SiteProblemUploadResult> {
  const now = deps.now ?? Date.now;
  const target = deps.reportUrl;
  const state = await readState(deps.db);
  if (state.queue.length === 0) return { sent: 0, pending: 0 };
  const retry = state.retry?.target === target ? state.retry : undefined;
  if (!deps.force && !isDue(retry, now())) return { sent: 0, pending: state.queue.length, lastError: retry?.lastError };
  const batch = state.queue.slice(0, SITE_PROBLEM_LIMITS.perUpload);
  const signed = await Promise.all(batch.map((p) => signSiteProblem(deps.identity, p)));
  const uploadDeps = { ...deps, now: undefined } as UploadDeps;
  for (let attempt = 0; ; attempt++) {
    const enrollError = await enroll(uploadDeps);
    if (enrollError) return backOff(deps, target, enrollError);
    let res: Response;
    try {
      res = await post(deps, signed);
    } catch (err) {
      return backOff(deps, target, String((err as Error)?.message ?? err));
    }
    // The hub forgot this install (or never knew it): enroll again, once.
    if (res.status === 401 && attempt === 0) {
      await deps.db.meta.delete(`enrolled:${deps.reportUrl}`);
      continue;
    }
    const reply = (await res.json().catch(() => undefined)) as { accepted?: unknown; rejected?: { id?: unknown }[] } | undefined;
    // 422: the refused reports are refused for what they are; sending them again changes nothing.
    if (res.ok || (res.status === 422 && Array.isArray(reply?.rejected))) {
      const pending = await settle(deps.db, new Set(batch.map((p) => p.id)));
      return { sent: typeof reply?.accepted === 'number' ? reply.accepted : batch.length, pending };
    }
    return backOff(deps, target, `HTTP ${res.status}`);
  }
}

/** The queue as it stands (tests, status). */
export async function queuedSiteProblems(db: HumasDb): Promise<SiteProblem[]> {
  return (await readState(db)).queue;
}
