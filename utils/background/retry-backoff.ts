// One backoff for every retried network job (report uploads, image downloads, the one-minute check):
// exponential, with jitter so a thousand offices that lost the same server do not come back in step.
// The state is plain data: its owner persists it (meta table, media row), so a restarted worker
// keeps waiting instead of hammering a server that is down.

export interface RetryState {
  /** Attempts that failed in a row. */
  failures: number;
  /** No attempt before this time (epoch ms). */
  notBefore?: number;
}

export interface RetryPolicy {
  /** Wait after the first failure (before jitter). */
  baseMs: number;
  /** The wait never grows beyond this. */
  maxMs: number;
}

/** The wait after `failures` failures in a row: base·2^(failures−1) times 0.5–1.5, never above the cap. */
export function retryDelayMs(failures: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const backoff = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, failures - 1));
  return Math.min(policy.maxMs, Math.round(backoff * (0.5 + random())));
}

export function isDue(state: RetryState | undefined, now: number): boolean {
  return !state?.notBefore || now >= state.notBefore;
}

/** The state after one more failure. */
export function afterFailure(state: RetryState | undefined, policy: RetryPolicy, now: number, random: () => number = Math.random): RetryState {
  const failures = (state?.failures ?? 0) + 1;
  return { failures, notBefore: now + retryDelayMs(failures, policy, random) };
}
