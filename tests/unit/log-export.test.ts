import Dexie from 'dexie';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { currentState, isPostEntry, openDb, type HumasDb, type StoredLogEntry, type StoredLogRow } from '../../utils/storage/db';
import { csvFile, exportJson } from '../../utils/pages/log-export';
import { importJson } from '../../utils/pages/log-import';
import { CSV_FIELDS, CSV_HEAD, csvRows, escapeInnerFormulas, FORMULA_START } from '../../utils/shared/log-csv';
import { CSV_BLOCK_ROWS } from '../../utils/storage/csv-blocks';
import { prepareCsvBlocks } from '../../utils/storage/csv-blocks-rebuild';
import { checkChains, filteredKeys, logStats, withdrawnFollowUp } from '../../utils/pages/log-query';
import { appendLogDismissal, appendLogEntry, appendLogUpdate } from '../../utils/background/posting-log';

let n = 0;
async function officerLog(name: string, count: number, start = '2026-11-20T03:00:00.000Z'): Promise<HumasDb> {
  const db = openDb(`export-${++n}`);
  for (let i = 0; i < count; i++) {
    await appendLogEntry(db, {
      postedAt: new Date(Date.parse(start) + i * 3_600_000).toISOString(),
      platform: (['x', 'facebook', 'instagram'] as const)[i % 3]!,
      itemId: `item-${i % 4}`,
      itemVersion: 1,
      program: i % 2 ? 'Kesehatan' : 'Pendidikan',
      mediaIds: i % 2 ? ['m1', 'm2'] : [],
      text: `Baris "${i}", dengan koma\ndan baris baru`,
      edited: i % 3 === 0,
      account: '@humas',
      pageUrl: 'https://x.com/compose/post',
      officerName: name,
      agency: 'Diskominfo',
    });
  }
  return db;
}

// Blob.text() drops the BOM; the file keeps it.
const csvText = async (db: HumasDb) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(await (await csvFile(db, {})).blob.arrayBuffer());

describe('CSV export', () => {
  it('opens page-controlled cells that look like formulas as text', async () => {
    const db = openDb(`export-${++n}`);
    for (const account of ['=HYPERLINK("https://jahat.example","klik")', '+1', '-1', '@SUM(A1:A9)']) {
      await appendLogEntry(db, { platform: 'x', itemId: 'i', itemVersion: 1, program: 'P', mediaIds: [], text: account, edited: true, account, pageUrl: '', officerName: 'S', agency: 'D' });
    }
    const rows = Papa.parse<string[]>((await csvText(db)).slice(1).trim(), { newline: '\r\n' }).data.slice(1);
    const accounts = rows.map((r) => r[CSV_FIELDS.indexOf('account')]);
    // A leading apostrophe is how spreadsheets mark "this is text".
    expect(accounts.reverse()).toEqual(["'=HYPERLINK(\"https://jahat.example\",\"klik\")", "'+1", "'-1", "'@SUM(A1:A9)"]);
    expect(rows.map((r) => r[CSV_FIELDS.indexOf('text')]!.startsWith("'"))).toEqual([true, true, true, true]);
  });

  it('has the BOM, the exact header and one parseable row per entry with arrays joined by ;', async () => {
    const db = await officerLog('Sari', 3);
    const csv = await csvText(db);
    expect(csv.startsWith('\uFEFFid,postedAt,platform,itemId,itemVersion,mediaIds,text,edited,account,pageUrl,officerName,agency,status,prevHash,hash\r\n')).toBe(true);
    const parsed = Papa.parse<string[]>(csv.slice(1).trim(), { newline: '\r\n' });
    expect(parsed.data).toHaveLength(4);
    expect(parsed.data[0]).toEqual([...CSV_FIELDS]);
    expect(parsed.data[2]?.[5]).toBe('m1;m2');
    expect(parsed.data[2]?.[6]).toBe('Baris "1", dengan koma\ndan baris baru');
  });

  it('writes exactly what papaparse writes for the same rows, hostile values included', async () => {
    const db = openDb(`export-${++n}`);
    const hostile = ['=1+1\nbaris dua', '\t@akun', 'kutip "ganda", koma', '\r\nawal baris', '-', '', ' spasi ', 'emoji 🇮🇩 ünïcode', '+62 812', '@'];
    for (const [i, text] of hostile.entries()) {
      await appendLogEntry(db, { platform: 'x', itemId: `i-${i}`, itemVersion: i - 1, program: 'P', mediaIds: i % 2 ? ['=a', 'b'] : [], text, edited: i % 2 === 0, account: hostile[(i + 3) % hostile.length]!, pageUrl: '', officerName: text, agency: 'D' });
    }
    // Newest first, as the export writes them (same millisecond: last written first).
    const entries = ((await db.log.toArray()).filter(isPostEntry) as StoredLogEntry[]).sort((a, b) => b.postedAt.localeCompare(a.postedAt) || b.seq! - a.seq!);
    const papa = Papa.unparse(
      entries.map((e) => CSV_FIELDS.map((f) => (f === 'mediaIds' ? e.mediaIds.join(';') : f === 'status' ? currentState(e).status : e[f])).map((v) => (typeof v === 'string' ? escapeInnerFormulas(v) : v))),
      { newline: '\r\n', quotes: true, escapeFormulae: FORMULA_START },
    );
    expect(await csvText(db)).toBe(`${CSV_HEAD}${papa}\r\n`);
  });
});

