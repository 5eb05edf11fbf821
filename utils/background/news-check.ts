// The one-minute check for news: a conditional request for the library feed every minute (the
// browser sends If-None-Match; a static host answers 304 with a few hundred bytes), which is a full
// sync only when the library changed. It honours the feed's Cache-Control max-age, and backs off
// with jitter while the library cannot be reached, so a thousand offices do not knock in step.
export const NEWS_CHECK_MINUTES = 1;
const MAX_BACKOFF_MS = 30 * 60_000;
/** A max-age longer than this still gets checked this often: urgent content must not wait hours. */
const MAX_FRESH_MS = 15 * 60_000;

export interface NewsCheckState {
  /** No check before this time (epoch ms): max-age, or backoff after failures. */
  notBefore?: number;
  /** Checks that failed in a row. */
  failures: number;
}

export function shouldCheck(state: NewsCheckState | undefined, now: number): boolean {
  return !state?.notBefore || now >= state.notBefore;
}

/** The state after a check: succeeded (with the feed's max-age, if any) or failed. */
export function afterCheck(state: NewsCheckState | undefined, outcome: { ok: boolean; maxAgeSeconds?: number }, now: number, random = Math.random): NewsCheckState {
  if (outcome.ok) {
    const fresh = Math.min(MAX_FRESH_MS, (outcome.maxAgeSeconds ?? 0) * 1000);
    // A max-age under a minute changes nothing: the alarm does not come sooner.
    return { failures: 0, ...(fresh >= NEWS_CHECK_MINUTES * 60_000 ? { notBefore: now + fresh } : {}) };
  }
  const failures = (state?.failures ?? 0) + 1;
  const backoff = Math.min(MAX_BACKOFF_MS, NEWS_CHECK_MINUTES * 60_000 * 2 ** (failures - 1));
  // Jitter: between half and one and a half times the backoff.
  return { failures, notBefore: now + Math.round(backoff * (0.5 + random())) };
}

/** `max-age` of a Cache-Control header, in seconds. */
export function maxAgeSeconds(cacheControl: string | null): number | undefined {
  const match = cacheControl?.match(/(?:^|,)\s*max-age\s*=\s*(\d+)/i);
  return match ? Number(match[1]) : undefined;
}
