// The report endpoint on PostgreSQL: enrollment with an agency's token, and signed batches checked
// by the protocol's rules (hub/report-rules.ts), stored idempotently in one transaction per batch.
// Nothing here is kept between requests but immutable facts (installs' keys): any number of hub
// processes may serve one database.
import { createHash } from 'node:crypto';
import type { HubDatabase, Queryable } from './database';
import { entryShapeProblem, isAnswer, parseUpload, type Answer, type Rejection, type RejectReason } from './report-rules';
import { createSignaturePool, type SignaturePool } from './signature-pool';
import { csvLineColumns } from './export';
import { enrollInstall, identityProblem, lookupInstall, pendingAnswer, type KnownInstall } from './installs';
import type { StoredLogEntry } from '../utils/shared/log-entry';

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
    // Shape, hash and signatures before the transaction: the checks need no database.
    const problems: (RejectReason | undefined)[] = parsed.entries.map(entryShapeProblem);
    const signed = parsed.entries.flatMap((e, i) => (problems[i] ? [] : [i]));
    const valid = await signatures.verify(who.publicKey, signed.map((i) => [parsed.entries[i]!.hash as string, parsed.entries[i]!.signature as string]));
    signed.forEach((i, k) => {
      if (!valid[k]) problems[i] = 'signature';
    });
    parsed.entries.forEach((entry, i) => (problems[i] ??= identityProblem(who, entry)));
    return db.transaction((tx) => storeBatch(tx, parsed.installId, who, parsed.entries, problems));
  }

  return { enroll, upload, close: () => signatures.close() };
}

type Entry = Record<string, unknown>;

const isHex = (value: unknown): value is string => typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);

/** Refusals that stay right whatever happens later: what the entry itself is. */
const IMMUTABLE_REASONS = new Set(['format', 'signature', 'hash', 'time']);

/** A post dated further ahead than this is refused (`time`): a device clock that is wrong, or a forgery. */
const MAX_FUTURE_MS = 10 * 60_000;

async function storeBatch(tx: Queryable, installId: string, who: KnownInstall, entries: Entry[], problems: (RejectReason | undefined)[]): Promise<Answer> {
  const ids = entries.map((e) => e.id as string);
  const earlier = new Map(
    (await tx.query<{ id: string; install_id: string; hash: string }>('SELECT id, install_id, hash FROM entries WHERE id = ANY($1)', [ids])).map((r) => [r.id, r]),
  );
  // Entries of this batch already refused for their content (sent again in a resync): same answer, not recorded twice.
  const refusedBefore = new Map(
    (await tx.query<{ entry_id: string; reason: string; hash: string }>('SELECT entry_id, reason, hash FROM rejections WHERE install_id = $1 AND entry_id = ANY($2) AND hash IS NOT NULL', [installId, ids])).map((r) => [r.entry_id, r]),
  );
  // Which earlier hashes of this install the batch links to: entries held, and entries refused for content (v1.2).
  const wanted = [...new Set(entries.map((e) => e.prevHash).filter(isHex))];
  const held = new Set(
    (await tx.query<{ hash: string }>('SELECT hash FROM entries WHERE install_id = $1 AND hash = ANY($2) UNION SELECT hash FROM rejections WHERE install_id = $1 AND hash = ANY($2)', [installId, wanted])).map((r) => r.hash),
  );

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
    if (!isHex(prev) || !(who.anchors.includes(prev) || held.has(prev))) return refuseChain(id);
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

  const inserted = new Set(accepted.length ? await insertEntries(tx, installId, who, accepted) : []);
  // Another hub process may have stored the same ids meanwhile: those are duplicates, not new rows.
  const raced = accepted.filter((e) => !inserted.has(e.id as string));
  if (raced.length) duplicates += raced.length;
  for (const entry of accepted) if (inserted.has(entry.id as string) && typeof entry.updates === 'string') await applyUpdate(tx, installId, entry);
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

async function insertEntries(tx: Queryable, installId: string, who: KnownInstall, entries: Entry[]): Promise<string[]> {
  const rows = entries.map((e) => {
    const kind = typeof e.updates === 'string' ? 'update' : typeof e.dismisses === 'string' ? 'dismissal' : 'post';
    const post = kind === 'post';
    const aboutItem = post || kind === 'dismissal';
    return {
      id: e.id,
      kind,
      hash: e.hash,
      prev_hash: e.prevHash,
      updates: kind === 'update' ? e.updates : null,
      posted_at: post ? new Date(e.postedAt as string).toISOString() : null,
      platform: post ? e.platform : null,
      item_id: post ? e.itemId : kind === 'dismissal' ? e.dismisses : null,
      item_version: aboutItem ? e.itemVersion : null,
      program: aboutItem ? (e.program ?? '') : null,
      officer_name: aboutItem ? who.officerName : null,
      account: post ? e.account : null,
      edited: post ? e.edited : null,
      // Entries from before statuses existed were written only once the site had confirmed the post.
      status: post ? (e.status ?? 'confirmed') : kind === 'update' ? (e.status ?? null) : null,
      post_url: e.postUrl ?? null,
      body: e,
      ...(post ? csvLineColumns(e as unknown as StoredLogEntry) : { csv_before: null, csv_after: null }),
    };
  });
  const stored = await tx.query<{ id: string }>(
    `INSERT INTO entries (id, install_id, agency_id, kind, hash, prev_hash, updates, posted_at, platform, item_id, item_version, program, officer_name, account, edited, status, post_url, body, csv_before, csv_after)
     SELECT r.id, $1, $2, r.kind, r.hash, r.prev_hash, r.updates, r.posted_at, r.platform, r.item_id, r.item_version, r.program, r.officer_name, r.account, r.edited, r.status, r.post_url, r.body, r.csv_before, r.csv_after
     FROM jsonb_to_recordset($3::jsonb) AS r(id text, kind text, hash text, prev_hash text, updates text, posted_at timestamptz, platform text, item_id text,
       item_version integer, program text, officer_name text, account text, edited boolean, status text, post_url text, body jsonb, csv_before text, csv_after text)
     ON CONFLICT DO NOTHING RETURNING id`,
    [installId, who.agencyId, JSON.stringify(rows)],
  );
  return stored.map((r) => r.id);
}

/** A later fact about a post (its status, its address, a scheduled post's time) becomes the post row's current state. */
async function applyUpdate(tx: Queryable, installId: string, update: Entry): Promise<void> {
  // A take-down answer (docs/editorial-desk.md) replaces the one before it, with its note and time.
  await tx.query(
    `UPDATE entries SET status = COALESCE($3, status), post_url = COALESCE($4, post_url), scheduled_for = COALESCE($6::timestamptz, scheduled_for),
       takedown = COALESCE($7, takedown), takedown_note = CASE WHEN $7::text IS NULL THEN takedown_note ELSE $8 END, takedown_at = CASE WHEN $7::text IS NULL THEN takedown_at ELSE $9::timestamptz END
     WHERE id = $1 AND install_id = $2 AND kind = $5`,
    [update.updates, installId, update.status ?? null, update.postUrl ?? null, 'post', update.scheduledFor ?? null, update.takedown ?? null, update.takedownNote ?? null, update.observedAt ?? null],
  );
}
