// Report upload: the outbox in Dexie, batched POST ${reportUrl}/v1/posts from an enrolled install
// (feed spec v1.1), backoff, retried until the server acknowledges. At-least-once; the server
// treats a repeated id as already accepted.
import { i18n } from '#i18n';
import { getMeta, setMeta, type HumasDb, type LogDismissal, type LogEntry, type LogUpdate, type StoredLogRow } from '../storage/db';
import type { InstallIdentity } from './install-identity';

export const BATCH_SIZE = 1000;
/** Waits up to this long inside the worker; longer backoffs are left to the periodic alarm. */
const MAX_IN_WORKER_WAIT_MS = 20_000;
const BASE_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 15 * 60_000;

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

export function backoffMs(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** Math.max(0, attempts - 1));
}

type PostAnswer = { ok: true; rejected: { id: string; reason: string }[]; hub: boolean } | { ok: false; error: string; unenrolled?: boolean };

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

/** Enrolls this install's public key with the report server once (again after a 401). */
async function enroll(deps: UploadDeps): Promise<string | undefined> {
  if ((await getMeta<string>(deps.db, enrolledKey(deps.reportUrl))) === deps.identity.installId) return undefined;
  const { reportToken, ...who } = deps.enrollment;
  try {
    const res = await request(deps, '/v1/installs', { installId: deps.identity.installId, publicKey: deps.identity.publicKey, ...who }, reportToken ? { Authorization: `Bearer ${reportToken}` } : {});
    if (res.status === 401) return i18n.t('errors.reportToken');
    if (res.status === 409) return i18n.t('errors.reportKeyConflict');
    if (!res.ok) return `HTTP ${res.status}`;
    await setMeta(deps.db, enrolledKey(deps.reportUrl), deps.identity.installId);
    return undefined;
  } catch (err) {
    return String((err as Error)?.message ?? err);
  }
}

async function postBatch(deps: UploadDeps, entries: ReportedEntry[]): Promise<PostAnswer> {
  try {
    const res = await request(deps, '/v1/posts', { installId: deps.identity.installId, entries });
    if (res.status === 401) return { ok: false, error: 'HTTP 401', unenrolled: true };
    const reply = (await res.json().catch(() => undefined)) as { accepted?: unknown; rejected?: { id: string; reason: string }[]; hub?: unknown } | undefined;
    const hub = reply?.hub === true;
    if (res.status === 422 && Array.isArray(reply?.rejected)) return { ok: true, rejected: reply.rejected, hub };
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

/** Sends every due outbox entry, batch by batch, until the outbox is empty or the server keeps failing. */
export async function uploadOutbox(deps: UploadDeps): Promise<UploadResult> {
  const { db } = deps;
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? ((ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let sent = 0;
  let refused = 0;
  let lastError: string | undefined;
  let reenrolled = false;
  outer: for (;;) {
    const dueRows = await db.outbox.where('nextAttemptAt').belowOrEqual(now()).toArray();
    if (dueRows.length === 0) break;
    const enrollError = await enroll(deps);
    if (enrollError) {
      lastError = enrollError;
      break;
    }
    // Read once, in chain order: the server checks each entry's link to the one before it.
    const rows = (await db.log.where('id').anyOf(dueRows.map((row) => row.id)).sortBy('seq')) as StoredLogRow[];
    const logged = new Set(rows.map((row) => row.id));
    // Outbox rows whose entry is not in the log (cannot happen by design) would otherwise wait forever.
    const orphans = dueRows.filter((row) => !logged.has(row.id)).map((row) => row.id);
    if (orphans.length) await db.outbox.bulkDelete(orphans);
    const outboxById = new Map(dueRows.map((row) => [row.id, row]));
    for (let start = 0; start < rows.length; start += BATCH_SIZE) {
      const batch = rows.slice(start, start + BATCH_SIZE);
      const answer = await postBatch(deps, await signed(deps, batch));
      if (answer.ok) {
        // Acknowledged (refusals are final answers too): only now do the entries leave the outbox.
        await db.outbox.bulkDelete(batch.map((row) => row.id));
        await setMeta(db, 'lastReport', { at: new Date(now()).toISOString(), reportUrl: deps.reportUrl, hub: answer.hub } satisfies LastReport);
        if (answer.rejected.length) {
          refused += answer.rejected.length;
          const earlier = (await getMeta<{ id: string; reason: string }[]>(db, 'reportRefused')) ?? [];
          await setMeta(db, 'reportRefused', [...earlier, ...answer.rejected].slice(-1000));
          lastError = i18n.t('errors.reportRefused', [String(answer.rejected.length)]);
        } else lastError = undefined;
        sent += batch.length - answer.rejected.length;
        continue;
      }
      lastError = answer.error;
      if (answer.unenrolled && !reenrolled) {
        // The server forgot this install (or never knew it): enroll again and retry at once.
        reenrolled = true;
        await db.meta.delete(enrolledKey(deps.reportUrl));
        continue outer;
      }
      const due = batch.map((row) => outboxById.get(row.id)!);
      const attempts = Math.max(...due.map((row) => row.attempts)) + 1;
      const wait = backoffMs(attempts);
      await db.outbox.bulkPut(due.map((row) => ({ ...row, attempts, nextAttemptAt: now() + wait })));
      if (wait > MAX_IN_WORKER_WAIT_MS) break outer;
      await sleep(wait);
      continue outer;
    }
  }
  return { sent, pending: await db.outbox.count(), refused, lastError };
}