describe('CSV export from the lines kept beside the log', () => {
  const ids = async (blob: Blob) => {
    const parsed = Papa.parse<string[]>((await blob.text()).slice(1).trim(), { newline: '\r\n' }).data.slice(1);
    return parsed.map((r) => ({ id: r[CSV_FIELDS.indexOf('id')]!, postedAt: r[CSV_FIELDS.indexOf('postedAt')]!, platform: r[CSV_FIELDS.indexOf('platform')]! }));
  };

  it('writes every post exactly once, newest first, also when 180 posts share one millisecond across a block boundary', async () => {
    const db = await officerLog('Sari', 100);
    // Imported or clock-coarse posts: the same postedAt for many rows, more than one read holds.
    for (let i = 0; i < 180; i++) {
      await appendLogEntry(db, { postedAt: '2026-12-01T05:00:00.000Z', platform: 'x', itemId: `sama-${i}`, itemVersion: 1, program: 'P', mediaIds: [], text: `sama ${i}`, edited: false, account: '', pageUrl: '', officerName: 'Sari', agency: 'D' });
    }
    for (let i = 0; i < 70; i++) {
      await appendLogEntry(db, { postedAt: new Date(Date.parse('2026-12-02T00:00:00.000Z') + i * 1000).toISOString(), platform: 'facebook', itemId: `akhir-${i}`, itemVersion: 1, program: 'P', mediaIds: [], text: 'akhir', edited: false, account: '', pageUrl: '', officerName: 'Sari', agency: 'D' });
    }
    const progress: [number, number][] = [];
    const { blob, rows } = await csvFile(db, {}, (read, posts) => progress.push([read, posts]));
    const written = await ids(blob);
    expect(rows).toBe(350);
    expect(written).toHaveLength(350);
    expect(new Set(written.map((r) => r.id)).size).toBe(350);
    expect(written.every((r, i) => i === 0 || written[i - 1]!.postedAt >= r.postedAt)).toBe(true);
    expect(written[0]!.postedAt).toBe('2026-12-02T00:01:09.000Z');
    // Read in blocks, each reported.
    expect(progress.length).toBe(Math.ceil(351 / CSV_BLOCK_ROWS));
    expect(progress.at(-1)).toEqual([350, 350]);
    expect((await blob.slice(0, 3).arrayBuffer()).byteLength).toBe(3);
    expect(new Uint8Array(await blob.slice(0, 3).arrayBuffer())).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
  });

  it('keeps to the dashboard filter: date range and platform', async () => {
    const db = await officerLog('Sari', 300);
    const { blob, rows } = await csvFile(db, { from: '2026-11-25', to: '2026-11-27', platform: 'x' });
    const written = await ids(blob);
    const expected = ((await db.log.toArray()).filter(isPostEntry) as StoredLogEntry[])
      .filter((e) => e.platform === 'x' && e.postedAt >= new Date(2026, 10, 25).toISOString() && e.postedAt < new Date(2026, 10, 28).toISOString());
    expect(expected.length).toBeGreaterThan(10);
    expect(rows).toBe(expected.length);
    expect(written.map((r) => r.id).sort()).toEqual(expected.map((e) => e.id).sort());
    expect(written.every((r) => r.platform === 'x')).toBe(true);
  });
});

