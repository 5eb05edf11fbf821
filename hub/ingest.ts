// The report endpoint on PostgreSQL: enrollment with an agency's token, and signed batches checked
// by the protocol's rules (hub/report-rules.ts), stored idempotently in one transaction per batch.
// Nothing here is kept between requests but immutable facts (installs' keys): any number of hub
// processes may serve one database.
import { createHash } from 'node:crypto';
import type { HubDatabase, Queryable } from './database';
import { entryShapeProblem, isAnswer, parseUpload, type Answer, type Rejection, type RejectReason } from './report-rules';
import { createSignaturePool, type SignaturePool } from './signature-pool';
import { storeEntries } from './ingest-rows';
import { enrollInstall, identityProblem, lookupInstall, pendingAnswer, type KnownInstall } from './installs';

/** The most entries one upload may carry (the extension sends 1,000). */
export const MAX_BATCH = 1000;

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function createIngest(db: HubDatabase, signatures: SignaturePool = createSignaturePool()) {
  /** POST /v1/installs (hub/installs.ts: the officer's name is recorded here, and only here). */
  const enroll = (body: unknown, authorization: string | undefined, userAgent?: string): Promise<Answer> => enrollInstall(db, body, authorization, userAgent);

  async function upload(body: unknown, userAgent?: string): Promise<Answer> {
    const parsed = parseUpload(body);
    if (isAnswer(parsed)) return parsed;
    if (parsed.entries.length > MAX_BATCH) return { status: 413, body: { error: `paling banyak ${MAX_BATCH} entri per kiriman / at most ${MAX_BATCH} entries per upload` } };
    const who = await lookupInstall(db, parsed.installId, userAgent);
    if (!who) return { status: 401, body: { error: 'install belum terdaftar / install not enrolled' } };
    const held = pendingAnswer(who);
    if (held) return held;
    // Entries stored before (a re-send) are answered from their rows, so they need no checks: on a
    // resync of 1,000 stored entries that is 1,000 signatures (~64 ms of CPU) not checked again.
    // Stored rows never change id, install or hash, so reading them before the transaction is
    // exact; ids another hub process stores meanwhile are caught by the insert (ON CONFLICT).
    const earlier = await storedEntries(db, parsed.entries.map((e) => e.id as string));
    // Shape, hash and signatures of the new ones before the transaction: the checks need no database.
    const problems: (RejectReason | undefined)[] = parsed.entries.map((e) => (earlier.has(e.id as string) ? undefined : entryShapeProblem(e)));
    const signed = parsed.entries.flatMap((e, i) => (problems[i] || earlier.has(e.id as string) ? [] : [i]));
    const valid = await signatures.verify(who.publicKey, signed.map((i) => [parsed.entries[i]!.hash as string, parsed.entries[i]!.signature as string]));
    signed.forEach((i, k) => {
      if (!valid[k]) problems[i] = 'signature';
    });
    parsed.entries.forEach((entry, i) => (problems[i] ??= identityProblem(who, entry)));
    return db.transaction((tx) => storeBatch(tx, parsed.installId, who, parsed.entries, problems, earlier));
  }

  return { enroll, upload, close: () => signatures.close() };
}

type Entry = Record<string, unknown>;

const isHex = (value: unknown): value is string => typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);

/** Refusals that stay right whatever happens later: what the entry itself is. */
const IMMUTABLE_REASONS = new Set(['format', 'signature', 'hash', 'time']);

/** A post dated further ahead than this is refused (`time`): a device clock that is wrong, or a forgery. */
const MAX_FUTURE_MS = 10 * 60_000;

type StoredEntry = { id: string; install_id: string; hash: string };

async function storedEntries(db: Queryable, ids: string[]): Promise<Map<string, StoredEntry>> {
  return new Map((await db.query<StoredEntry>('SELECT id, install_id, hash FROM entries WHERE id = ANY($1)', [ids])).map((r) => [r.id, r]));
}

