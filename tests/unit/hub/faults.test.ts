// The hub under faults, with the extension's own outbox as the client (on a PostgreSQL cluster of
// this file's own, since one test stops it): a hub killed mid-batch, the database down, and two
// hub processes ingesting the same 100,000 entries at once. Every entry is stored exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAgency } from '../../../hub/accounts';
import { migrate, openDatabase, type HubDatabase } from '../../../hub/database';
import { startHub } from '../../../hub/server';
import { createOfficer } from '../../../hub/simulated-officer';
import { installIdentity } from '../../../utils/background/install-identity';
import { appendLogEntry } from '../../../utils/background/posting-log';
import { uploadOutbox, type UploadDeps } from '../../../utils/background/report-upload';
import { openDb, type HumasDb } from '../../../utils/storage/db';
import { spawnHub } from '../../support/hub-process';
import { startPostgres, type TestPostgres } from '../../support/postgres';

const TOKEN = 'token-instansi-malang-untuk-uji';
let cluster: TestPostgres;
let n = 0;

async function hubDatabase(): Promise<{ url: string; db: HubDatabase }> {
  const url = await cluster.createDatabase('faults');
  const db = await openDatabase({ databaseUrl: url });
  await migrate(db);
  await addAgency(db, 'kominfo-malang', 'Diskominfo Kota Malang', TOKEN);
  return { url, db };
}

async function officerBrowser(count: number): Promise<HumasDb> {
  const db = openDb(`hub-faults-${++n}`);
  const identity = await installIdentity(db);
  for (let i = 0; i < count; i++) {
    await appendLogEntry(db, { platform: 'x', itemId: `item-${i % 7}`, itemVersion: 1, program: 'Kesehatan', mediaIds: [], text: `Teks ${i}`, edited: false, account: '@humas', pageUrl: 'https://x.com/compose/post', officerName: 'Sari', agency: 'Diskominfo Kota Malang' }, identity);
  }
  return db;
}

const uploader = async (db: HumasDb, reportUrl: string, extra: Partial<UploadDeps> = {}): Promise<UploadDeps> => ({
  db, reportUrl, identity: await installIdentity(db), enrollment: { officerName: 'Sari', agency: 'Diskominfo Kota Malang', region: 'Kota Malang', reportToken: TOKEN }, timeoutMs: 10_000, ...extra,
});

const rowCount = async (db: HubDatabase) => (await db.query<{ n: number; ids: number }>('SELECT count(*)::int AS n, count(DISTINCT id)::int AS ids FROM entries'))[0]!;

beforeAll(async () => {
  cluster = await startPostgres();
}, 60_000);
afterAll(() => cluster?.destroy());

