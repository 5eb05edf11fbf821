// Supervisor queries over the posting log (dashboard, popup): filters, keys for a virtual list,
// aggregates for charts, the chain check and the withdrawal follow-up.
import { splitStoredId, storedIdOfEntry } from '../shared/libraries';
import type { Collection } from 'dexie';
import { currentState, getMeta, type HumasDb, type PostStatus, type StoredLogEntry } from '../storage/db';
import { GENESIS_HASH, LOCAL_CHAIN, verifyChain, type ChainCheck } from '../background/posting-log';
import type { Platform } from '../shared/schema';
import { dayEndIso, dayStartIso } from '../shared/locale';
import { AmplifySamples, type AmplifyRow } from '../shared/amplify';

export interface LogFilter {
  /** Local calendar days, yyyy-mm-dd, inclusive. */
  from?: string;
  to?: string;
  platform?: Platform | '';
  program?: string;
  officer?: string;
  edited?: 'yes' | 'no' | '';
  status?: PostStatus | '';
  withdrawnOnly?: boolean;
}


export async function withdrawnIds(db: HumasDb): Promise<Set<string>> {
  return new Set((await db.withdrawn.toCollection().primaryKeys()) as string[]);
}

/**
 * The filtered log in posting-time order (oldest first: forward index reads let IndexedDB use its
 * fast getAll paths; callers reverse the result for newest-first views).
 */
export async function filteredLog(db: HumasDb, filter: LogFilter): Promise<Collection<StoredLogEntry, number>> {
  // The postedAt index holds posts only (updates have no postedAt).
  const ranged = (filter.from || filter.to
    ? db.log.where('postedAt').between(filter.from ? dayStartIso(filter.from) : '', filter.to ? dayEndIso(filter.to) : '\uffff', true, true)
    : db.log.orderBy('postedAt')) as unknown as Collection<StoredLogEntry, number>;
  const keep = await entryFilter<StoredLogEntry>(db, filter, (e) => currentState(e).status);
  return keep ? ranged.filter(keep) : ranged;
}

/** What the filter's conditions read: a stored post or its CSV view. */
type Filterable = Pick<StoredLogEntry, 'platform' | 'program' | 'officerName' | 'edited' | 'itemId' | 'libraryId'>;

/** The filter's conditions beyond the date range, as a predicate; undefined when there are none. */
export async function entryFilter<T extends Filterable>(db: HumasDb, filter: LogFilter, statusOf: (e: T) => PostStatus): Promise<((e: T) => boolean) | undefined> {
  const withdrawn = filter.withdrawnOnly ? await withdrawnIds(db) : undefined;
  if (!filter.platform && !filter.program && !filter.officer && !filter.edited && !filter.status && !withdrawn) return undefined;
  return (e) =>
    (!filter.platform || e.platform === filter.platform) &&
    (!filter.program || e.program === filter.program) &&
    (!filter.officer || e.officerName === filter.officer) &&
    (!filter.edited || e.edited === (filter.edited === 'yes')) &&
    (!filter.status || statusOf(e) === filter.status) &&
    (!withdrawn || withdrawn.has(storedIdOfEntry(e)));
}

/** Primary keys of the filtered log, newest first: enough for a virtual list of 100,000 rows. */
export async function filteredKeys(db: HumasDb, filter: LogFilter): Promise<number[]> {
  return ((await (await filteredLog(db, filter)).primaryKeys()) as number[]).reverse();
}


/** The newest `limit` matching entries, read from the end of the index: the first screen of the dashboard. */
export async function newestEntries(db: HumasDb, filter: LogFilter, limit: number): Promise<StoredLogEntry[]> {
  return (await filteredLog(db, filter)).reverse().limit(limit).toArray();
}

export interface LogStats {
  total: number;
  perDay: [string, number][];
  perPlatform: [string, number][];
  perProgram: [string, number][];
  officers: string[];
  programs: string[];
  /** Time to amplify of urgent items' posts, per programme and per officer. */
  amplify: { perProgram: AmplifyRow[]; perOfficer: AmplifyRow[] };
}

