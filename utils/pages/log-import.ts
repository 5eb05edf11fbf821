// JSON import of other officers' exports (log-export.ts). Each chain is judged as it stands in the
// file: its hashes must link from its start, and when the file carries the chain's public key every
// entry's signature must verify under that key (its genesis is the key's sha256). A chain without
// key or signatures is kept, labelled unverified; one whose hashes or signatures fail is kept apart
// as broken. Only a verified chain's updates change a post's status and link, and only a post that
// chain itself brought: nothing in a file can change this browser's own entries or another chain's.
import { i18n } from '#i18n';
import { getMeta, setMeta, type HumasDb, type StoredLogRow } from '../storage/db';
import { applyUpdate, GENESIS_HASH, verifyChain, type ChainCheck } from '../background/posting-log';
import { putCsvRows } from '../storage/csv-blocks';
import { base64ToBytes, entrySignatureVerifier, sha256Hex } from '../shared/crypto';
import { CHAIN_TRUST_PREFIX } from '../shared/log-entry';
import { CHAIN_KEYS_META } from './log-query';
import { installationChainId, LogExportSchema, type LogExport } from './log-export';

export type ChainTrust = keyof typeof CHAIN_TRUST_PREFIX;

export interface ImportReport {
  added: number;
  duplicates: number;
  chains: { id: string; check: ChainCheck; trust: ChainTrust; reason?: 'hash' | 'signature' }[];
}

type FileChain = LogExport['chains'][number];

function parseExport(text: string): LogExport {
  try {
    return LogExportSchema.parse(JSON.parse(text));
  } catch {
    // A wrong file, not a bug: say so in the officer's words rather than Zod's.
    throw new Error(i18n.t('dashboard.notAnExport'));
  }
}

/** The genesis a key implies (undefined when the text is not a raw Ed25519 key). */
async function genesisOf(publicKey: string): Promise<string | undefined> {
  try {
    const raw = base64ToBytes(publicKey);
    return raw.length === 32 ? await sha256Hex(raw) : undefined;
  } catch {
    return undefined;
  }
}

/** How far the file's own chain can be trusted, and the genesis its key implies. */
async function judgeChain(chain: FileChain): Promise<{ check: ChainCheck; trust: ChainTrust; reason?: 'hash' | 'signature'; genesis?: string }> {
  const { entries } = chain;
  if (!chain.publicKey) {
    const check = await verifyChain(entries, chain.genesis ? [GENESIS_HASH, chain.genesis] : [GENESIS_HASH]);
    return check.ok ? { check, trust: 'unverified', genesis: chain.genesis } : { check, trust: 'broken', reason: 'hash' };
  }
  const genesis = await genesisOf(chain.publicKey);
  const verify = await entrySignatureVerifier(chain.publicKey);
  const firstBroken = (index: number, reason: 'hash' | 'signature') => ({ check: { ok: false, checked: index + 1, firstBrokenId: entries[index]?.id }, trust: 'broken' as const, reason });
  if (!genesis || !verify || (chain.genesis && chain.genesis !== genesis)) return firstBroken(0, 'signature');
  const check = await verifyChain(entries, [GENESIS_HASH, genesis]);
  if (!check.ok) return { check, trust: 'broken', reason: 'hash' };
  for (const [i, entry] of entries.entries()) {
    if (!entry.signature || !(await verify(entry.hash, entry.signature))) return firstBroken(i, 'signature');
  }
  return { check, trust: 'verified', genesis };
}

/**
 * Where the chain is stored here: its trust and the file's chain id (never this browser's own
 * chain). A verified chain whose id is already held for another key gets its own place, so its
 * updates can never reach the posts the other key signed.
 */
async function storedChainKey(db: HumasDb, chain: FileChain, trust: ChainTrust, genesis: string | undefined, own: string): Promise<string> {
  const key = `${CHAIN_TRUST_PREFIX[trust]}${chain.id === own ? `${chain.id}:own` : chain.id}`;
  if (trust !== 'verified') return key;
  const held = (await getMeta<Record<string, string>>(db, 'chainGenesis'))?.[key];
  const taken = held ? held !== genesis : (await db.log.where('chain').equals(key).count()) > 0;
  return taken ? `${key}@${genesis!.slice(0, 16)}` : key;
}

export async function importJson(db: HumasDb, text: string): Promise<ImportReport> {
  const data = parseExport(text);
  const own = await installationChainId(db);
  const report: ImportReport = { added: 0, duplicates: 0, chains: [] };
  for (const chain of data.chains) {
    // Repeated ids inside the file count once (the first stands); the chain is judged as sent.
    const seen = new Set<string>();
    const firstOfEach = chain.entries.filter((e) => !seen.has(e.id) && !!seen.add(e.id));
    const { check, trust, reason, genesis } = await judgeChain(chain);
    report.chains.push({ id: chain.id, check, trust, ...(reason ? { reason } : {}) });
    const localChain = await storedChainKey(db, chain, trust, genesis, own);
    await db.transaction('rw', db.log, db.meta, db.csvBlocks, async () => {
      const known = new Set((await db.log.where('id').anyOf(firstOfEach.map((e) => e.id)).keys()) as string[]);
      const fresh = firstOfEach.filter((e) => !known.has(e.id));
      report.duplicates += chain.entries.length - fresh.length;
      report.added += fresh.length;
      const rows = fresh.map((e) => ({ ...e, chain: localChain }) as StoredLogRow);
      const seqs = await db.log.bulkAdd(rows, { allKeys: true });
      await putCsvRows(db, rows.map((row, i) => ({ ...row, seq: seqs[i] })));
      if (genesis) await setMeta(db, 'chainGenesis', { ...(await getMeta<Record<string, string>>(db, 'chainGenesis')), [localChain]: genesis });
      if (trust === 'verified') await setMeta(db, CHAIN_KEYS_META, { ...(await getMeta<Record<string, string>>(db, CHAIN_KEYS_META)), [localChain]: chain.publicKey! });
      // Only signed facts change what a supervisor sees, and only about this chain's own posts.
      if (trust === 'verified') for (const e of fresh) if ('updates' in e) await applyUpdate(db, e, localChain);
    });
  }
  return report;
}
