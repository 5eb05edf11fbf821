// Exports of the posting log: CSV per the UI contract, and JSON with whole chains, each with its
// install's public key and every entry's signature (read back by log-import.ts).
import { concatBytes } from '../shared/bytes';
import { z } from 'zod';
import { getMeta, setMeta, type HumasDb, type StoredLogRow } from '../storage/db';
import { LOCAL_CHAIN } from '../background/posting-log';
import { installIdentity } from '../background/install-identity';
import { CHAIN_KEYS_META, chainAnchors, entryFilter, type LogFilter } from './log-query';
import { CSV_BLOCK_ROWS, lineOf, rowOf, type CsvBlock, type CsvRowView } from '../storage/csv-blocks';
import { readCsvBlocks } from '../storage/csv-blocks-rebuild';
import { dayEndIso, dayStartIso } from '../shared/locale';
import { ExportedEntrySchema, hex } from '../shared/log-entry-schema';
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
  // 2: each chain carries its install's public key and each entry its signature; 1: neither (imported as unverified).
  version: z.union([z.literal(1), z.literal(2)]),
  exportedAt: z.string(),
  chains: z.array(
    z.object({
      id: z.string().min(1),
      genesis: hex.optional(),
      /** base64 raw Ed25519 key of the install that wrote the chain: every entry's signature verifies under it. */
      publicKey: z.string().max(100).optional(),
      entries: z.array(ExportedEntrySchema),
    }),
  ),
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

/**
 * Every chain with its key and signatures. This browser's entries written before it had a key are
 * signed now (as reports sign them when sent); an imported chain goes out with the key it came with.
 */
export async function exportJson(db: HumasDb, now = new Date()): Promise<LogExport> {
  const own = await installationChainId(db);
  const identity = await installIdentity(db);
  const keys = (await getMeta<Record<string, string>>(db, CHAIN_KEYS_META)) ?? {};
  const chains = (await db.log.orderBy('chain').uniqueKeys()) as string[];
  return {
    format: 'humas-kanal-log',
    version: 2,
    exportedAt: now.toISOString(),
    chains: await Promise.all(
      chains.map(async (chain) => {
        const local = chain === LOCAL_CHAIN;
        const genesis = (await chainAnchors(db, chain))[1];
        const rows = (await db.log.where('chain').equals(chain).sortBy('seq')).map(exported);
        const entries = local ? await Promise.all(rows.map(async (e) => (e.signature ? e : { ...e, signature: await identity.sign(e.hash) }))) : rows;
        const publicKey = local ? identity.publicKey : keys[chain];
        return { id: local ? own : chain, ...(genesis ? { genesis } : {}), ...(publicKey ? { publicKey } : {}), entries };
      }),
    ),
  };
}