/** Which of these hashes the hub holds for the install: entries stored, and entries refused for their content (v1.2). */
async function heldHashes(tx: Queryable, installId: string, hashes: string[]): Promise<string[]> {
  if (!hashes.length) return [];
  const rows = await tx.query<{ hash: string }>('SELECT hash FROM entries WHERE install_id = $1 AND hash = ANY($2) UNION SELECT hash FROM rejections WHERE install_id = $1 AND hash = ANY($2)', [installId, hashes]);
  return rows.map((r) => r.hash);
}

async function storeBatch(tx: Queryable, installId: string, who: KnownInstall, entries: Entry[], problems: (RejectReason | undefined)[], earlier: Map<string, StoredEntry>): Promise<Answer> {
  const ids = entries.map((e) => e.id as string);
  // Entries of this batch already refused for their content (sent again in a resync): same answer, not recorded twice.
  const refusedBefore = new Map(
    (await tx.query<{ entry_id: string; reason: string; hash: string }>('SELECT entry_id, reason, hash FROM rejections WHERE install_id = $1 AND entry_id = ANY($2) AND hash IS NOT NULL', [installId, ids])).map((r) => [r.entry_id, r]),
  );
  // The earlier hashes the batch links to. A batch in chain order links to its own entries but for
  // the first one, so only links outside the batch are looked up (1 hash, not 1,000: 1.5 ms of
  // PostgreSQL CPU per 1,000 entries); a link to one of its own entries that was refused for its
  // chain is looked up afterwards and the batch judged again.
  const ownHashes = new Set(entries.map((e) => e.hash).filter(isHex));
  const asked = new Set(entries.map((e) => e.prevHash).filter((h): h is string => isHex(h) && !ownHashes.has(h)));
  const held = new Set(await heldHashes(tx, installId, [...asked]));
  const batch: Batch = { installId, who, entries, problems, earlier, refusedBefore };
  let verdict = judgeBatch(batch, held, asked);
  if (verdict.unasked.size) {
    for (const hash of await heldHashes(tx, installId, [...verdict.unasked])) held.add(hash);
    verdict = judgeBatch(batch, held, new Set([...asked, ...verdict.unasked]));
  }
  const { accepted, refused, recorded, head, chainBroken } = verdict;
  let { duplicates } = verdict;

  const inserted = accepted.length ? await storeEntries(tx, installId, who, accepted) : new Set<string>();
  // Another hub process may have stored the same ids meanwhile: those are duplicates, not new rows.
  const raced = accepted.filter((e) => !inserted.has(e.id as string));
  if (raced.length) duplicates += raced.length;
  if (recorded.length) {
    await tx.query(
      'INSERT INTO rejections (install_id, entry_id, reason, hash) SELECT $1, r.id, r.reason, r.hash FROM jsonb_to_recordset($2::jsonb) AS r(id text, reason text, hash text)',
      [installId, JSON.stringify(recorded)],
    );
  }
  if (head) await tx.query('UPDATE installs SET chain_head = $2 WHERE install_id = $1', [installId, head]);
  const counts = { accepted: inserted.size, duplicates };
  if (!refused.length) return { status: 200, body: counts };
  return { status: 422, body: { ...counts, rejected: refused, ...(chainBroken ? { lastHash: head ?? (await chainHead(tx, installId, who)) } : {}) } };
}

interface Batch {
  installId: string;
  who: KnownInstall;
  entries: Entry[];
  problems: (RejectReason | undefined)[];
  earlier: Map<string, StoredEntry>;
  refusedBefore: Map<string, { reason: string; hash: string }>;
}

/**
 * Each entry's answer, in chain order, from what the hub holds: `heldBefore` are the hashes it holds
 * among those `asked`. A link to a hash not asked (one of the batch's own, not known at that point)
 * comes back in `unasked`: the hub may hold it from before, so the caller asks and judges again.
 */
