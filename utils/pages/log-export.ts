// Exports of the posting log (CSV per the UI contract, JSON with whole chains) and JSON import
// from other officers' browsers: deduplicated by id, each chain verified.
import { i18n } from '#i18n';
import Papa from 'papaparse';
import { z } from 'zod';
import { currentState, getMeta, POST_STATUSES, setMeta, type HumasDb, type StoredLogEntry, type StoredLogRow } from '../storage/db';
import { applyUpdate, GENESIS_HASH, LOCAL_CHAIN, verifyChain, type ChainCheck } from '../background/posting-log';
import { chainAnchors } from './log-query';
import { isNetwork } from '../shared/networks';

/** The contract's CSV columns, in order. */
export const CSV_FIELDS = ['id', 'postedAt', 'platform', 'itemId', 'itemVersion', 'mediaIds', 'text', 'edited', 'account', 'pageUrl', 'officerName', 'agency', 'status', 'prevHash', 'hash'] as const;

/** One row per post, with its latest status (updates are folded in, not listed). */
export function toCsv(entries: Iterable<StoredLogEntry>): string {
  const rows: unknown[][] = [];
  for (const e of entries) {
    const status = currentState(e).status;
    rows.push(CSV_FIELDS.map((f) => (f === 'mediaIds' ? e.mediaIds.join(';') : f === 'status' ? status : e[f])));
  }
  // BOM first: spreadsheet programs then read the file as UTF-8. Every value is quoted (papaparse is
  // faster when it need not decide per field); the header stays bare, as the contract writes it.
  // Cells starting with = + - @ (page-controlled text, account) are escaped so a spreadsheet shows
  // them as text instead of running them as formulas.
  const body = rows.length ? `${Papa.unparse(rows, { newline: '\r\n', quotes: true, escapeFormulae: true })}\r\n` : '';
  return `\uFEFF${CSV_FIELDS.join(',')}\r\n${body}`;
}

// What another officer's file may hold: bounded strings, and post addresses that are web links
// (a supervisor clicks them), never `javascript:` or the like.
const short = (max: number) => z.string().max(max);
const hex = z.string().regex(/^[0-9a-f]{64}$/);
const postUrl = z.string().max(2000).regex(/^https:\/\//).optional();

const ExportedPostSchema = z.object({
  id: z.string().min(1).max(64),
  postedAt: z.string().min(1).max(40),
  // Checked against the networks known when the file is read, not when this module loaded.
  platform: z.string().refine(isNetwork),
  itemId: short(64),
  itemVersion: z.number().int(),
  mediaIds: z.array(short(128)).max(20),
  text: short(70_000),
  edited: z.boolean(),
  account: short(200),
  pageUrl: short(2000),
  officerName: short(200),
  agency: short(200),
  status: z.enum(POST_STATUSES).optional(),
  prevHash: hex,
  hash: hex,
  program: short(200).optional(),
  postUrl,
});

const ExportedUpdateSchema = z.object({
  id: z.string().min(1).max(64),
  updates: z.string().min(1).max(64),
  observedAt: z.string().min(1).max(40),
  status: z.enum(POST_STATUSES).optional(),
  postUrl,
  prevHash: hex,
  hash: hex,
});

const ExportedEntrySchema = z.union([ExportedUpdateSchema, ExportedPostSchema]);

export const LogExportSchema = z.object({
  format: z.literal('humas-kanal-log'),
  version: z.literal(1),
  exportedAt: z.string(),
  chains: z.array(z.object({ id: z.string().min(1), genesis: hex.optional(), entries: z.array(ExportedEntrySchema) })),
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
    await db.transaction('rw', db.log, db.meta, async () => {
      const known = new Set((await db.log.where('id').anyOf(firstOfEach.map((e) => e.id)).keys()) as string[]);
      const fresh = firstOfEach.filter((e) => !known.has(e.id));
      report.duplicates += chain.entries.length - fresh.length;
      report.added += fresh.length;
      await db.log.bulkAdd(fresh.map((e) => ({ ...e, chain: localChain }) as StoredLogRow));
      if (chain.genesis) await setMeta(db, 'chainGenesis', { ...(await getMeta<Record<string, string>>(db, 'chainGenesis')), [localChain]: chain.genesis });
      for (const e of fresh) if ('updates' in e) await applyUpdate(db, e);
    });
  }
  return report;
}