describe('CSV lines kept beside the log', () => {
  const statusOf = async (db: HumasDb) =>
    Object.fromEntries(Papa.parse<string[]>((await csvText(db)).slice(1).trim(), { newline: '\r\n' }).data.slice(1).map((r) => [r[0], r[CSV_FIELDS.indexOf('status')]]));
  const expectedCsv = async (db: HumasDb) => {
    const posts = ((await db.log.toArray()).filter(isPostEntry) as StoredLogEntry[]).sort((a, b) => b.postedAt.localeCompare(a.postedAt) || b.seq! - a.seq!);
    return `${CSV_HEAD}${csvRows(posts)}`;
  };

  /** Puts and deletes of CSV blocks (through Dexie or straight on IndexedDB) while `act` runs, by block number. */
  const blockWritesDuring = async (act: () => Promise<unknown>) => {
    const writes: number[] = [];
    const { put, delete: remove } = IDBObjectStore.prototype;
    const spy = <A extends unknown[]>(original: (this: IDBObjectStore, ...args: A) => IDBRequest) =>
      function (this: IDBObjectStore, ...args: A) {
        if (this.name === 'csvBlocks') writes.push(typeof args[0] === 'number' ? args[0] : (args[0] as { block: number }).block);
        return original.apply(this, args);
      };
    IDBObjectStore.prototype.put = spy(put);
    IDBObjectStore.prototype.delete = spy(remove);
    try {
      await act();
    } finally {
      IDBObjectStore.prototype.put = put;
      IDBObjectStore.prototype.delete = remove;
    }
    return writes;
  };

  const storedLines = async (db: HumasDb) => {
    let stored = 0;
    await db.csvBlocks.each((block) => (stored += block.seq.length));
    return stored;
  };

  it('follow status updates, imported chains and their updates', async () => {
    const db = await officerLog('Sari', 300);
    const posts = (await db.log.toArray()).filter(isPostEntry) as StoredLogEntry[];
    await appendLogUpdate(db, { updates: posts[0]!.id, status: 'confirmed', postUrl: 'https://x.com/humas/status/1' });
    await appendLogUpdate(db, { updates: posts[299]!.id, status: 'failed' });
    const budi = await officerLog('Budi', 20, '2026-11-22T03:30:00.000Z');
    const budiPost = ((await budi.log.toArray()).filter(isPostEntry) as StoredLogEntry[])[5]!;
    await appendLogUpdate(budi, { updates: budiPost.id, status: 'confirmed' });
    await importJson(db, JSON.stringify(await exportJson(budi)));
    await appendLogDismissal(db, { dismisses: 'item-1', itemVersion: 1, program: 'Kesehatan', reason: 'noAccount', officerName: 'Sari', agency: 'Diskominfo' });
    // Written with each post and import, not left to the export's rebuild: the export writes no block
    // (the log's updates and dismissals are not counted as posts missing a line).
    expect(await storedLines(db)).toBe(320);

    let status: Record<string, string | undefined> = {};
    const blockWrites = await blockWritesDuring(async () => (status = await statusOf(db)));
    expect(Object.keys(status)).toHaveLength(320);
    expect([status[posts[0]!.id], status[posts[299]!.id], status[budiPost.id], status[posts[1]!.id]]).toEqual(['confirmed', 'failed', 'confirmed', 'unconfirmed']);
    expect(await csvText(db)).toBe(await expectedCsv(db));
    expect(blockWrites).toEqual([]);
  });

  it('are written from the log when it holds posts without them (a log from before they existed), with progress', async () => {
    const db = await officerLog('Sari', 40);
    const rows = (await db.log.toArray()).map(({ seq: _seq, ...row }) => ({ ...row, id: `${row.id}-lama` }));
    // 1,000 more posts as an older version wrote them: straight into the log.
    for (let i = 0; i < 25; i++) await db.log.bulkAdd(rows.map((row) => ({ ...row, id: `${row.id}-${i}` })) as StoredLogRow[]);
    const progress: [number, number][] = [];
    const { rows: written } = await csvFile(db, {}, (read, posts) => progress.push([read, posts]));
    expect(written).toBe(1040);
    // The read finds the 40 lines of block 0 (seq 1–40, short of 255); the posts are then counted as
    // each block is written (blocks 0–4: seq 1–255, 256–511, …, 1024–1040), and the export takes the
    // blocks as written, without reading them back.
    expect(progress).toEqual([[40, 1040], [255, 1040], [511, 1040], [767, 1040], [1023, 1040], [1040, 1040]]);
    expect(await csvText(db)).toBe(await expectedCsv(db));
    expect(await storedLines(db)).toBe(1040);
  });

  it('written again under a newer escaping rule, are the blocks written post by post: same bytes, columns and words', async () => {
    const db = await officerLog('Sari', 300);
    // Non-ASCII, a lone surrogate, hostile cells, statuses from updates, dismissals between posts.
    for (const [i, text] of ['emoji 🇮🇩 ünïcode', 'lone \ud83d surrogate', '=1+1;@x\r\n-2', '"kutip"'].entries()) {
      await appendLogEntry(db, { platform: 'instagram', itemId: `u-${i}`, itemVersion: 1, program: 'Ünï', mediaIds: [text], text, edited: true, account: text, pageUrl: '', officerName: `Petugas ${text}`, agency: 'D' });
      await appendLogDismissal(db, { dismisses: `u-${i}`, itemVersion: 1, program: 'P', reason: 'other', officerName: 'Sari', agency: 'D' });
    }
    const posts = (await db.log.toArray()).filter(isPostEntry) as StoredLogEntry[];
    await appendLogUpdate(db, { updates: posts[3]!.id, status: 'failed' });
    await appendLogUpdate(db, { updates: posts[299]!.id, status: 'scheduled', scheduledFor: '2026-12-24T00:00:00.000Z' });
    const before = await csvText(db);
    const written = await db.csvBlocks.toArray();
    expect(written).toHaveLength(2);
    // As after an update that changes the escaping rule: every block marked with the older one.
    await db.csvBlocks.toCollection().modify({ format: 1 });
    expect(await csvText(db)).toBe(before);
    expect(before).toBe(await expectedCsv(db));
    expect(await db.csvBlocks.toArray()).toEqual(written);
  }, 30_000);

  it('only the missing or stale blocks are written again; written ahead in the background, none at the export', async () => {
    const db = await officerLog('Sari', 300);
    const rows = (await db.log.toArray()).map(({ seq: _seq, ...row }) => ({ ...row, id: `${row.id}-lama` }));
    // 600 posts as an older version wrote them (blocks 1–3 lack them), and block 0 under an older rule.
    await db.log.bulkAdd([...rows, ...rows.map((row) => ({ ...row, id: `${row.id}-2` }))] as StoredLogRow[]);
    await db.csvBlocks.update(0, { format: 1 });
    const expected = await expectedCsv(db);
    const first = await blockWritesDuring(() => csvText(db).then((csv) => expect(csv).toBe(expected)));
    expect(first.sort()).toEqual([0, 1, 2, 3]);
    expect(await blockWritesDuring(() => csvText(db))).toEqual([]);

    // The same, written ahead by prepareCsvBlocks (the dashboard, once it has drawn its figures).
    await db.csvBlocks.toCollection().modify({ format: 1 });
    await db.csvBlocks.delete(2);
    expect(await prepareCsvBlocks(db)).toBe(4);
    expect(await prepareCsvBlocks(db)).toBe(0);
    expect(await blockWritesDuring(() => csvText(db).then((csv) => expect(csv).toBe(expected)))).toEqual([]);
  }, 30_000);

  it('blocks in the row-per-object layout of version 7–9 are dropped and written again from the log', async () => {
    const source = await officerLog('Sari', 30);
    const rows = await source.log.toArray();
    const name = `export-old-${++n}`;
    const old = new Dexie(name);
    old.version(9).stores({ log: '++seq, &id, postedAt, platform, itemId, officerName, chain, updates, dismisses', csvBlocks: '&block', meta: '&key' });
    await old.table('log').bulkAdd(rows);
    // The old layout: one object per row, keyed by seq (never readable as columns).
    await old.table('csvBlocks').put({ block: 0, rows: Object.fromEntries(rows.map((r) => [r.seq, { seq: r.seq, line: 'lama\r\n' }])) });
    old.close();
    const db = openDb(name);
    expect(await csvText(db)).toBe(await expectedCsv(db));
    expect(await storedLines(db)).toBe(30);
  });
});

