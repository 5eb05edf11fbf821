// The posting log: append-only, hash-chained, every entry queued for the report outbox. A post is
// written at the Post click; what the site says later (confirmed, failed, the post's address)
// follows as update entries in the same chain, never as edits of a hashed entry.
import { sha256Hex } from '../shared/crypto';
import type { HumasDb, LogDismissal, LogEntry, LogUpdate, PostStatus, StoredLogDismissal, StoredLogEntry, StoredLogRow, StoredLogUpdate } from '../storage/db';
import { isPostEntry, type PostState } from '../shared/log-entry';
import { putCsvRows } from '../storage/csv-blocks';
import { ENTRY_LIMITS as L } from '../shared/log-entry-schema';
import { storableText } from '../shared/storable-text';

export const GENESIS_HASH = '0'.repeat(64);
export const LOCAL_CHAIN = 'local';

/** Local bookkeeping that is not part of an entry (and so not of its hash). */
const NOT_HASHED = new Set(['hash', 'signature', 'seq', 'chain', 'latest']);

/** Entries written before statuses existed hashed these fields only (their chains must still verify). */
const LEGACY_FIELDS = ['id', 'postedAt', 'platform', 'itemId', 'itemVersion', 'mediaIds', 'text', 'edited', 'account', 'pageUrl', 'officerName', 'agency', 'prevHash'] as const;

/** The bytes an entry's hash covers: every field but the hash and local bookkeeping, keys sorted. */
export function canonicalJson(entry: object): string {
  const record = entry as Record<string, unknown>;
  if (!('status' in record) && 'postedAt' in record) return JSON.stringify(Object.fromEntries(LEGACY_FIELDS.map((f) => [f, record[f]])));
  const keys = Object.keys(record).filter((k) => !NOT_HASHED.has(k) && record[k] !== undefined).sort();
  return JSON.stringify(Object.fromEntries(keys.map((k) => [k, record[k]])));
}

export function hashEntry(entry: object): Promise<string> {
  return sha256Hex(canonicalJson(entry));
}

export type NewLogEntry = Omit<LogEntry, 'id' | 'postedAt' | 'prevHash' | 'hash' | 'status'> & Partial<Pick<LogEntry, 'id' | 'postedAt' | 'status'>>;
export type NewLogUpdate = { updates: string; status?: PostStatus; scheduledFor?: string; postUrl?: string; observedAt?: string; takedown?: LogUpdate['takedown']; takedownNote?: string };
export type NewLogDismissal = Omit<LogDismissal, 'id' | 'observedAt' | 'prevHash' | 'hash' | 'signature'> & { observedAt?: string };

/** Signs entries for reports: the chain starts at its genesis and each entry carries a signature of its hash. */
export interface Signer {
  genesis: string;
  sign(hash: string): Promise<string>;
}

let appendQueue: Promise<unknown> = Promise.resolve();

/** The newest entry of this browser's own chain (imported chains are kept apart). */
function localHead(db: HumasDb): Promise<StoredLogRow | undefined> {
  return db.log.where('chain').equals(LOCAL_CHAIN).last();
}

/**
 * Appends one row. Hashing is async (WebCrypto) and must not run inside an IndexedDB transaction,
 * so appends are serialised here and the transaction re-checks the chain head before writing.
 */
function append<T extends StoredLogRow>(db: HumasDb, signer: Signer | undefined, build: (prevHash: string) => Omit<T, 'hash' | 'chain'>, alsoInTransaction?: (row: T) => Promise<unknown>): Promise<T> {
  const genesis = signer?.genesis ?? GENESIS_HASH;
  const run = async (): Promise<T> => {
    for (;;) {
      const head = await localHead(db);
      const base = build(head?.hash ?? genesis);
      const hash = await hashEntry(base);
      const row = { ...base, chain: LOCAL_CHAIN, hash, ...(signer ? { signature: await signer.sign(hash) } : {}) } as T;
      const written = await db.transaction('rw', db.log, db.outbox, db.csvBlocks, async () => {
        const current = await localHead(db);
        if ((current?.hash ?? genesis) !== row.prevHash) return false;
        await putCsvRows(db, [{ ...row, seq: await db.log.add(row) }]);
        await db.outbox.put({ id: row.id, attempts: 0, nextAttemptAt: 0 });
        await alsoInTransaction?.(row);
        return true;
      });
      if (written) return row;
    }
  };
  const result = appendQueue.then(run, run);
  appendQueue = result.catch(() => undefined);
  return result;
}

/**
 * Every text field as the hub can store it (feed spec limits, no NUL or other control characters,
 * no lone surrogates): a page's or a policy's odd text never makes the report server refuse an entry.
 */
