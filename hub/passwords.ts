// Supervisor passwords, hashed with scrypt (Node's standard KDF). The stored string names its own
// parameters (`scrypt$N$r$p$salt$key`), so hashes made at an older cost still verify and are
// replaced at the current cost on the next successful sign-in.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

type ScryptOptions = { N: number; r: number; p: number; maxmem: number };
const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number, options: ScryptOptions) => Promise<Buffer>;

/** OWASP's minimum for scrypt (N = 2^17, r = 8, p = 1): about 0.5 s and 128 MB per hash. */
export const DEFAULT_PASSWORD_COST = 2 ** 17;
const R = 8;
const P = 1;
/** Bounds on a stored hash's parameters, so a damaged or planted row cannot ask for gigabytes. */
const MAX_N = 2 ** 20;

// Node refuses unless maxmem exceeds 128·N·r (the exact figure is not enough: it adds a little).
const options = (n: number, r: number, p: number): ScryptOptions => ({ N: n, r, p, maxmem: 2 * 128 * n * r });

export async function hashPassword(password: string, cost = DEFAULT_PASSWORD_COST): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, 32, options(cost, R, P));
  return `scrypt$${cost}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

function parse(stored: string) {
  const [kind, n, r, p, salt, key] = stored.split('$');
  const [N, rr, pp] = [Number(n), Number(r), Number(p)];
  const valid = kind === 'scrypt' && !!salt && !!key && Number.isInteger(N) && N > 1 && N <= MAX_N && (N & (N - 1)) === 0 && rr >= 1 && rr <= 32 && pp >= 1 && pp <= 16;
  return valid ? { N, r: rr, p: pp, salt: Buffer.from(salt!, 'base64'), key: Buffer.from(key!, 'base64') } : undefined;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const hash = parse(stored);
  if (!hash || hash.key.length < 16) return false;
  const actual = await scryptAsync(password, hash.salt, hash.key.length, options(hash.N, hash.r, hash.p));
  return timingSafeEqual(actual, hash.key);
}

/** A hash made below `cost` (or with other r/p) is replaced after the next successful sign-in. */
export function needsRehash(stored: string, cost = DEFAULT_PASSWORD_COST): boolean {
  const hash = parse(stored);
  return !hash || hash.N < cost || hash.r !== R || hash.p !== P;
}