describe('hub faults', () => {
  it('a hub killed mid-batch and restarted ends with every entry exactly once', { timeout: 120_000 }, async () => {
    const { url, db } = await hubDatabase();
    const browser = await officerBrowser(3000);
    let hub = await spawnHub(url);
    const port = new URL(hub.url).port;
    // The officer's browser starts sending; the hub is killed as the second batch goes out (the
    // first one answered), counted by requests, not by a guess at how long a batch takes.
    let clock = 0;
    let batches = 0;
    let killed: Promise<void> | undefined;
    const killOnSecondBatch: typeof fetch = (input, init) => {
      const sending = fetch(input, init);
      if (String(input).endsWith('/v1/posts') && ++batches === 2) killed = hub.kill();
      return sending;
    };
    const interrupted = await uploadOutbox(await uploader(browser, hub.url, { now: () => clock, sleep: async (ms) => void (clock += ms), fetch: killOnSecondBatch }));
    await killed;
    expect(batches).toBeGreaterThanOrEqual(2);
    expect(interrupted.pending).toBeGreaterThan(0);
    // One transaction per batch: what the dead hub stored is whole batches.
    expect((await rowCount(db)).n % 1000).toBe(0);
    hub = await spawnHub(url, Number(port));
    clock += 3600_000;
    const resumed = await uploadOutbox(await uploader(browser, hub.url, { now: () => clock }));
    expect(resumed).toMatchObject({ pending: 0, refused: 0 });
    expect(await rowCount(db)).toEqual({ n: 3000, ids: 3000 });
    expect(await browser.outbox.count()).toBe(0);
    await hub.kill();
    await db.close();
  });

  it('answers 503 while the database is down; the outbox keeps its entries and delivers them after', { timeout: 120_000 }, async () => {
    const { url, db } = await hubDatabase();
    await db.close();
    const hub = await startHub({ databaseUrl: url, port: 0, assets: { script: '', style: '' } });
    const browser = await officerBrowser(30);
    let clock = 0;
    const deps = await uploader(browser, hub.url, { now: () => clock, sleep: async (ms) => void (clock += ms) });
    expect(await uploadOutbox(deps)).toMatchObject({ sent: 30, pending: 0 });
    await appendLogEntry(browser, { platform: 'facebook', itemId: 'item-x', itemVersion: 1, program: 'Kesehatan', mediaIds: [], text: 'Saat basis data mati', edited: false, account: '', pageUrl: 'https://www.facebook.com/', officerName: 'Sari', agency: 'Diskominfo Kota Malang' }, await installIdentity(browser));
    cluster.stop();
    const statuses: number[] = [];
    const watched: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      statuses.push(res.status);
      return res;
    };
    const down = await uploadOutbox({ ...deps, fetch: watched });
    expect(statuses.every((s) => s === 503)).toBe(true);
    expect(down).toMatchObject({ sent: 0, pending: 1, lastError: 'HTTP 503' });
    cluster.start();
    clock += 3600_000;
    expect(await uploadOutbox({ ...deps, fetch: watched })).toMatchObject({ sent: 1, pending: 0 });
    const check = await openDatabase({ databaseUrl: url });
    expect(await rowCount(check)).toEqual({ n: 31, ids: 31 });
    await check.close();
    await hub.close();
  });

  it('two hub processes ingesting the same 100,000 entries at once store 100,000 rows, each accepted once', { timeout: 300_000 }, async () => {
    const { url, db } = await hubDatabase();
    const hubs = await Promise.all([spawnHub(url), spawnHub(url)]);
    const officers = Array.from({ length: 10 }, (_, i) => createOfficer(`Petugas ${i}`, 'Diskominfo Kota Malang'));
    // Like the extension, a client sends again when a connection fails (at least once; the hub counts duplicates).
    const post = async (hubUrl: string, path: string, body: unknown, token?: string): Promise<{ status: number; body: { accepted: number; duplicates: number } }> => {
      for (let attempt = 1; ; attempt++) {
        try {
          const res = await fetch(`${hubUrl}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
          return { status: res.status, body: (await res.json()) as { accepted: number; duplicates: number } };
        } catch (err) {
          if (attempt === 3) throw new Error(`${(err as Error).message}; hub output: ${hubs.map((h) => h.output().slice(-2000)).join(' | ')}`);
        }
      }
    };
    const totals = { accepted: 0, duplicates: 0 };
    // Each officer's 10,000 entries go in batches of 1,000 to both hubs at the same moment.
    await Promise.all(
      officers.map(async (officer) => {
        await Promise.all(hubs.map((hub) => post(hub.url, '/v1/installs', officer.enrollment, TOKEN)));
        for (let batch = 0; batch < 10; batch++) {
          const entries = officer.posts(1000);
          for (const answer of await Promise.all(hubs.map((hub) => post(hub.url, '/v1/posts', { installId: officer.installId, entries })))) {
            expect(answer.status).toBe(200);
            totals.accepted += answer.body.accepted;
            totals.duplicates += answer.body.duplicates;
          }
        }
      }),
    );
    expect(await rowCount(db)).toEqual({ n: 100_000, ids: 100_000 });
    // Each entry accepted by exactly one hub; the other (and any re-send) saw it as a duplicate.
    expect(totals.accepted).toBe(100_000);
    expect(totals.duplicates).toBeGreaterThanOrEqual(100_000);
    await Promise.all(hubs.map((hub) => hub.kill()));
    await db.close();
  });
});
