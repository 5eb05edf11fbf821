// Report upload (feed spec v1.1/v1.2): this install's chain goes to POST ${reportUrl}/v1/posts as
// a prefix, oldest first, in batches from an enrolled install, retried until the server
// acknowledges. At-least-once; the server treats a repeated id as already accepted. The log is the
// source (report-cursor.ts): a `chain` refusal is a resync from the server's `lastHash`, a refusal
// for content is final for that entry only and never stops the entries after it.
import { i18n } from '#i18n';
import { getMeta, setMeta, type HumasDb, type LogDismissal, type LogEntry, type LogUpdate, type StoredLogRow } from '../storage/db';
import type { InstallIdentity } from './install-identity';
import { GENESIS_HASH, LOCAL_CHAIN } from './posting-log';
import { advanceCursor, entriesAfter, reportCursor, rewindCursor, seqOfHash } from './report-cursor';
import { afterFailure, isDue, type RetryState } from './retry-backoff';
import { ENTRY_LIMITS } from '../shared/log-entry-schema';
import { storableText } from '../shared/storable-text';

export const BATCH_SIZE = 1000;
/** A batch's JSON stays under this (the hub takes 16 MB per upload; 1,000 long Facebook captions would not fit). */
const BATCH_BYTES = 4 * 1024 * 1024;
/** Waits up to this long inside the worker; longer backoffs are left to the one-minute alarm. */
const MAX_IN_WORKER_WAIT_MS = 20_000;
/** One backoff for the whole outbox (persisted: a restarted worker keeps waiting). */
export const REPORT_BACKOFF = { baseMs: 1_000, maxMs: 10 * 60_000 };
/** Resyncs one upload may do: more means the server holds a chain this log does not have. */
const MAX_RESYNCS = 2;
const RETRY_KEY = 'reportRetry';

/** The outbox's backoff, for the address and token it applies to (new settings try at once), with its error. */
type ReportRetry = RetryState & { target: string; lastError?: string };

/** An entry the server refused for its content, kept in the log and shown with its reason. */
export interface ReportRefusal {
  id: string;
  reason: string;
}

export interface UploadDeps {
  db: HumasDb;
  reportUrl: string;
  identity: InstallIdentity;
  /** Who enrolls: the officer's name, agency and region from settings or policy. */
  enrollment: { officerName: string; agency: string; region: string; reportToken?: string };
  fetch?: typeof fetch;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  timeoutMs?: number;
  /** The officer asked ("Kirim sekarang"): try now, whatever the backoff says. */
  force?: boolean;
}

export interface UploadResult {
  sent: number;
  pending: number;
  /** Entries the server refused for good (bad signature, wrong hash, chain break), kept in the log. */
  refused: number;
  lastError?: string;
}

/** Only the entry's own fields travel; local bookkeeping (seq, chain, latest) stays home. */
type ReportedEntry = LogEntry | LogUpdate | LogDismissal;

export function reportEntry({ seq: _seq, chain: _chain, latest: _latest, ...entry }: StoredLogRow): ReportedEntry {
  return entry;
}

type PostAnswer =
  | { ok: true; rejected: ReportRefusal[]; lastHash?: string; hub: boolean }
  | { ok: false; error: string; unenrolled?: boolean; awaitingApproval?: boolean; tooLarge?: boolean };

/** The last batch a report server acknowledged: when, where, and whether that server is a supervisor hub (hub/). */
export interface LastReport {
  at: string;
  reportUrl: string;
  hub: boolean;
}

