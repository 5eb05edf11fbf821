// Exports of the posting log (CSV per the UI contract, JSON with whole chains) and JSON import
// from other officers' browsers: deduplicated by id, each chain verified.
import { i18n } from '#i18n';
import { z } from 'zod';
import { getMeta, setMeta, type HumasDb, type StoredLogEntry, type StoredLogRow } from '../storage/db';
import { applyUpdate, GENESIS_HASH, LOCAL_CHAIN, verifyChain, type ChainCheck } from '../background/posting-log';
import { chainAnchors, entryFilter, type LogFilter } from './log-query';
import { concatBytes, CSV_BLOCK_ROWS, lineOf, putCsvRows, readCsvBlocks, rowOf, type CsvBlock, type CsvRowView } from '../storage/csv-blocks';
import { dayEndIso, dayStartIso } from '../shared/locale';
import { hex, LoggedEntrySchema } from '../shared/log-entry-schema';
import { CSV_HEAD } from '../shared/log-csv';

/** Whether the blocks (newest first) are already in the file's order: posting time never rises along them. */
function inPostingOrder(blocks: CsvBlock[]): boolean {
  let previous = '\uffff';
  for (const block of blocks) {
    for (const postedAt of block.postedAt) {
      if (postedAt > previous) return false;
      previous = postedAt;
    }
  }
  return true;
}

/**
 * The filtered log as a CSV file, newest first (posts of one millisecond: last written first), from
 * the CSV lines kept beside the log; `onProgress` gets the posts read so far and the log's post count.
 */
export async function csvFile(db: HumasDb, filter: LogFilter, onProgress?: (read: number, posts: number) => void): Promise<{ blob: Blob; rows: number }> {
  const keep = await entryFilter<CsvRowView>(db, filter, (v) => v.status);
  const from = filter.from ? dayStartIso(filter.from) : '';
  const to = filter.to ? dayEndIso(filter.to) : '\uffff';
  const everything = !keep && !filter.from && !filter.to;
  const kept = (block: CsvBlock, k: number) => block.postedAt[k]! >= from && block.postedAt[k]! <= to && (!keep || keep(rowOf(block, k)));
  const blocks = await readCsvBlocks(db, onProgress);
  // One part per block of lines, joined by the Blob: never one string of the whole file.
  const parts: BlobPart[] = [CSV_HEAD];
  let rows = 0;
  if (inPostingOrder(blocks)) {
    // The usual log (posts appended as they happen): each block's lines are already in place.
    for (const block of blocks) {
      if (everything) {
        parts.push(block.bytes);
        rows += block.seq.length;
        continue;
      }
      const lines: Uint8Array[] = [];
      for (let k = 0; k < block.seq.length; k++) if (kept(block, k)) lines.push(lineOf(block, k));
      parts.push(concatBytes(lines));
      rows += lines.length;
    }
  } else {
    // Imported chains interleave in time with this browser's posts: sort the kept rows.
    const views: CsvRowView[] = [];
    for (const block of blocks) for (let k = 0; k < block.seq.length; k++) if (kept(block, k)) views.push(rowOf(block, k));
    views.sort((a, b) => (a.postedAt === b.postedAt ? b.seq - a.seq : a.postedAt < b.postedAt ? 1 : -1));
    for (let i = 0; i < views.length; i += CSV_BLOCK_ROWS) parts.push(concatBytes(views.slice(i, i + CSV_BLOCK_ROWS).map((v) => v.line)));
    rows = views.length;
  }
  return { blob: new Blob(parts, { type: 'text/csv;charset=utf-8' }), rows };
}

export const LogExportSchema = z.object({
  format: z.literal('humas-kanal-log'),
  version: z.literal(1),
  exportedAt: z.string(),
  chains: z.array(z.object({ id: z.string().min(1), genesis: hex.optional(), entries: z.array(LoggedEntrySchema) })),
});
export type LogExport = z.infer<typeof LogExportSchema>;

/** A stable id for this browser's own chain, so other browsers can keep it apart after import. */
export async function installationChainId(db: HumasDb): Promise<string> {
  const existing = await getMeta<string>(db, 'chainId');
  if (existing) return existing;
  const id = crypto.randomUUID();
  await setMeta(db, 'chainId', id);
  return id;
}

const exported = ({ seq: _seq, chain: _chain, latest: _latest, ...entry }: StoredLogRow) => entry;

export async function exportJson(db: HumasDb, now = new Date()): Promise<LogExport> {
  const own = await installationChainId(db);
  const chains = (await db.log.orderBy('chain').uniqueKeys()) as string[];
  return {
    format: 'humas-kanal-log',
    version: 1,
    exportedAt: now.toISOString(),
    chains: await Promise.all(
      chains.map(async (chain) => {
        const genesis = (await chainAnchors(db, chain))[1];
        const entries = (await db.log.where('chain').equals(chain).sortBy('seq')).map(exported);
        return { id: chain === LOCAL_CHAIN ? own : chain, ...(genesis ? { genesis } : {}), entries };
      }),
    ),
  };
}

export interface ImportReport {
  added: number;
  duplicates: number;
  chains: { id: string; check: ChainCheck }[];
}

function parseExport(text: string) {
  try {
    return LogExportSchema.parse(JSON.parse(text));
  } catch {
    // A wrong file, not a bug: say so in the officer's words rather than Zod's.
    throw new Error(i18n.t('dashboard.notAnExport'));
  }
}

/** Chain keys of imported chains: verified ones, and ones kept apart because they failed verification. */
export const IMPORTED_PREFIX = 'import:';
export const BROKEN_PREFIX = 'broken:';

export async function importJson(db: HumasDb, text: string): Promise<ImportReport> {
  const data = parseExport(text);
  const own = await installationChainId(db);
  const report: ImportReport = { added: 0, duplicates: 0, chains: [] };
  for (const chain of data.chains) {
    // Repeated ids inside the file count once (the first stands); the chain is verified as sent.
    const seen = new Set<string>();
    const firstOfEach = chain.entries.filter((e) => !seen.has(e.id) && !!seen.add(e.id));
    const check = await verifyChain(chain.entries, chain.genesis ? [GENESIS_HASH, chain.genesis] : [GENESIS_HASH]);
    report.chains.push({ id: chain.id, check });
    // An imported chain lives under its own key and can never extend this browser's chain (even when
    // it is this browser's own export); one that fails verification is kept apart as such.
    const localChain = `${check.ok ? IMPORTED_PREFIX : BROKEN_PREFIX}${chain.id === own ? `${chain.id}:own` : chain.id}`;
    await db.transaction('rw', db.log, db.meta, db.csvBlocks, async () => {
      const known = new Set((await db.log.where('id').anyOf(firstOfEach.map((e) => e.id)).keys()) as string[]);
      const fresh = firstOfEach.filter((e) => !known.has(e.id));
      report.duplicates += chain.entries.length - fresh.length;
      report.added += fresh.length;
      const rows = fresh.map((e) => ({ ...e, chain: localChain }) as StoredLogRow);
      const seqs = await db.log.bulkAdd(rows, { allKeys: true });
      await putCsvRows(db, rows.map((row, i) => ({ ...row, seq: seqs[i] })));
      if (chain.genesis) await setMeta(db, 'chainGenesis', { ...(await getMeta<Record<string, string>>(db, 'chainGenesis')), [localChain]: chain.genesis });
      for (const e of fresh) if ('updates' in e) await applyUpdate(db, e);
    });
  }
  return report;
}
