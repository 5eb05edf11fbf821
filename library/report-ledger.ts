// The report endpoint's rules (feed spec v1.1, "Enrolled, signed reports"), without HTTP: installs
// enroll their Ed25519 public key (with the agency's token when one is set); every uploaded entry
// must hash to its `hash`, be signed by its install's key, and link to the install's genesis or to
// an entry the ledger already holds for it. Repeated ids are acknowledged as duplicates.
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { canonicalJson, GENESIS_HASH } from '../utils/background/posting-log';

export interface Enrollment {
  installId: string;
  publicKey: string;
  officerName?: string;
  agency?: string;
  region?: string;
}

interface Install extends Enrollment {
  key: KeyObject;
  genesis: string;
  /** Hashes of this install's accepted entries: where the next ones may link. */
  hashes: Set<string>;
}

export interface Answer {
  status: number;
  body: Record<string, unknown>;
}

export type Rejection = { id: string; reason: 'hash' | 'signature' | 'chain' | 'format' };

/** Ed25519 raw public key (32 bytes) as a Node key object. */
function rawEd25519(publicKeyB64: string): KeyObject {
  const raw = Buffer.from(publicKeyB64, 'base64');
  if (raw.length !== 32) throw new Error('publicKey must be 32 raw bytes');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
}

export function createReportLedger(options: { token?: string } = {}) {
  const installs = new Map<string, Install>();
  /** Stored entries by id, and which install sent each. */
  const reports = new Map<string, Record<string, unknown>>();
  const senders = new Map<string, string>();
  const rejected: (Rejection & { installId: string })[] = [];

  function enroll(body: unknown, authorization: string | undefined): Answer {
    if (options.token && authorization !== `Bearer ${options.token}`) return { status: 401, body: { error: 'token pendaftaran tidak valid / invalid enrollment token' } };
    const e = body as Partial<Enrollment>;
    if (typeof e?.installId !== 'string' || typeof e.publicKey !== 'string') return { status: 400, body: { error: 'installId dan publicKey wajib / required' } };
    let key: KeyObject;
    try {
      key = rawEd25519(e.publicKey);
    } catch {
      return { status: 400, body: { error: 'publicKey bukan kunci Ed25519 / not an Ed25519 key' } };
    }
    const known = installs.get(e.installId);
    if (known) return known.publicKey === e.publicKey ? { status: 200, body: { enrolled: true } } : { status: 409, body: { error: 'installId terdaftar dengan kunci lain / enrolled with another key' } };
    const genesis = createHash('sha256').update(Buffer.from(e.publicKey, 'base64')).digest('hex');
    installs.set(e.installId, { installId: e.installId, publicKey: e.publicKey, officerName: e.officerName, agency: e.agency, region: e.region, key, genesis, hashes: new Set() });
    return { status: 201, body: { enrolled: true } };
  }

  function check(install: Install, entry: Record<string, unknown>, batchHashes: Set<string>): Rejection['reason'] | undefined {
    if (typeof entry.hash !== 'string' || typeof entry.prevHash !== 'string' || typeof entry.signature !== 'string') return 'format';
    if (createHash('sha256').update(canonicalJson(entry)).digest('hex') !== entry.hash) return 'hash';
    if (!verify(null, Buffer.from(entry.hash), install.key, Buffer.from(entry.signature, 'base64'))) return 'signature';
    // The zero hash anchors chains an install wrote before it had keys (re-signed when uploaded).
    const linked = entry.prevHash === install.genesis || entry.prevHash === GENESIS_HASH || install.hashes.has(entry.prevHash) || batchHashes.has(entry.prevHash);
    return linked ? undefined : 'chain';
  }

  /** One upload: valid entries are stored (idempotently by id), the others listed with a reason. */
  function upload(body: unknown): Answer & { accepted: Record<string, unknown>[] } {
    const { installId, entries } = (body ?? {}) as { installId?: unknown; entries?: unknown };
    const install = typeof installId === 'string' ? installs.get(installId) : undefined;
    if (!install) return { status: 401, body: { error: 'install belum terdaftar / install not enrolled' }, accepted: [] };
    if (!Array.isArray(entries) || entries.some((e) => typeof e?.id !== 'string')) return { status: 400, body: { error: 'entries tidak valid / invalid entries' }, accepted: [] };
    const accepted: Record<string, unknown>[] = [];
    const refused: Rejection[] = [];
    const batchHashes = new Set<string>();
    let duplicates = 0;
    for (const entry of entries as Record<string, unknown>[]) {
      const id = entry.id as string;
      const earlier = reports.get(id);
      if (earlier && senders.get(id) === install.installId && earlier.hash === entry.hash) {
        duplicates++;
        batchHashes.add(earlier.hash as string);
        continue;
      }
      const reason = earlier ? 'chain' : check(install, entry, batchHashes);
      if (reason) {
        refused.push({ id, reason });
        rejected.push({ id, reason, installId: install.installId });
        continue;
      }
      batchHashes.add(entry.hash as string);
      install.hashes.add(entry.hash as string);
      reports.set(id, entry);
      senders.set(id, install.installId);
      accepted.push(entry);
    }
    const counts = { accepted: accepted.length, duplicates };
    return refused.length ? { status: 422, body: { ...counts, rejected: refused }, accepted } : { status: 200, body: counts, accepted };
  }

  return {
    enroll,
    upload,
    /** Stored entries by id. */
    reports,
    installs: () => [...installs.values()].map(({ installId, publicKey, officerName, agency, region }) => ({ installId, publicKey, officerName, agency, region })),
    rejected,
  };
}

export type ReportLedger = ReturnType<typeof createReportLedger>;