async function request(deps: UploadDeps, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), deps.timeoutMs ?? 30_000);
  try {
    return await (deps.fetch ?? fetch)(`${deps.reportUrl}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(body),
      signal: controller.signal,
    });
  } finally {
    clearTimeout(timer);
  }
}

const enrolledKey = (reportUrl: string) => `enrolled:${reportUrl}`;

/** Names this install's own entries carry other than the current one, oldest first (the officer renamed). */
async function formerNames(db: HumasDb, current: string): Promise<string[]> {
  const names = new Set<string>();
  await db.log.where('chain').equals(LOCAL_CHAIN).each((row) => {
    const name = (row as { officerName?: unknown }).officerName;
    if (typeof name === 'string' && name && name !== current) names.add(name);
  });
  return [...names];
}

/**
 * Enrolls this install's public key with the report server once, again after a 401, after an
 * `officer` refusal and when the officer's name changed (the server takes the name from the
 * enrollment, not from the entries). A server that never saw this install first hears the names
 * its older entries carry, in order, so the whole chain matches (a renamed officer, a new hub).
 */
export async function enroll(deps: UploadDeps): Promise<string | undefined> {
  const { reportToken, officerName, agency, region } = deps.enrollment;
  const current = storableText(officerName, ENTRY_LIMITS.officerName);
  const enrolledAs = `${deps.identity.installId}\n${current}`;
  const marker = await getMeta<string>(deps.db, enrolledKey(deps.reportUrl));
  if (marker === enrolledAs) return undefined;
  const names = marker === undefined ? [...(await formerNames(deps.db, current)), current] : [current];
  const headers: Record<string, string> = reportToken ? { Authorization: `Bearer ${reportToken}` } : {};
  try {
    for (const [i, name] of names.entries()) {
      // As the entries carry them (posting-log.ts): the server matches the entries' name to this one.
      const who = { officerName: name, agency: storableText(agency, ENTRY_LIMITS.agency), region: storableText(region, ENTRY_LIMITS.agency) };
      const res = await request(deps, '/v1/installs', { installId: deps.identity.installId, publicKey: deps.identity.publicKey, ...who }, headers);
      if (res.status === 401) return i18n.t('errors.reportToken');
      if (res.status === 409) return i18n.t('errors.reportKeyConflict');
      // An earlier name the server will not take (a one-time code is bound to one name): only the current one must pass.
      if (!res.ok && i < names.length - 1) continue;
      if (!res.ok) return `HTTP ${res.status}`;
    }
    await setMeta(deps.db, enrolledKey(deps.reportUrl), enrolledAs);
    return undefined;
  } catch (err) {
    return String((err as Error)?.message ?? err);
  }
}

async function postBatch(deps: UploadDeps, entries: ReportedEntry[]): Promise<PostAnswer> {
  try {
    const res = await request(deps, '/v1/posts', { installId: deps.identity.installId, entries });
    if (res.status === 401) return { ok: false, error: 'HTTP 401', unenrolled: true };
    if (res.status === 413) return { ok: false, error: 'HTTP 413', tooLarge: true };
    const reply = (await res.json().catch(() => undefined)) as { accepted?: unknown; rejected?: ReportRefusal[]; lastHash?: unknown; hub?: unknown; pending?: unknown } | undefined;
    const hub = reply?.hub === true;
    // The agency approves new devices first: the entries wait here, nothing is lost.
    if (res.status === 403 && reply?.pending === true) return { ok: false, error: i18n.t('errors.reportAwaitingApproval'), awaitingApproval: true };
    if (res.status === 422 && Array.isArray(reply?.rejected)) {
      const lastHash = typeof reply.lastHash === 'string' && /^[0-9a-f]{64}$/.test(reply.lastHash) ? reply.lastHash : undefined;
      return { ok: true, rejected: reply.rejected.map((r) => ({ id: String(r?.id), reason: String(r?.reason).slice(0, 40) })), lastHash, hub };
    }
    if (!res.ok) return { ok: false, error: `HTTP ${res.status}` };
    return typeof reply?.accepted === 'number' ? { ok: true, rejected: [], hub } : { ok: false, error: i18n.t('errors.badReportReply') };
  } catch (err) {
    return { ok: false, error: String((err as Error)?.message ?? err) };
  }
}

/** Entries logged before this install had keys carry no signature: they are signed now, as they are. */
async function signed(deps: UploadDeps, rows: StoredLogRow[]): Promise<ReportedEntry[]> {
  return Promise.all(rows.map(async (row) => (row.signature ? reportEntry(row) : { ...reportEntry(row), signature: await deps.identity.sign(row.hash) })));
}

/** Records refusals for content (kept in the log, shown to the officer), once per entry. */
async function recordRefusals(db: HumasDb, refusals: ReportRefusal[]): Promise<void> {
  const earlier = (await getMeta<ReportRefusal[]>(db, 'reportRefused')) ?? [];
  const known = new Set(earlier.map((r) => r.id));
  await setMeta(db, 'reportRefused', [...earlier, ...refusals.filter((r) => !known.has(r.id))].slice(-1000));
}

/** A batch read from the log after `after` and signed, ready to send. */
interface Prepared {
  after: number;
  size: number;
  rows: StoredLogRow[];
  entries: ReportedEntry[];
}

async function prepare(deps: UploadDeps, after: number, size: number): Promise<Prepared> {
  const rows = fitting(await entriesAfter(deps.db, after, size));
  return { after, size, rows, entries: await signed(deps, rows) };
}

/** The batch's first rows whose JSON stays under BATCH_BYTES (at least one). */
function fitting(rows: StoredLogRow[]): StoredLogRow[] {
  let bytes = 0;
  const end = rows.findIndex((row) => (bytes += JSON.stringify(row).length) > BATCH_BYTES);
  return end < 0 ? rows : rows.slice(0, Math.max(1, end));
}

/** Own entries the server still lacks. */
async function pendingCount(db: HumasDb): Promise<number> {
  return db.outbox.count();
}

/**
 * Sends the chain from where the server stands, batch by batch, until it has everything or keeps
 * failing. While the outbox backs off, nothing is sent (the one-minute alarm comes back).
 */
export async function uploadOutbox(deps: UploadDeps): Promise<UploadResult> {
  const { db, reportUrl } = deps;
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? ((ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const target = `${reportUrl}\n${deps.enrollment.reportToken ?? ''}\n${deps.enrollment.officerName}`;
  const stored = await getMeta<ReportRetry>(db, RETRY_KEY);
  let retry = stored?.target === target ? stored : undefined;
  let cursor = await reportCursor(db, reportUrl);
  if (!deps.force && !isDue(retry, now())) return { sent: 0, pending: await pendingCount(db), refused: 0, lastError: retry?.lastError };
  let sent = 0;
  let refused = 0;
  let lastError: string | undefined;
  let reenrolled = false;
  let officerReenrolled = false;
  let resyncs = 0;
  let batchSize = BATCH_SIZE;
  /** Backs off; true when the wait was short enough to spend here and the upload goes on. */
  const fail = async (error: string, waitHere = true): Promise<boolean> => {
    lastError = error;
    retry = { ...afterFailure(retry, REPORT_BACKOFF, now()), target, lastError: error };
    await setMeta(db, RETRY_KEY, retry);
    const wait = retry.notBefore! - now();
    if (!waitHere || wait > MAX_IN_WORKER_WAIT_MS) return false;
    await sleep(wait);
    return true;
  };
  // The next batch is read and signed while this one is on the wire, so signing adds to the upload
  // only for its first batch (bench: signing share). Used only if the loop goes on from where it
  // was read, with the same batch size; an empty one is read again (an entry logged meanwhile).
  let ahead: Promise<Prepared | undefined> | undefined;
  for (let first = true; ; first = false) {
    const early = await ahead;
    ahead = undefined;
    const batch = early && early.after === cursor && early.size === batchSize && early.rows.length ? early : await prepare(deps, cursor, batchSize);
    const rows = batch.rows;
    if (rows.length === 0) {
      // Nothing to send, yet enrolled all the same: the hub lists enrolled officers who have not
      // posted an urgent item, and a wrong token shows before the first post. enroll() remembers it.
      if (first && deps.enrollment.officerName.trim()) {
        const enrollError = await enroll(deps);
        if (enrollError) await fail(enrollError, false);
      }
      break;
    }
    const enrollError = await enroll(deps);
    if (enrollError) {
      // A refused token or key does not mend itself in seconds: the alarm tries again later.
      await fail(enrollError, false);
      break;
    }
    const sending = postBatch(deps, batch.entries);
    ahead = prepare(deps, rows.at(-1)!.seq!, batchSize).catch(() => undefined);
    const answer = await sending;
    if (!answer.ok) {
      if (answer.unenrolled && !reenrolled) {
        // The server forgot this install (or never knew it): enroll again and retry at once.
        reenrolled = true;
        await db.meta.delete(enrolledKey(reportUrl));
        continue;
      }
      // Too large for the server: smaller batches, at once (never a wait that cannot end).
      if (answer.tooLarge && batchSize > 1) {
        batchSize = Math.max(1, Math.floor(rows.length / 2));
        continue;
      }
      if (await fail(answer.error)) continue;
      break;
    }
    await setMeta(db, 'lastReport', { at: new Date(now()).toISOString(), reportUrl, hub: answer.hub } satisfies LastReport);
    if (retry) {
      retry = undefined;
      await db.meta.delete(RETRY_KEY);
    }
    if (!officerReenrolled && answer.rejected.some((r) => r.reason === 'officer')) {
      // The server does not know the name these entries carry (restored from before a rename): enroll
      // again with the names, then send them once more before their refusal counts.
      officerReenrolled = true;
      await db.meta.delete(enrolledKey(reportUrl));
      const first = rows.find((row) => answer.rejected.some((r) => r.id === row.id && r.reason === 'officer'))!;
      cursor = first.seq! - 1;
      await rewindCursor(db, reportUrl, cursor);
      continue;
    }
    const forContent = answer.rejected.filter((r) => r.reason !== 'chain');
    if (forContent.length) {
      // Final for those entries only: the server keeps their hashes, so the chain goes on past them.
      refused += forContent.length;
      await recordRefusals(db, forContent);
      lastError = i18n.t('errors.reportRefused', [String(forContent.length)]);
    } else lastError = undefined;
    if (answer.rejected.some((r) => r.reason === 'chain')) {
      // The server lacks part of the chain (an outage, a restored backup): send again from its last hash.
      // A hash this log does not have (a server of v1.1, a forged entry): the whole chain, once.
      const from = answer.lastHash === undefined ? 0 : ((await seqOfHash(db, answer.lastHash, [deps.identity.genesis, GENESIS_HASH])) ?? 0);
      if (++resyncs > MAX_RESYNCS) {
        if (await fail(i18n.t('errors.reportChainMismatch'))) continue;
        break;
      }
      cursor = from;
      await rewindCursor(db, reportUrl, cursor);
      continue;
    }
    sent += rows.length - forContent.length;
    cursor = rows.at(-1)!.seq!;
    await advanceCursor(db, reportUrl, rows);
  }
  return { sent, pending: await pendingCount(db), refused, lastError };
}