const localDay = (iso: string) => {
  const d = new Date(iso);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

function sortedCounts(counts: Map<string, number>, byKey = false): [string, number][] {
  return [...counts].sort(byKey ? (a, b) => a[0].localeCompare(b[0]) : (a, b) => b[1] - a[1]);
}

export async function logStats(db: HumasDb, filter: LogFilter): Promise<LogStats> {
  const perDay = new Map<string, number>();
  const perPlatform = new Map<string, number>();
  const perProgram = new Map<string, number>();
  const amplifyByProgram = new AmplifySamples();
  const amplifyByOfficer = new AmplifySamples();
  let total = 0;
  await (await filteredLog(db, filter)).each((e) => {
    total++;
    if (typeof e.secondsToPost === 'number') {
      amplifyByProgram.add(e.program || '—', e.secondsToPost);
      amplifyByOfficer.add(e.officerName || '—', e.secondsToPost);
    }
    const day = localDay(e.postedAt);
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
    perPlatform.set(e.platform, (perPlatform.get(e.platform) ?? 0) + 1);
    perProgram.set(e.program || '—', (perProgram.get(e.program || '—') ?? 0) + 1);
  });
  const officers = (await db.log.orderBy('officerName').uniqueKeys()) as string[];
  return {
    total, perDay: sortedCounts(perDay, true).slice(-30), perPlatform: sortedCounts(perPlatform), perProgram: sortedCounts(perProgram), officers, programs: [...perProgram.keys()].sort(),
    amplify: { perProgram: amplifyByProgram.rows(), perOfficer: amplifyByOfficer.rows() },
  };
}

/** Meta key: the public key each imported chain came with (by stored chain), so it can be exported again. */
export const CHAIN_KEYS_META = 'chainKeys';

/**
 * Where a chain may start: the zero hash (chains from before installs had keys) or the genesis of
 * the install that wrote it (this browser's own, or the one an imported file declared).
 */
export async function chainAnchors(db: HumasDb, chain: string): Promise<string[]> {
  const genesis = chain === LOCAL_CHAIN ? (await getMeta<{ genesis?: string }>(db, 'install'))?.genesis : (await getMeta<Record<string, string>>(db, 'chainGenesis'))?.[chain];
  return genesis ? [GENESIS_HASH, genesis] : [GENESIS_HASH];
}

export interface ChainReport {
  chain: string;
  check: ChainCheck;
}

/** Verifies every chain (this browser's and each imported one) in its own order. */
export async function checkChains(db: HumasDb): Promise<ChainReport[]> {
  const chains = (await db.log.orderBy('chain').uniqueKeys()) as string[];
  const reports: ChainReport[] = [];
  for (const chain of chains) {
    const entries = await db.log.where('chain').equals(chain).sortBy('seq');
    reports.push({ chain, check: await verifyChain(entries, await chainAnchors(db, chain)) });
  }
  return reports;
}

/** Posts that used an item the library has since withdrawn: to be taken down. */
export async function withdrawnFollowUp(db: HumasDb): Promise<(StoredLogEntry & { title?: string })[]> {
  // Titles as the library named the items when it withdrew them (the follow-up shows titles, ids on hover).
  const titles = new Map((await db.withdrawn.toArray()).map((w) => [w.itemId, w.title]));
  if (titles.size === 0) return [];
  // Withdrawn rows hold the item as stored (`<libraryId>:<id>` beyond the national library); posts name it by id and library.
  const plainIds = [...new Set([...titles.keys()].map((id) => splitStoredId(id).itemId))];
  const posts = ((await db.log.where('itemId').anyOf(plainIds).toArray()) as StoredLogEntry[]).filter((p) => titles.has(storedIdOfEntry(p)));
  return posts.sort((a, b) => b.postedAt.localeCompare(a.postedAt)).map((p) => ({ ...p, title: titles.get(storedIdOfEntry(p)) }));
}

export function postsToday(db: HumasDb, now = new Date()): Promise<number> {
  const day = localDay(now.toISOString());
  return db.log.where('postedAt').between(dayStartIso(day), dayEndIso(day), true, true).count();
}