function storablePost(fields: NewLogEntry): NewLogEntry {
  return {
    ...fields,
    itemId: storableText(fields.itemId, L.itemId),
    mediaIds: fields.mediaIds.slice(0, L.mediaIds).map((id) => storableText(id, L.mediaId)),
    text: storableText(fields.text, L.text),
    account: storableText(fields.account, L.account),
    pageUrl: storableText(fields.pageUrl, L.pageUrl),
    officerName: storableText(fields.officerName, L.officerName),
    agency: storableText(fields.agency, L.agency),
    program: storableText(fields.program, L.program),
  };
}

function storableDismissal(fields: NewLogDismissal): NewLogDismissal {
  return {
    ...fields,
    dismisses: storableText(fields.dismisses, L.itemId),
    program: storableText(fields.program, L.program),
    officerName: storableText(fields.officerName, L.officerName),
    agency: storableText(fields.agency, L.agency),
    ...(fields.note === undefined ? {} : { note: storableText(fields.note, L.note) }),
  };
}

/** Writes a post entry (status `unconfirmed` unless the caller knows better). */
export function appendLogEntry(db: HumasDb, post: NewLogEntry, signer?: Signer): Promise<StoredLogEntry> {
  const fields = storablePost(post);
  return append<StoredLogEntry>(db, signer, (prevHash) => ({
    ...fields,
    id: fields.id ?? crypto.randomUUID(),
    postedAt: fields.postedAt ?? new Date().toISOString(),
    status: fields.status ?? 'unconfirmed',
    prevHash,
  }));
}

/** Writes an update of a post and keeps the post row's `latest` view of it, in one transaction. */
export function appendLogUpdate(db: HumasDb, fields: NewLogUpdate, signer?: Signer): Promise<StoredLogUpdate> {
  return append<StoredLogUpdate>(
    db,
    signer,
    (prevHash) => ({ ...fields, id: crypto.randomUUID(), observedAt: fields.observedAt ?? new Date().toISOString(), prevHash }),
    (row) => applyUpdate(db, row),
  );
}

/** Writes the officer's dismissal of an urgent item (with its reason). */
export function appendLogDismissal(db: HumasDb, dismissal: NewLogDismissal, signer?: Signer): Promise<StoredLogDismissal> {
  const fields = storableDismissal(dismissal);
  return append<StoredLogDismissal>(db, signer, (prevHash) => ({ ...fields, id: crypto.randomUUID(), observedAt: fields.observedAt ?? new Date().toISOString(), prevHash }));
}

/**
 * Folds an update into its post's `latest`. `chain`: only a post stored in that chain may change
 * (imports: an update never reaches a post outside its own chain, this browser's least of all).
 */
export async function applyUpdate(
  db: HumasDb,
  update: Pick<LogUpdate, 'updates' | 'status' | 'scheduledFor' | 'postUrl' | 'takedown' | 'takedownNote'> & { observedAt?: string },
  chain = LOCAL_CHAIN,
): Promise<void> {
  const post = await db.log.where('id').equals(update.updates).first();
  if (!post || !isPostEntry(post) || (post.chain ?? LOCAL_CHAIN) !== chain) return;
  const previous: PostState = post.latest ?? { status: post.status ?? 'confirmed', postUrl: post.postUrl };
  const scheduledFor = update.scheduledFor ?? previous.scheduledFor;
  const takedown = update.takedown ? { answer: update.takedown, at: update.observedAt ?? new Date().toISOString(), ...(update.takedownNote ? { note: update.takedownNote } : {}) } : previous.takedown;
  const latest = { status: update.status ?? previous.status, postUrl: update.postUrl ?? previous.postUrl, ...(scheduledFor ? { scheduledFor } : {}), ...(takedown ? { takedown } : {}) };
  await db.log.update(post.seq!, { latest });
  await putCsvRows(db, [{ ...post, latest }]);
}

export interface ChainCheck {
  ok: boolean;
  checked: number;
  firstBrokenId?: string;
}

/**
 * Walks the chain in order; names the first entry whose hash or link does not hold. The first entry
 * must start from one of `anchors`: the install's genesis, or the zero hash of chains written before
 * installs had keys.
 */
export async function verifyChain(entries: Iterable<{ id: string; prevHash: string; hash: string }>, anchors: string[] = [GENESIS_HASH]): Promise<ChainCheck> {
  let prev: string | undefined;
  let checked = 0;
  for (const entry of entries) {
    checked++;
    const linked = prev === undefined ? anchors.includes(entry.prevHash) : entry.prevHash === prev;
    if (!linked || (await hashEntry(entry)) !== entry.hash) return { ok: false, checked, firstBrokenId: entry.id };
    prev = entry.hash;
  }
  return { ok: true, checked };
}
