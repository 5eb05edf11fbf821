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

async function storeBatch(tx: Queryable, installId: string, who: KnownInstall, entries: Entry[], problems: (RejectReason | undefined)[]): Promise<Answer> {
  const ids = entries.map((e) => e.id as string);
  const earlier = new Map(
    (await tx.query<{ id: string; install_id: string; hash: string }>('SELECT id, install_id, hash FROM entries WHERE id = ANY($1)', [ids])).map((r) => [r.id, r]),
  );
  // Which earlier hashes of this install the batch links to.
  const wanted = [...new Set(entries.map((e) => e.prevHash).filter((h): h is string => typeof h === 'string'))];
  const held = new Set((await tx.query<{ hash: string }>('SELECT hash FROM entries WHERE install_id = $1 AND hash = ANY($2)', [installId, wanted])).map((r) => r.hash));

  const accepted: Entry[] = [];
  const refused: Rejection[] = [];
  let duplicates = 0;
  entries.forEach((entry, i) => {
    const id = entry.id as string;
    const before = earlier.get(id);
    if (before) {
      if (before.install_id === installId && before.hash === entry.hash) {
        duplicates++;
        held.add(before.hash);
      } else refused.push({ id, reason: 'chain' });
      return;
    }
    const prev = entry.prevHash as string;
    const reason = problems[i] ?? (isIsoTime(entry) ? undefined : 'format') ?? (who.anchors.includes(prev) || held.has(prev) ? undefined : 'chain');
    if (reason) return void refused.push({ id, reason });
    held.add(entry.hash as string);
    accepted.push(entry);
  });

  const inserted = new Set(accepted.length ? await insertEntries(tx, installId, who, accepted) : []);
  // Another hub process may have stored the same ids meanwhile: those are duplicates, not new rows.
  const raced = accepted.filter((e) => !inserted.has(e.id as string));
  if (raced.length) duplicates += raced.length;
  for (const entry of accepted) if (inserted.has(entry.id as string) && typeof entry.updates === 'string') await applyUpdate(tx, installId, entry);
  if (refused.length) {
    await tx.query('INSERT INTO rejections (install_id, entry_id, reason) SELECT $1, r.id, r.reason FROM jsonb_to_recordset($2::jsonb) AS r(id text, reason text)', [installId, JSON.stringify(refused)]);
  }
  const counts = { accepted: inserted.size, duplicates };
  return refused.length ? { status: 422, body: { ...counts, rejected: refused } } : { status: 200, body: counts };
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

/** A later fact about a post (its status, its address) becomes the post row's current state. */
async function applyUpdate(tx: Queryable, installId: string, update: Entry): Promise<void> {
  await tx.query(
    'UPDATE entries SET status = COALESCE($3, status), post_url = COALESCE($4, post_url) WHERE id = $1 AND install_id = $2 AND kind = $5',
    [update.updates, installId, update.status ?? null, update.postUrl ?? null, 'post'],
  );
}
