// @vitest-environment happy-dom
// A supervisor imports other officers' JSON exports. The file carries each chain's public key and
// every entry's signature: only a chain signed throughout by its key is trusted, its updates change
// only posts of that same chain, and nothing in a file changes the officer's own posts. Crafted
// files (an update aimed at the officer's post, a forged chain with recomputed hashes, a flipped
// signature, an unsigned chain) change nothing they should not, and the dashboard says so.
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { h, render } from 'preact';
import { describe, expect, it } from 'vitest';
import { LogTable } from '../../components/LogTable';
import { installIdentity } from '../../utils/background/install-identity';
import { appendLogEntry, appendLogUpdate, GENESIS_HASH, hashEntry } from '../../utils/background/posting-log';
import { csvFile, exportJson, type LogExport } from '../../utils/pages/log-export';
import { importJson } from '../../utils/pages/log-import';
import { sha256Hex } from '../../utils/shared/crypto';
import { CSV_FIELDS } from '../../utils/shared/log-csv';
import { currentState, isPostEntry, openDb, type HumasDb, type StoredLogEntry } from '../../utils/storage/db';
import { rawPublicKeyBase64 } from '../../library/keys';

let n = 0;
const OFFICIAL_URL = 'https://x.com/humas/status/1';
const EVIL_URL = 'https://jahat.example/palsu';

/** An officer's browser with signed posts; the first is confirmed with its address. */
async function officer(name: string): Promise<{ db: HumasDb; posts: StoredLogEntry[] }> {
  const db = openDb(`import-${++n}`);
  const signer = await installIdentity(db);
  for (let i = 0; i < 3; i++) {
    await appendLogEntry(db, { platform: 'x', itemId: `konten-${i}`, itemVersion: 1, program: 'P', mediaIds: [], text: `posting ${i}`, edited: false, account: '@humas', pageUrl: '', officerName: name, agency: 'D' }, signer);
  }
  const posts = ((await db.log.toArray()).filter(isPostEntry) as StoredLogEntry[]).sort((a, b) => a.seq! - b.seq!);
  await appendLogUpdate(db, { updates: posts[0]!.id, status: 'confirmed', postUrl: OFFICIAL_URL }, signer);
  return { db, posts };
}

const stateOf = async (db: HumasDb, id: string) => currentState((await db.log.where('id').equals(id).first()) as StoredLogEntry);

/** The post's status cell in the CSV export, as a supervisor's spreadsheet shows it. */
async function csvStatus(db: HumasDb, id: string): Promise<string | undefined> {
  const lines = (await (await csvFile(db, {})).blob.text()).split('\r\n');
  return lines.find((line) => line.startsWith(`"${id}"`))?.split('","')[CSV_FIELDS.indexOf('status')];
}

/** A chain an attacker signs with a key of their own: one update of `target`. */
async function craftedFile(target: string, chainId: string, key: KeyObject | null): Promise<string> {
  const publicKey = key ? rawPublicKeyBase64(key) : undefined;
  const genesis = publicKey ? await sha256Hex(Buffer.from(publicKey, 'base64')) : GENESIS_HASH;
  const update = { id: `jahat-${++n}`, updates: target, observedAt: '2026-12-01T00:00:00.000Z', status: 'failed', postUrl: EVIL_URL, prevHash: genesis };
  const hash = await hashEntry(update);
  const signature = key ? sign(null, Buffer.from(hash), key).toString('base64') : undefined;
  const chain = { id: chainId, ...(publicKey ? { publicKey, genesis } : {}), entries: [{ ...update, hash, ...(signature ? { signature } : {}) }] };
  return JSON.stringify({ format: 'humas-kanal-log', version: 2, exportedAt: '2026-12-01T00:00:00.000Z', chains: [chain] });
}

/** The chain's entries with `change` applied to one, every hash after it recomputed so the links hold. */
async function forged(file: LogExport, index: number, change: object): Promise<LogExport> {
  const copy = structuredClone(file);
  const entries = copy.chains[0]!.entries as { prevHash: string; hash: string }[];
  Object.assign(entries[index]!, change);
  for (let i = index; i < entries.length; i++) {
    if (i > 0) entries[i]!.prevHash = entries[i - 1]!.hash;
    entries[i]!.hash = await hashEntry(entries[i]!);
  }
  return copy;
}

