// Reports that survive outages (feed spec v1.2) between the extension's own upload code and the
// hub's app, on both databases: a hub restored from an older backup gets the part it lost, an entry
// refused for its content (text jsonb cannot hold, a post dated in the future) stops only itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHubApp } from '../../../hub/app';
import type { HubDatabase } from '../../../hub/database';
import { installIdentity } from '../../../utils/background/install-identity';
import { appendLogEntry, hashEntry, LOCAL_CHAIN } from '../../../utils/background/posting-log';
import { reportEntry, uploadOutbox } from '../../../utils/background/report-upload';
import { getMeta, openDb, type HumasDb } from '../../../utils/storage/db';
import type { Supervisor } from '../../../hub/accounts';
import { listPosts, postStats } from '../../../hub/queries';
import { BACKENDS, seedAgencies, TEST_PASSWORD_COST } from './hub-support';

const HUB = 'https://hub.test';
let browsers = 0;

describe.each(BACKENDS)('hub resync on %s', (_name, open) => {
  let db: HubDatabase;
  let app: ReturnType<typeof createHubApp>;
  let token: string;
  beforeAll(async () => {
    db = await open();
    token = (await seedAgencies(db)).tokens.malang;
    app = createHubApp(db, { script: '', style: '' }, { passwordCost: TEST_PASSWORD_COST });
  }, 60_000);
  afterAll(() => db?.close());

  const officer = async () => openDb(`hub-resync-${++browsers}`);
  const post = async (browser: HumasDb, n: number, extra: Record<string, unknown> = {}) =>
    appendLogEntry(browser, { platform: 'x', itemId: `item-${n}`, itemVersion: 1, program: 'Kesehatan', mediaIds: [], text: `Teks ${n}`, edited: false, account: '@humas', pageUrl: 'https://x.com/home', officerName: 'Sari', agency: 'Diskominfo Kota Malang', ...extra }, await installIdentity(browser));
  const upload = async (browser: HumasDb, officerName = 'Sari', hub = app, reportUrl = HUB) =>
    uploadOutbox({
      db: browser,
      reportUrl,
      identity: await installIdentity(browser),
      enrollment: { officerName, agency: 'Diskominfo Kota Malang', region: 'Kota Malang', reportToken: token },
      fetch: async (input, init) => hub.request(String(input), init),
      sleep: async () => undefined,
    });
  const stored = async (browser: HumasDb) => {
    const { installId } = await installIdentity(browser);
    return (await db.query<{ id: string }>('SELECT id FROM entries WHERE install_id = $1 ORDER BY received_at, id', [installId])).map((r) => r.id);
  };
  /** Rewrites the newest entry as an older extension (one that did not clean its fields) would have written it. */
  const uncleaned = async (browser: HumasDb, fields: Record<string, unknown>) => {
    const last = (await browser.log.orderBy('seq').last())!;
    const { seq: _seq, chain: _chain, hash: _hash, signature: _signature, ...entry } = { ...last, ...fields };
    const hash = await hashEntry(entry);
    await browser.log.update(last.seq!, { ...fields, hash, signature: await (await installIdentity(browser)).sign(hash) });
  };
  const chain = async (browser: HumasDb) => (await browser.log.orderBy('seq').toArray()).filter((r) => r.chain === LOCAL_CHAIN).map((r) => r.id);

  it('a hub restored from a backup taken before the last two posts is sent them again, in order, none refused', async () => {
    const browser = await officer();
    for (let n = 0; n < 3; n++) await post(browser, n);
    await upload(browser);
    const { installId } = await installIdentity(browser);
    const [backup] = await db.query<{ chain_head: string }>('SELECT chain_head FROM installs WHERE install_id = $1', [installId]);
    const kept = await stored(browser);
    for (let n = 3; n < 5; n++) await post(browser, n);
    await upload(browser);
    expect(await stored(browser)).toHaveLength(5);
    // The restore: the install's rows as the backup had them.
    await db.query('DELETE FROM entries WHERE install_id = $1 AND NOT (id = ANY($2))', [installId, kept]);
    await db.query('UPDATE installs SET chain_head = $2 WHERE install_id = $1', [installId, backup!.chain_head]);
    await post(browser, 5);
    expect(await upload(browser)).toMatchObject({ pending: 0, refused: 0, lastError: undefined });
    expect((await stored(browser)).sort()).toEqual((await chain(browser)).sort());
    // Linked as one chain: every stored entry's predecessor is stored too (or is the genesis).
    const rows = await db.query<{ hash: string; prev_hash: string }>('SELECT hash, prev_hash FROM entries WHERE install_id = $1', [installId]);
    const hashes = new Set(rows.map((r) => r.hash));
    expect(rows.filter((r) => !hashes.has(r.prev_hash)).map((r) => r.prev_hash)).toEqual([(await installIdentity(browser)).genesis]);
  });

  it('NUL, a lone surrogate and a post dated an hour ahead are refused one by one with reasons; the entries after them are stored', async () => {
    const browser = await officer();
    await post(browser, 0);
    // What jsonb cannot hold, as an extension that did not clean its fields wrote it.
    await post(browser, 1);
    await uncleaned(browser, { text: 'a\u0000b' });
    await post(browser, 2);
    await uncleaned(browser, { account: '@humas\uD800' });
    await post(browser, 3, { postedAt: new Date(Date.now() + 60 * 60_000).toISOString() });
    await post(browser, 4);
    const result = await upload(browser);
    expect(result).toMatchObject({ sent: 2, refused: 3, pending: 0 });
    const ids = await chain(browser);
    expect(await getMeta(browser, 'reportRefused')).toEqual([
      { id: ids[1], reason: 'format' },
      { id: ids[2], reason: 'format' },
      { id: ids[3], reason: 'time' },
    ]);
    expect((await stored(browser)).sort()).toEqual([ids[0], ids[4]].sort());
    const { installId } = await installIdentity(browser);
    const refusals = await db.query<{ entry_id: string; reason: string; hash: string }>('SELECT entry_id, reason, hash FROM rejections WHERE install_id = $1 ORDER BY at', [installId]);
    expect(refusals.map((r) => [r.entry_id, r.reason])).toEqual([[ids[1], 'format'], [ids[2], 'format'], [ids[3], 'time']]);
    // Sent again (as a resync would), they are answered the same and not recorded twice.
    const again = await app.request('/v1/posts', { method: 'POST', body: JSON.stringify({ installId, entries: (await browser.log.orderBy('seq').toArray()).map(reportEntry) }) });
    expect(await again.json()).toMatchObject({ accepted: 0, duplicates: 2, rejected: [{ id: ids[1], reason: 'format' }, { id: ids[2], reason: 'format' }, { id: ids[3], reason: 'time' }] });
    expect(await db.query('SELECT 1 FROM rejections WHERE install_id = $1', [installId])).toHaveLength(3);
  });

  it('a policy-set name of 1,000 characters and a 10,000-character programme reach the hub as storable entries of the enrolled officer', async () => {
    const browser = await officer();
    // The 200th unit would be the first half of the emoji: the name is cut before it on both sides.
    const longName = `${'Sari Dewi '.repeat(19)}Sari Dewi😀${'i'.repeat(800)}`;
    await post(browser, 0, { officerName: longName, program: 'Program '.repeat(1250), text: 'Teks\u0000 dengan NUL' });
    expect(await upload(browser, longName)).toMatchObject({ sent: 1, refused: 0, pending: 0 });
    const { installId } = await installIdentity(browser);
    const [row] = await db.query<{ officer_name: string; program: string }>('SELECT i.officer_name, e.program FROM entries e JOIN installs i USING (install_id) WHERE e.install_id = $1', [installId]);
    expect(row!.officer_name).toBe(longName.slice(0, 199));
    expect(row!.program).toHaveLength(200);
  });

  it('supervisors see each refusal with its officer and reason (a resync is not one), and posts that arrived over a week late', async () => {
    const browser = await officer();
    await post(browser, 0, { postedAt: new Date(Date.now() - 9 * 86_400_000).toISOString() });
    await post(browser, 1, { postedAt: new Date(Date.now() + 60 * 60_000).toISOString() });
    const national: Supervisor = { id: 0, username: 'nasional', role: 'national', agencyId: null };
    const timeRefusals = async () => (await postStats(db, national, {}, 'Asia/Jakarta')).refusals.find((r) => r.officer === 'Sari' && r.reason === 'time')?.n ?? 0;
    const before = await timeRefusals();
    await upload(browser);
    expect(await timeRefusals()).toBe(before + 1);
    const stats = await postStats(db, national, {}, 'Asia/Jakarta');
    expect(stats.refusals.some((r) => r.reason === 'chain')).toBe(false);
    const [late] = await chain(browser);
    const posts = await listPosts(db, national, {}, 0, 500);
    expect(posts.find((p) => p.id === late)?.arrivedDaysLate).toBe(9);
    // Posts that arrived when they were made carry no flag.
    expect(posts.filter((p) => p.id !== late).every((p) => p.arrivedDaysLate === undefined)).toBe(true);
  });

  it('a renamed officer: the whole chain reaches a new hub, and a hub restored from before the rename learns the new name', async () => {
    const browser = await officer();
    await post(browser, 0);
    await upload(browser);
    await post(browser, 1, { officerName: 'Sari Dewi' });
    expect(await upload(browser, 'Sari Dewi')).toMatchObject({ sent: 1, refused: 0 });
    // A second, empty hub: the entries from before the rename carry the old name.
    const otherDb = await open();
    try {
      const otherToken = (await seedAgencies(otherDb)).tokens.malang;
      const other = createHubApp(otherDb, { script: '', style: '' }, { passwordCost: TEST_PASSWORD_COST });
      const result = await uploadOutbox({
        db: browser, reportUrl: 'https://hub-baru.test', identity: await installIdentity(browser),
        enrollment: { officerName: 'Sari Dewi', agency: 'Diskominfo Kota Malang', region: 'Kota Malang', reportToken: otherToken },
        fetch: async (input, init) => other.request(String(input), init), sleep: async () => undefined,
      });
      expect(result).toMatchObject({ sent: 2, refused: 0, pending: 0 });
      const { installId } = await installIdentity(browser);
      expect(await otherDb.query('SELECT officer_name FROM installs WHERE install_id = $1', [installId])).toEqual([{ officer_name: 'Sari Dewi' }]);
    } finally {
      await otherDb.close();
    }
    // The first hub restored from a backup taken before the rename: it knows only "Sari".
    const { installId } = await installIdentity(browser);
    await db.query("UPDATE installs SET officer_name = 'Sari' WHERE install_id = $1", [installId]);
    await db.query('DELETE FROM install_names WHERE install_id = $1', [installId]);
    await post(browser, 2, { officerName: 'Sari Dewi' });
    expect(await upload(browser, 'Sari Dewi')).toMatchObject({ refused: 0, pending: 0 });
    expect((await stored(browser)).sort()).toEqual((await chain(browser)).sort());
  });
});
