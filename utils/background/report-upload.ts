// Report upload: the outbox in Dexie, batched POST ${reportUrl}/v1/posts, backoff, retried until
// the server acknowledges. At-least-once; the server treats a repeated id as already accepted.
import { i18n } from '#i18n';
import type { HumasDb, LogEntry, LogUpdate, StoredLogRow } from '../storage/db';

export const BATCH_SIZE = 1000;
/** Waits up to this long inside the worker; longer backoffs are left to the periodic alarm. */
const MAX_IN_WORKER_WAIT_MS = 20_000;
const BASE_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 15 * 60_000;

export interface UploadDeps {
  db: HumasDb;
  reportUrl: string;
  fetch?: typeof fetch;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  timeoutMs?: number;
}

export interface UploadResult {
  sent: number;
  pending: number;
  lastError?: string;
}

/** Only the entry's own fields travel; local bookkeeping (seq, chain, latest) stays home. */
export function reportEntry({ seq: _seq, chain: _chain, latest: _latest, ...entry }: StoredLogRow): LogEntry | LogUpdate {
  return entry;
}

export function backoffMs(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** Math.max(0, attempts - 1));
}

async function postBatch(deps: UploadDeps, entries: (LogEntry | LogUpdate)[]): Promise<string | undefined> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), deps.timeoutMs ?? 30_000);
  try {
    const res = await (deps.fetch ?? fetch)(`${deps.reportUrl}/v1/posts`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ entries }),
      signal: controller.signal,
    });
    if (!res.ok) return `HTTP ${res.status}`;
    const reply = (await res.json().catch(() => undefined)) as { accepted?: unknown } | undefined;
    return typeof reply?.accepted === 'number' ? undefined : i18n.t('errors.badReportReply');
  } catch (err) {
    return String((err as Error)?.message ?? err);
  } finally {
    clearTimeout(timer);
  }
}

/** Sends every due outbox entry, batch by batch, until the outbox is empty or the server keeps failing. */
export async function uploadOutbox(deps: UploadDeps): Promise<UploadResult> {
  const { db } = deps;
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? ((ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let sent = 0;
  let lastError: string | undefined;
  for (;;) {
    const due = await db.outbox.where('nextAttemptAt').belowOrEqual(now()).limit(BATCH_SIZE).toArray();
    if (due.length === 0) break;
    const entries = (await db.log.where('id').anyOf(due.map((row) => row.id)).toArray()).map(reportEntry);
    const error = entries.length ? await postBatch(deps, entries) : undefined;
    if (!error) {
      // Acknowledged: only now do the entries leave the outbox.
      await db.outbox.bulkDelete(due.map((row) => row.id));
      sent += entries.length;
      lastError = undefined;
      continue;
    }
    lastError = error;
    const attempts = Math.max(...due.map((row) => row.attempts)) + 1;
    const wait = backoffMs(attempts);
    await db.outbox.bulkPut(due.map((row) => ({ ...row, attempts, nextAttemptAt: now() + wait })));
    if (wait > MAX_IN_WORKER_WAIT_MS) break;
    await sleep(wait);
  }
  return { sent, pending: await db.outbox.count(), lastError };
}