describe('JSON import with signatures', () => {
  it("a crafted file's update of the officer's own post changes neither its status nor its link", async () => {
    const { db, posts } = await officer('Sari');
    const ownChain = (await exportJson(db)).chains[0]!.id;
    const attacker = generateKeyPairSync('ed25519').privateKey;
    // Signed by the attacker's own key (a verified chain of its own), then claiming the officer's chain id, then unsigned.
    for (const file of [await craftedFile(posts[0]!.id, 'rantai-lain', attacker), await craftedFile(posts[0]!.id, ownChain, attacker), await craftedFile(posts[1]!.id, 'tanpa-kunci', null)]) {
      await importJson(db, file);
    }
    expect(await stateOf(db, posts[0]!.id)).toEqual({ status: 'confirmed', postUrl: OFFICIAL_URL });
    expect(await stateOf(db, posts[1]!.id)).toEqual({ status: 'unconfirmed', postUrl: undefined });
    expect(await csvStatus(db, posts[0]!.id)).toBe('confirmed');
    // The officer's own later updates still apply.
    await appendLogUpdate(db, { updates: posts[1]!.id, status: 'failed' }, await installIdentity(db));
    expect(await stateOf(db, posts[1]!.id)).toEqual({ status: 'failed', postUrl: undefined });
  });

  it("applies a colleague's signed updates to the colleague's posts only, not when another key claims the chain", async () => {
    const budi = await officer('Budi');
    const supervisor = openDb(`import-${++n}`);
    const file = await exportJson(budi.db);
    expect(file.chains[0]!.publicKey).toBe((await installIdentity(budi.db)).publicKey);
    expect(file.chains[0]!.entries.every((e) => !!e.signature)).toBe(true);
    const report = await importJson(supervisor, JSON.stringify(file));
    expect(report.chains.map((c) => c.trust)).toEqual(['verified']);
    expect(await stateOf(supervisor, budi.posts[0]!.id)).toEqual({ status: 'confirmed', postUrl: OFFICIAL_URL });

    // Another key, the same chain id: kept apart, and its update reaches nothing of Budi's.
    await importJson(supervisor, await craftedFile(budi.posts[0]!.id, file.chains[0]!.id, generateKeyPairSync('ed25519').privateKey));
    expect(await stateOf(supervisor, budi.posts[0]!.id)).toEqual({ status: 'confirmed', postUrl: OFFICIAL_URL });
  });

  it('refuses to trust a forged chain (hashes recomputed, signatures kept) or a flipped signature, and labels it', async () => {
    const budi = await officer('Budi');
    const file = await exportJson(budi.db);
    const entries = file.chains[0]!.entries;
    // The update (last entry) is re-aimed at an address of the forger's choosing: its hash no longer matches its signature.
    const forgedFile = await forged(file, entries.length - 1, { postUrl: EVIL_URL, status: 'failed' });
    const first = openDb(`import-${++n}`);
    const report = await importJson(first, JSON.stringify(forgedFile));
    expect(report.chains[0]).toMatchObject({ trust: 'broken', reason: 'signature', check: { ok: false, firstBrokenId: entries.at(-1)!.id } });
    expect(await stateOf(first, budi.posts[0]!.id)).toEqual({ status: 'unconfirmed', postUrl: undefined });

    const flipped = structuredClone(file);
    const signature = flipped.chains[0]!.entries[1]!.signature!;
    flipped.chains[0]!.entries[1]!.signature = (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1);
    const second = openDb(`import-${++n}`);
    expect((await importJson(second, JSON.stringify(flipped))).chains[0]).toMatchObject({ trust: 'broken', reason: 'signature', check: { firstBrokenId: entries[1]!.id } });
    expect(await stateOf(second, budi.posts[0]!.id)).toEqual({ status: 'unconfirmed', postUrl: undefined });

    // Signatures and key stripped (as files from before them): imported, unverified, updates not applied.
    const stripped = { ...file, chains: [{ id: file.chains[0]!.id, genesis: file.chains[0]!.genesis, entries: entries.map(({ signature: _s, ...e }) => e) }] };
    const third = openDb(`import-${++n}`);
    expect((await importJson(third, JSON.stringify(stripped))).chains[0]).toMatchObject({ trust: 'unverified', check: { ok: true } });
    expect(await stateOf(third, budi.posts[0]!.id)).toEqual({ status: 'unconfirmed', postUrl: undefined });

    // The dashboard's table marks the posts of both, and not those of a verified chain.
    const rows = async (db: HumasDb) => ((await db.log.toArray()).filter(isPostEntry) as StoredLogEntry[]).sort((a, b) => b.postedAt.localeCompare(a.postedAt));
    const flags = async (db: HumasDb) => {
      const root = document.createElement('div');
      const head = await rows(db);
      render(h(LogTable, { source: { total: head.length, rowsAt: async () => head }, head, withdrawn: new Set<string>() }), root);
      await new Promise((resolve) => setTimeout(resolve, 0));
      return [...root.querySelectorAll('[data-testid="hk-log-row"]')].map((row) => row.querySelector('[data-testid="hk-unverified"]')?.textContent?.trim() ?? '');
    };
    expect(await flags(first)).toEqual(['(tidak terverifikasi)', '(tidak terverifikasi)', '(tidak terverifikasi)']);
    expect(await flags(third)).toEqual(['(tidak terverifikasi)', '(tidak terverifikasi)', '(tidak terverifikasi)']);
    const trusted = openDb(`import-${++n}`);
    await importJson(trusted, JSON.stringify(file));
    expect(await flags(trusted)).toEqual(['', '', '']);
  });
});