describe('JSON export and import', () => {
  it('merges two officers, skips duplicates on re-import and verifies each chain', async () => {
    const sari = await officerLog('Sari', 5);
    const budi = await officerLog('Budi', 4);
    const supervisor = openDb(`export-${++n}`);
    const fromSari = JSON.stringify(await exportJson(sari));
    const first = await importJson(supervisor, fromSari);
    expect(first).toMatchObject({ added: 5, duplicates: 0 });
    expect(first.chains[0]?.check.ok).toBe(true);
    expect(await importJson(supervisor, JSON.stringify(await exportJson(budi)))).toMatchObject({ added: 4, duplicates: 0 });
    expect(await importJson(supervisor, fromSari)).toMatchObject({ added: 0, duplicates: 5 });
    expect(await supervisor.log.count()).toBe(9);
    expect((await checkChains(supervisor)).every((r) => r.check.ok)).toBe(true);

    const tampered = JSON.parse(fromSari);
    tampered.chains[0].entries[2].text = 'diubah';
    const other = openDb(`export-${++n}`);
    const report = await importJson(other, JSON.stringify(tampered));
    expect(report.chains[0]?.check).toMatchObject({ ok: false, firstBrokenId: tampered.chains[0].entries[2].id });
  });

  it('never lets an import extend the local chain: not with this browser\'s own chain id, nor "local"', async () => {
    const sari = await officerLog('Sari', 3);
    const own = await exportJson(sari);
    for (const id of [own.chains[0]!.id, 'local']) {
      const file = { ...own, chains: [{ ...own.chains[0]!, id }] };
      await importJson(sari, JSON.stringify(file));
      const before = await sari.log.where('chain').equals('local').count();
      await appendLogEntry(sari, { platform: 'x', itemId: 'baru', itemVersion: 1, program: 'P', mediaIds: [], text: 't', edited: false, account: '', pageUrl: '', officerName: 'Sari', agency: 'D' });
      expect(await sari.log.where('chain').equals('local').count()).toBe(before + 1);
    }
    const foreign = openDb(`export-${++n}`);
    await importJson(foreign, JSON.stringify({ ...own, chains: [{ ...own.chains[0]!, id: 'local' }] }));
    expect(await foreign.log.where('chain').equals('local').count()).toBe(0);
    expect((await checkChains(foreign)).map((c) => c.chain)).toEqual(['import:local']);
  });

  it('removes duplicate ids inside a file first, and keeps a broken chain apart, marked as such', async () => {
    const sari = await officerLog('Sari', 4);
    const file = await exportJson(sari);
    const entries = file.chains[0]!.entries;
    const withDuplicate = { ...file, chains: [{ ...file.chains[0]!, entries: [...entries.slice(0, 2), entries[1]!, ...entries.slice(2)] }] };
    const db = openDb(`export-${++n}`);
    const report = await importJson(db, JSON.stringify(withDuplicate));
    expect(report).toMatchObject({ added: 4, duplicates: 1 });
    expect(await db.log.count()).toBe(4);

    const broken = JSON.parse(JSON.stringify(file));
    broken.chains[0].id = 'rantai-budi';
    broken.chains[0].entries = broken.chains[0].entries.map((e: { id: string }) => ({ ...e, id: `${e.id}-b` }));
    const other = openDb(`export-${++n}`);
    const result = await importJson(other, JSON.stringify(broken));
    expect(result.chains[0]?.check.ok).toBe(false);
    expect((await checkChains(other)).map((c) => [c.chain, c.check.ok])).toEqual([['broken:rantai-budi', false]]);
  });

  it('refuses post addresses that are not https:// links, and oversized fields', async () => {
    const sari = await officerLog('Sari', 1);
    const file = await exportJson(sari);
    for (const change of [{ postUrl: 'javascript:alert(1)' }, { text: 'x'.repeat(70_001) }, { account: 'a'.repeat(201) }]) {
      const bad = { ...file, chains: [{ ...file.chains[0]!, entries: [{ ...file.chains[0]!.entries[0]!, ...change }] }] };
      const db = openDb(`export-${++n}`);
      await expect(importJson(db, JSON.stringify(bad))).rejects.toThrow('berkas ini bukan ekspor JSON catatan posting Humas Kanal');
      expect(await db.log.count()).toBe(0);
    }
  });

  it('refuses a file that is not an export, in plain words, adding nothing', async () => {
    const db = openDb(`export-${++n}`);
    for (const text of ['{"chains": "bukan"}', 'nama,platform\nSari,x', '']) {
      await expect(importJson(db, text)).rejects.toThrow('berkas ini bukan ekspor JSON catatan posting Humas Kanal');
    }
    expect(await db.log.count()).toBe(0);
  });
});

describe('log queries', () => {
  it('filters newest first, counts for charts and lists posts of withdrawn items', async () => {
    const db = await officerLog('Sari', 12);
    const keys = await filteredKeys(db, {});
    const rows = (await db.log.bulkGet(keys)) as StoredLogEntry[];
    expect(rows.map((r) => r!.postedAt)).toEqual([...rows.map((r) => r!.postedAt)].sort().reverse());
    expect(await filteredKeys(db, { platform: 'facebook' })).toHaveLength(4);
    expect(await filteredKeys(db, { edited: 'yes', program: 'Pendidikan' })).toHaveLength(2);
    const stats = await logStats(db, {});
    expect(stats.total).toBe(12);
    expect(Object.fromEntries(stats.perPlatform)).toEqual({ x: 4, facebook: 4, instagram: 4 });
    await db.withdrawn.put({ itemId: 'item-1', reason: 'withdrawn', at: '2026-11-22T00:00:00Z' });
    expect((await withdrawnFollowUp(db)).map((e) => e.itemId)).toEqual(['item-1', 'item-1', 'item-1']);
    expect(await filteredKeys(db, { withdrawnOnly: true })).toHaveLength(3);
  });
});
