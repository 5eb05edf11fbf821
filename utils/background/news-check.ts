// The one-minute check for news: a conditional request for the library feed every minute (the
// browser sends If-None-Match; a static host answers 304 with a few hundred bytes), which is a full
// sync only when the library changed. It honours the feed's Cache-Control max-age, and backs off
// with jitter while the library cannot be reached, so a thousand offices do not knock in step.
import { afterFailure, isDue, type RetryState } from './retry-backoff';

export const NEWS_CHECK_MINUTES = 1;
const BACKOFF = { baseMs: NEWS_CHECK_MINUTES * 60_000, maxMs: 30 * 60_000 };
/** A max-age longer than this still gets checked this often: urgent content must not wait hours. */
const MAX_FRESH_MS = 15 * 60_000;

/** No check before `notBefore`: max-age, or backoff after failures. */
export type NewsCheckState = RetryState;

export const shouldCheck = isDue;

/** The state after a check: succeeded (with the feed's max-age, if any) or failed. */
export function afterCheck(state: NewsCheckState | undefined, outcome: { ok: boolean; maxAgeSeconds?: number }, now: number, random = Math.random): NewsCheckState {
  if (outcome.ok) {
    const fresh = Math.min(MAX_FRESH_MS, (outcome.maxAgeSeconds ?? 0) * 1000);
    // A max-age under a minute changes nothing: the alarm does not come sooner.
    return { failures: 0, ...(fresh >= NEWS_CHECK_MINUTES * 60_000 ? { notBefore: now + fresh } : {}) };
  }
  return afterFailure(state, BACKOFF, now, random);
}

/** `max-age` of a Cache-Control header, in seconds. */
export function maxAgeSeconds(cacheControl: string | null): number | undefined {
  const match = cacheControl?.match(/(?:^|,)\s*max-age\s*=\s*(\d+)/i);
  return match ? Number(match[1]) : undefined;
}
