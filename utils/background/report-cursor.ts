// Where a report server stands in this install's chain: the `seq` of the newest own entry it
// acknowledged (per report address). The log is the source of what to send, in chain order from
// there; the outbox table only mirrors "own entries after the cursor" for the pages' pending counts.
import { getMeta, setMeta, type HumasDb, type StoredLogRow } from '../storage/db';
import { LOCAL_CHAIN } from './posting-log';

const cursorKey = (reportUrl: string) => `reportCursor:${reportUrl}`;
/** Which report address the outbox mirrors now. */
const OUTBOX_FOR = 'outboxFor';

/**
 * The cursor for this address, with the outbox mirroring it. An address never reported to gets the
 * whole chain (a new `reportUrl`, a second hub); installs from before cursors start where their
 * outbox starts.
 */
export async function reportCursor(db: HumasDb, reportUrl: string): Promise<number> {
  const stored = await getMeta<number>(db, cursorKey(reportUrl));
  if (stored !== undefined) {
    if ((await getMeta<string>(db, OUTBOX_FOR)) !== reportUrl) await rewindCursor(db, reportUrl, stored);
    return stored;
  }
  const last = await getMeta<{ reportUrl: string }>(db, 'lastReport');
  let cursor = 0;
  if (!last || last.reportUrl === reportUrl) {
    const waiting = await db.outbox.toCollection().primaryKeys();
    const seqs = (await db.log.where('id').anyOf(waiting).toArray()).map((row) => row.seq!);
    cursor = seqs.length ? Math.min(...seqs) - 1 : ((await db.log.where('chain').equals(LOCAL_CHAIN).last())?.seq ?? 0);
  }
  await rewindCursor(db, reportUrl, cursor);
  return cursor;
}

/** The server acknowledged these entries (the next part of the chain): the cursor moves past them. */
export async function advanceCursor(db: HumasDb, reportUrl: string, rows: StoredLogRow[]): Promise<void> {
  await db.transaction('rw', db.meta, db.outbox, async () => {
    await setMeta(db, cursorKey(reportUrl), rows.at(-1)!.seq!);
    await db.outbox.bulkDelete(rows.map((row) => row.id));
  });
}

/** Puts the cursor at `cursor` (a resync the server asked for, another address) and the outbox with it. */
export async function rewindCursor(db: HumasDb, reportUrl: string, cursor: number): Promise<void> {
  await db.transaction('rw', db.meta, db.log, db.outbox, async () => {
    await setMeta(db, cursorKey(reportUrl), cursor);
    await db.outbox.clear();
    const waiting = await ownAfter(db, cursor).toArray();
    await db.outbox.bulkAdd(waiting.map((row) => ({ id: row.id, attempts: 0, nextAttemptAt: 0 })));
    await setMeta(db, OUTBOX_FOR, reportUrl);
  });
}

/** The next own entries after the cursor, oldest first: the prefix of the chain the server lacks. */
export function entriesAfter(db: HumasDb, cursor: number, limit: number): Promise<StoredLogRow[]> {
  return ownAfter(db, cursor).limit(limit).toArray();
}

const ownAfter = (db: HumasDb, cursor: number) => db.log.where('[chain+seq]').between([LOCAL_CHAIN, cursor + 1], [LOCAL_CHAIN, Infinity]);

/** The seq of the own entry with this hash (0 for the chain's start), or undefined when the log has no such entry. */
export async function seqOfHash(db: HumasDb, hash: string, anchors: string[]): Promise<number | undefined> {
  if (anchors.includes(hash)) return 0;
  return (await db.log.where('chain').equals(LOCAL_CHAIN).filter((row) => row.hash === hash).first())?.seq;
}
