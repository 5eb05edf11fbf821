// Officers' hoax reports and content suggestions for the desk's inbox (docs/editorial-desk.md "The
// inbox"): written in the popup, kept here until the hub has them (nothing is lost while the hub is
// down: each waits under its own key, retried with the outbox's backoff, at every upload run), and
// sent signed by the enrolled install, as its log entries are.
import { i18n } from '#i18n';
import { getMeta, setMeta, type HumasDb } from '../storage/db';
import { bytesToBase64, sha256Hex } from '../shared/crypto';
import { storableText } from '../shared/storable-text';
import { SCREENSHOT_MIMES, SUGGESTION_KINDS, SUGGESTION_LIMITS, suggestionBytes, type Suggestion, type SuggestionKind, type SuggestionUpload } from '../shared/suggestion';
import { installIdentity } from './install-identity';
import { enroll, type UploadDeps } from './report-upload';
import { afterFailure, isDue, type RetryPolicy, type RetryState } from './retry-backoff';

const PREFIX = 'suggestion:';
const RETRY_KEY = 'suggestionRetry';
export const SUGGESTION_BACKOFF: RetryPolicy = { baseMs: 5_000, maxMs: 15 * 60_000 };

/** A report waiting for the hub: the suggestion and its screenshot's bytes (base64). */
interface QueuedSuggestion {
  suggestion: Suggestion;
  screenshot?: string;
}

export interface NewSuggestion {
  kind: SuggestionKind;
  text: string;
  link?: string;
  screenshot?: { mime: string; blob: Blob };
}

/** Checks and queues the officer's report; throws with the words to show when it cannot be sent as it is. */
export async function queueSuggestion(db: HumasDb, input: NewSuggestion, now: Date): Promise<Suggestion> {
  if (!(SUGGESTION_KINDS as readonly string[]).includes(input.kind)) throw new Error(i18n.t('suggest.errors.kind'));
  const text = storableText(String(input.text ?? '').trim(), SUGGESTION_LIMITS.text);
  if (!text) throw new Error(i18n.t('suggest.errors.text'));
  const link = String(input.link ?? '').trim();
  if (link && (!/^https?:\/\/\S+$/.test(link) || link.length > SUGGESTION_LIMITS.link)) throw new Error(i18n.t('suggest.errors.link'));
  let screenshot: QueuedSuggestion['screenshot'];
  let described: Suggestion['screenshot'];
  if (input.screenshot) {
    const mime = input.screenshot.mime as (typeof SCREENSHOT_MIMES)[number];
    if (!SCREENSHOT_MIMES.includes(mime)) throw new Error(i18n.t('suggest.errors.screenshotType'));
    const bytes = new Uint8Array(await input.screenshot.blob.arrayBuffer());
    if (bytes.length === 0 || bytes.length > SUGGESTION_LIMITS.screenshotBytes) throw new Error(i18n.t('suggest.errors.screenshotSize'));
    screenshot = bytesToBase64(bytes);
    described = { mime, sha256: await sha256Hex(bytes), bytes: bytes.length };
  }
  const { installId } = await installIdentity(db);
  const suggestion: Suggestion = { id: crypto.randomUUID(), installId, kind: input.kind, text, ...(link ? { link } : {}), ...(described ? { screenshot: described } : {}), at: now.toISOString() };
  if ((await queuedSuggestions(db)).length >= SUGGESTION_LIMITS.queued) throw new Error(i18n.t('suggest.errors.full'));
  await setMeta(db, PREFIX + suggestion.id, { suggestion, ...(screenshot ? { screenshot } : {}) } satisfies QueuedSuggestion);
  return suggestion;
}

/** Reports still waiting for the hub, oldest first. */
export async function queuedSuggestions(db: HumasDb): Promise<Suggestion[]> {
  const rows = await db.meta.where('key').startsWith(PREFIX).toArray();
  return rows.map((r) => (r.value as QueuedSuggestion).suggestion).sort((a, b) => a.at.localeCompare(b.at));
}

export type SuggestionUploadDeps = Pick<UploadDeps, 'db' | 'reportUrl' | 'identity' | 'enrollment' | 'fetch' | 'timeoutMs' | 'force'> & { now?: () => number };

export interface SuggestionUploadResult {
  sent: number;
  pending: number;
  lastError?: string;
}

async function post(deps: SuggestionUploadDeps, body: SuggestionUpload): Promise<Response> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), deps.timeoutMs ?? 60_000);
  try {
    return await (deps.fetch ?? fetch)(`${deps.reportUrl}/v1/suggestions`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), signal: controller.signal });
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Sends the waiting reports one by one, oldest first. A report leaves the queue when the hub has it
 * (200) or refuses it for what it is (422); anything else (down, 5xx, not enrolled yet, waiting for
 * approval) keeps it and backs off.
 */
export async function uploadSuggestions(deps: SuggestionUploadDeps): Promise<SuggestionUploadResult> {
  const now = deps.now ?? Date.now;
  const waiting = await deps.db.meta.where('key').startsWith(PREFIX).toArray();
  if (waiting.length === 0) return { sent: 0, pending: 0 };
  const retry = await getMeta<RetryState & { lastError?: string }>(deps.db, RETRY_KEY);
  if (!deps.force && !isDue(retry, now())) return { sent: 0, pending: waiting.length, lastError: retry?.lastError };
  const fail = async (error: string, sent: number) => {
    await setMeta(deps.db, RETRY_KEY, { ...afterFailure(retry, SUGGESTION_BACKOFF, now()), lastError: error });
    return { sent, pending: waiting.length - sent, lastError: error };
  };
  const queued = waiting.map((r) => r.value as QueuedSuggestion).sort((a, b) => a.suggestion.at.localeCompare(b.suggestion.at));
  let sent = 0;
  for (const { suggestion, screenshot } of queued) {
    const signature = await deps.identity.sign(await sha256Hex(suggestionBytes(suggestion)));
    for (let attempt = 0; ; attempt++) {
      const enrollError = await enroll(deps as UploadDeps);
      if (enrollError) return fail(enrollError, sent);
      let res: Response;
      try {
        res = await post(deps, { installId: deps.identity.installId, suggestion: { ...suggestion, signature }, ...(screenshot ? { screenshot } : {}) });
      } catch (err) {
        return fail(String((err as Error)?.message ?? err), sent);
      }
      // The hub forgot this install: enroll again, once.
      if (res.status === 401 && attempt === 0) {
        await deps.db.meta.delete(`enrolled:${deps.reportUrl}`);
        continue;
      }
      if (!res.ok && res.status !== 422) return fail(`HTTP ${res.status}`, sent);
      break;
    }
    await deps.db.meta.delete(PREFIX + suggestion.id);
    sent++;
  }
  await deps.db.meta.delete(RETRY_KEY);
  return { sent, pending: 0 };
}

