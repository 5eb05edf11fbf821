// The posting log: append-only, hash-chained, every entry queued for the report outbox.
import { sha256Hex } from '../shared/crypto';
import type { HumasDb, LogEntry, StoredLogEntry } from '../storage/db';

export const GENESIS_HASH = '0'.repeat(64);

/** The fields the chain covers, in a fixed order. `postUrl` is an annotation added later and is not hashed. */
const HASHED_FIELDS = ['id', 'postedAt', 'platform', 'itemId', 'itemVersion', 'mediaIds', 'text', 'edited', 'account', 'pageUrl', 'officerName', 'agency', 'prevHash'] as const;

export function canonicalJson(entry: Omit<LogEntry, 'hash'>): string {
  return JSON.stringify(Object.fromEntries(HASHED_FIELDS.map((f) => [f, entry[f]])));
}

export function hashEntry(entry: Omit<LogEntry, 'hash'>): Promise<string> {
  return sha256Hex(canonicalJson(entry));
}

export type NewLogEntry = Omit<LogEntry, 'id' | 'postedAt' | 'prevHash' | 'hash'> &
  Partial<Pick<LogEntry, 'id' | 'postedAt'>> &
  Pick<StoredLogEntry, 'program' | 'postUrl'>;

export const LOCAL_CHAIN = 'local';

let appendQueue: Promise<unknown> = Promise.resolve();

/** The newest entry of this browser's own chain (imported chains are kept apart). */
function localHead(db: HumasDb): Promise<StoredLogEntry | undefined> {
  return db.log.where('chain').equals(LOCAL_CHAIN).last();
}

/**
 * Appends one entry. Hashing is async (WebCrypto) and must not run inside an IndexedDB transaction,
 * so appends are serialised here and the transaction re-checks the chain head before writing.
 */
export function appendLogEntry(db: HumasDb, fields: NewLogEntry): Promise<StoredLogEntry> {
  const run = async (): Promise<StoredLogEntry> => {
    for (;;) {
      const head = await localHead(db);
      const base = { ...fields, id: fields.id ?? crypto.randomUUID(), postedAt: fields.postedAt ?? new Date().toISOString(), prevHash: head?.hash ?? GENESIS_HASH };
      const entry: StoredLogEntry = { ...base, chain: LOCAL_CHAIN, hash: await hashEntry(base) };
      const written = await db.transaction('rw', db.log, db.outbox, async () => {
        const current = await localHead(db);
        if ((current?.hash ?? GENESIS_HASH) !== entry.prevHash) return false;
        await db.log.add(entry);
        await db.outbox.put({ id: entry.id, attempts: 0, nextAttemptAt: 0 });
        return true;
      });
      if (written) return entry;
    }
  };
  const result = appendQueue.then(run, run);
  appendQueue = result.catch(() => undefined);
  return result;
}

export interface ChainCheck {
  ok: boolean;
  checked: number;
  firstBrokenId?: string;
}

/** Walks the chain in order; names the first entry whose hash or link does not hold. */
export async function verifyChain(entries: Iterable<LogEntry>): Promise<ChainCheck> {
  let prev = GENESIS_HASH;
  let checked = 0;
  for (const entry of entries) {
    checked++;
    const { hash, ...rest } = entry;
    if (entry.prevHash !== prev || (await hashEntry(rest)) !== hash) return { ok: false, checked, firstBrokenId: entry.id };
    prev = hash;
  }
  return { ok: true, checked };
}
