// A simulated officer's install (the hub's demo data, tests, bench): an Ed25519 key pair, its genesis,
// and a hash chain of signed posting-log entries built exactly as the extension builds them.
import { createHash, generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { canonicalJson } from '../utils/background/posting-log';

export interface TestOfficer {
  installId: string;
  publicKey: string;
  genesis: string;
  enrollment: { installId: string; publicKey: string; officerName: string; agency: string; region: string };
  /** The next `count` posts of this officer's chain (ids, hashes and signatures filled in). */
  posts(count: number, fields?: Partial<Record<string, unknown>> | ((i: number) => Partial<Record<string, unknown>>)): Record<string, unknown>[];
  /** This install's signature of a hash (to forge entries in tests). */
  sign(hash: string): string;
  /** A later fact about a post, as the next entry of the chain. */
  update(postId: string, fields: { status?: string; scheduledFor?: string; postUrl?: string }): Record<string, unknown>;
  /** The officer takes an urgent item off the to-do with a reason, as the next entry of the chain. */
  dismiss(itemId: string, reason: string, note?: string): Record<string, unknown>;
}

export function createOfficer(officerName: string, agency: string, region = 'Jawa Timur'): TestOfficer {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
  const publicKeyB64 = raw.toString('base64');
  const genesis = createHash('sha256').update(raw).digest('hex');
  const installId = randomUUID();
  let prevHash = genesis;
  let counter = 0;
  const seal = (entry: Record<string, unknown>) => {
    const hash = createHash('sha256').update(canonicalJson(entry)).digest('hex');
    prevHash = hash;
    return { ...entry, hash, signature: sign(null, Buffer.from(hash), privateKey).toString('base64') };
  };
  return {
    installId,
    publicKey: publicKeyB64,
    genesis,
    enrollment: { installId, publicKey: publicKeyB64, officerName, agency, region },
    posts(count, fields = {}) {
      return Array.from({ length: count }, (_, i) => {
        const n = counter++;
        const extra = typeof fields === 'function' ? fields(i) : fields;
        return seal({
          id: randomUUID(),
          postedAt: new Date(Date.UTC(2026, 10, 20, 8) + n * 60_000).toISOString(),
          platform: 'x',
          itemId: 'vaksinasi-lansia',
          itemVersion: 1,
          mediaIds: [],
          text: `Ayo vaksinasi lansia #${n}`,
          edited: false,
          account: '@humaskota',
          pageUrl: 'https://x.com/compose/post',
          officerName,
          agency,
          program: 'Kesehatan',
          status: 'confirmed',
          ...extra,
          prevHash,
        });
      });
    },
    sign: (hash) => sign(null, Buffer.from(hash), privateKey).toString('base64'),
    update(postId, fields) {
      return seal({ id: randomUUID(), updates: postId, observedAt: new Date().toISOString(), ...fields, prevHash });
    },
    dismiss(itemId, reason, note) {
      return seal({ id: randomUUID(), dismisses: itemId, itemVersion: 1, program: 'Kesehatan', reason, ...(note ? { note } : {}), observedAt: new Date().toISOString(), officerName, agency, prevHash });
    },
  };
}
