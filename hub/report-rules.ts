// The report protocol's rules (feed spec v1.1, "Enrolled, signed reports"), without HTTP or storage:
// shared by the supervisor hub and the local report server (library/report-ledger.ts).
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { canonicalJson, GENESIS_HASH } from '../utils/background/posting-log';
import { isSignedEntry } from '../utils/shared/log-entry-schema';
import { isStorableValue, storableText } from '../utils/shared/storable-text';

export interface Enrollment {
  installId: string;
  publicKey: string;
  officerName?: string;
  agency?: string;
  region?: string;
}

export interface Answer {
  status: number;
  body: Record<string, unknown>;
}

/** `officer`: an entry naming an officer its install is not enrolled as; `revoked`: from an install a supervisor revoked. */
export type RejectReason = 'hash' | 'signature' | 'chain' | 'format' | 'officer' | 'revoked' | 'time';
export type Rejection = { id: string; reason: RejectReason };

/** Ed25519 raw public key (32 bytes) as a Node key object. */
export function rawEd25519(publicKeyB64: string): KeyObject {
  const raw = Buffer.from(publicKeyB64, 'base64');
  if (raw.length !== 32) throw new Error('publicKey must be 32 raw bytes');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
}

/** Where an install's chain starts: hex sha256 of its raw public key. */
export const genesisOf = (publicKeyB64: string) => createHash('sha256').update(Buffer.from(publicKeyB64, 'base64')).digest('hex');

/** Cut and cleaned as the extension cuts its entries' fields, so an enrolled name matches the entries' own. */
const text = (value: unknown, max: number) => (typeof value === 'string' ? storableText(value, max) : undefined);

/** A well-formed enrollment with its key, or the answer that refuses it. */
export function parseEnrollment(body: unknown): { enrollment: Enrollment; key: KeyObject; genesis: string } | Answer {
  const e = body as Partial<Enrollment> | undefined;
  if (typeof e?.installId !== 'string' || !/^[A-Za-z0-9-]{8,64}$/.test(e.installId) || typeof e.publicKey !== 'string') {
    return { status: 400, body: { error: 'installId dan publicKey wajib / installId and publicKey are required' } };
  }
  try {
    const key = rawEd25519(e.publicKey);
    const enrollment = { installId: e.installId, publicKey: e.publicKey, officerName: text(e.officerName, 200), agency: text(e.agency, 200), region: text(e.region, 200) };
    return { enrollment, key, genesis: genesisOf(e.publicKey) };
  } catch {
    return { status: 400, body: { error: 'publicKey bukan kunci Ed25519 / not an Ed25519 key' } };
  }
}

/** Shape and hash of one entry: what can be checked without its install's key. */
export function entryShapeProblem(entry: unknown): 'format' | 'hash' | undefined {
  // Text PostgreSQL's jsonb cannot hold (NUL, lone surrogates) is refused per entry, never a failed batch.
  if (!isSignedEntry(entry) || !isStorableValue(entry)) return 'format';
  const e = entry as Record<string, unknown>;
  return createHash('sha256').update(canonicalJson(e)).digest('hex') === e.hash ? undefined : 'hash';
}

/** Shape, hash and signature of one entry; whether it links into its chain is the caller's to say. */
export function entryProblem(entry: unknown, key: KeyObject): Exclude<RejectReason, 'chain'> | undefined {
  const problem = entryShapeProblem(entry);
  if (problem) return problem;
  const e = entry as Record<string, unknown>;
  return verify(null, Buffer.from(e.hash as string), key, Buffer.from(e.signature as string, 'base64')) ? undefined : 'signature';
}

/**
 * Where an install's entry may link: its genesis, or the zero hash that anchors chains an install
 * wrote before it had keys (re-signed when uploaded), besides the hashes already held for it.
 */
export const chainAnchors = (genesis: string) => [genesis, GENESIS_HASH];

/** The upload body's envelope: an install id and a list of entries that each have an id. */
export function parseUpload(body: unknown): { installId: string; entries: Record<string, unknown>[] } | Answer {
  const { installId, entries } = (body ?? {}) as { installId?: unknown; entries?: unknown };
  if (typeof installId !== 'string') return { status: 401, body: { error: 'install belum terdaftar / install not enrolled' } };
  if (!Array.isArray(entries) || entries.some((e) => typeof e?.id !== 'string' || e.id.length > 64)) return { status: 400, body: { error: 'entries tidak valid / invalid entries' } };
  return { installId, entries };
}

export const isAnswer = (value: object): value is Answer => 'status' in value && 'body' in value;
