// Sign-in throttling by delay, not lockout: after a few failures each further attempt waits a
// growing delay, and during it the hub answers 429 without checking the password. The right
// password is therefore only delayed, never locked out for a whole window. Each attempt is counted
// before the password is checked, under a row lock, so parallel guesses cannot all be checked.
import { isIP } from 'node:net';
import type { HubDatabase, Queryable } from './database';

export const THROTTLE = {
  /** Failures without a delay: an account from one address, and one address across accounts (higher: a whole office may share one NAT address). */
  free: { account: 5, address: 50 },
  firstDelayMs: 2_000,
  maxDelayMs: 15 * 60_000,
  /** Failures older than this are forgotten and their rows deleted. */
  memoryMs: 24 * 3600_000,
};

/** How long after the last attempt the next one may be checked, given the failures so far. */
export function delayAfter(failures: number, free: number): number {
  return failures < free ? 0 : Math.min(THROTTLE.maxDelayMs, THROTTLE.firstDelayMs * 2 ** (failures - free));
}

/** IPv6 clients usually hold a whole /64, so it counts as one address. */
function addressKey(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head = '', tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.toLowerCase().replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

export interface ThrottleKey {
  key: string;
  free: number;
}

export function throttleKeys(username: string, address: string): ThrottleKey[] {
  const from = addressKey(address);
  return [
    { key: `account:${username.toLowerCase()}|address:${from}`, free: THROTTLE.free.account },
    { key: `address:${from}`, free: THROTTLE.free.address },
  ];
}

class Throttled extends Error {
  constructor(readonly waitMs: number) {
    super('throttled');
  }
}

/**
 * Counts this attempt as a failure before the password is checked (a success takes it back), or
 * returns how many ms the caller must still wait. The rows are locked in the same order by every
 * attempt, so concurrent attempts queue on the count instead of all reading it at once.
 */
export async function reserveAttempt(db: HubDatabase, keys: ThrottleKey[], now: number): Promise<number> {
  const at = new Date(now).toISOString();
  try {
    await db.transaction(async (tx) => {
      const counts: number[] = [];
      let wait = 0;
      for (const { key, free } of keys) {
        await tx.query('INSERT INTO login_throttle (key, failures, last_at) VALUES ($1, 0, $2) ON CONFLICT (key) DO NOTHING', [key, at]);
        const [row] = await tx.query<{ failures: number; last_at: string }>('SELECT failures, last_at FROM login_throttle WHERE key = $1 FOR UPDATE', [key]);
        const last = Date.parse(row!.last_at);
        const failures = last < now - THROTTLE.memoryMs ? 0 : row!.failures;
        counts.push(failures);
        const delay = delayAfter(failures, free);
        if (delay > 0) wait = Math.max(wait, last + delay - now);
      }
      if (wait > 0) throw new Throttled(wait);
      for (const [i, { key }] of keys.entries()) await tx.query('UPDATE login_throttle SET failures = $2, last_at = $3 WHERE key = $1', [key, counts[i]! + 1, at]);
    });
    return 0;
  } catch (err) {
    if (err instanceof Throttled) return err.waitMs;
    throw err;
  }
}

/** The right password: the account's failures from this address are forgiven, the address keeps its others. */
export async function attemptSucceeded(db: Queryable, keys: ThrottleKey[]): Promise<void> {
  const [account, ...wider] = keys;
  await db.query('DELETE FROM login_throttle WHERE key = $1', [account!.key]);
  for (const { key } of wider) await db.query('UPDATE login_throttle SET failures = greatest(failures - 1, 0) WHERE key = $1', [key]);
}

/** Old failures and expired sessions: deleted at each sign-in, so neither table grows without end. */
export async function forgetExpired(db: Queryable, now: number): Promise<void> {
  // Rows an attempt holds are left for the next sign-in: waiting on them could deadlock with it.
  await db.query('DELETE FROM login_throttle WHERE key IN (SELECT key FROM login_throttle WHERE last_at < $1 FOR UPDATE SKIP LOCKED)', [new Date(now - THROTTLE.memoryMs).toISOString()]);
  await db.query('DELETE FROM sessions WHERE expires_at <= $1', [new Date(now).toISOString()]);
}