function judgeBatch({ installId, who, entries, problems, earlier, refusedBefore }: Batch, heldBefore: Set<string>, asked: Set<string>) {
  const held = new Set(heldBefore);
  const unasked = new Set<string>();
  const accepted: Entry[] = [];
  const refused: Rejection[] = [];
  const recorded: (Rejection & { hash: string | null })[] = [];
  let duplicates = 0;
  /** The newest hash of the chain's unbroken part: the install's head after this batch. */
  let head: string | undefined;
  let chainBroken = false;
  /** A hash the chain goes on from; the head moves only to entries this install really signed. */
  const known = (hash: string, signedByInstall = true) => {
    held.add(hash);
    if (!chainBroken && signedByInstall) head = hash;
  };
  const refuseChain = (id: string) => {
    chainBroken = true;
    refused.push({ id, reason: 'chain' });
    recorded.push({ id, reason: 'chain', hash: null });
  };
  entries.forEach((entry, i) => {
    const id = entry.id as string;
    const before = earlier.get(id);
    if (before) {
      if (before.install_id !== installId || before.hash !== entry.hash) return refuseChain(id);
      duplicates++;
      return known(before.hash);
    }
    const prev = entry.prevHash;
    // The link first: an entry after a gap is a resync, whatever else is wrong with it.
    if (!isHex(prev) || !(who.anchors.includes(prev) || held.has(prev))) {
      if (isHex(prev) && !asked.has(prev)) unasked.add(prev);
      return refuseChain(id);
    }
    const again = refusedBefore.get(id);
    // Refused for what the entry is (not for who the install is now: a rename, an approval may change that).
    if (again && again.hash === entry.hash && IMMUTABLE_REASONS.has(again.reason)) {
      refused.push({ id, reason: again.reason as RejectReason });
      return known(again.hash, again.reason !== 'signature' && again.reason !== 'hash');
    }
    const reason = problems[i] ?? timeProblem(entry);
    if (reason) {
      // Final for this entry only: its hash stays known, so the entries after it still link.
      refused.push({ id, reason });
      if (!again) recorded.push({ id, reason, hash: isHex(entry.hash) ? entry.hash : null });
      if (isHex(entry.hash)) known(entry.hash, reason !== 'signature' && reason !== 'hash');
      return;
    }
    known(entry.hash as string);
    accepted.push(entry);
  });
  return { accepted, refused, recorded, duplicates, head, chainBroken, unasked };
}

/**
 * The newest hash held for an install: its recorded head, or for installs from before heads were
 * recorded the entry nothing links to yet (rare: only on a chain refusal), or its genesis.
 */
async function chainHead(tx: Queryable, installId: string, who: KnownInstall): Promise<string> {
  const [row] = await tx.query<{ chain_head: string | null }>('SELECT chain_head FROM installs WHERE install_id = $1', [installId]);
  if (row?.chain_head) return row.chain_head;
  const [tip] = await tx.query<{ hash: string }>(
    'SELECT e.hash FROM entries e WHERE e.install_id = $1 AND NOT EXISTS (SELECT 1 FROM entries n WHERE n.install_id = $1 AND n.prev_hash = e.hash) ORDER BY e.received_at DESC LIMIT 1',
    [installId],
  );
  return tip?.hash ?? who.anchors[0]!;
}

/** A post's own time must be a time, and not ahead of the hub's clock by more than a few minutes. */
function timeProblem(entry: Entry): RejectReason | undefined {
  if (!isIsoTime(entry)) return 'format';
  return typeof entry.postedAt === 'string' && Date.parse(entry.postedAt) > Date.now() + MAX_FUTURE_MS ? 'time' : undefined;
}

const isIsoTime = (e: Entry) => {
  const time = (e.postedAt ?? e.observedAt) as string;
  return /^\d{4}-\d{2}-\d{2}T/.test(time) && !Number.isNaN(Date.parse(time));
};
