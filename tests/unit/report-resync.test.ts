// Reports that survive outages (feed spec v1.2) against the real local report endpoint: the chain
// goes out as a prefix in order, a `chain` refusal is a resync from the server's last hash, a
// refusal for content stops only that entry, and the backoff outlives the worker.
import { afterEach, describe, expect, it } from 'vitest';
import { startLibraryServer, type LibraryServer } from '../../library/server';
import { installIdentity } from '../../utils/background/install-identity';
import { appendLogEntry, hashEntry, LOCAL_CHAIN } from '../../utils/background/posting-log';
import { uploadOutbox, type UploadDeps } from '../../utils/background/report-upload';
import { getMeta, openDb, type HumasDb, type StoredLogRow } from '../../utils/storage/db';

const servers: LibraryServer[] = [];
let n = 0;
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function server(): Promise<LibraryServer> {
  const started = await startLibraryServer();
  servers.push(started);
  return started;
}

const fields = (i: number) => ({ platform: 'x', itemId: `item-${i}`, itemVersion: 1, program: 'Kesehatan', mediaIds: [], text: `Teks ${i}`, edited: false, account: '', pageUrl: 'https://x.com/compose/post', officerName: 'Sari', agency: 'Diskominfo' });

async function log(db: HumasDb, from: number, count: number): Promise<void> {
  const identity = await installIdentity(db);
  for (let i = from; i < from + count; i++) await appendLogEntry(db, fields(i), identity);
}

/** An upload in test time: sleeps advance the clock; `fetch` is counted. */
function client(db: HumasDb, reportUrl: string, clock: { now: number; requests: number }): Promise<UploadDeps> {
  return installIdentity(db).then((identity) => ({
    db,
    reportUrl,
    identity,
    enrollment: { officerName: 'Sari', agency: 'Diskominfo', region: 'Kota Malang' },
    now: () => clock.now,
    sleep: async (ms: number) => void (clock.now += ms),
    fetch: (input: RequestInfo | URL, init?: RequestInit) => {
      clock.requests++;
      return fetch(input, init);
    },
  }));
}

const chainOrder = async (db: HumasDb) => (await db.log.orderBy('seq').toArray()).filter((r) => r.chain === LOCAL_CHAIN).map((r) => r.id);

describe('reports that survive outages', () => {
  it('an entry logged after an outage never goes before the entries still waiting from it', async () => {
    const hub = await server();
    const db = openDb(`resync-${++n}`);
    const clock = { now: 0, requests: 0 };
    let down = true;
    const deps = { ...(await client(db, hub.url, clock)), sleep: async () => undefined };
    const reaching = { ...deps, fetch: (input: RequestInfo | URL, init?: RequestInit) => (down ? Promise.reject(new TypeError('fetch failed')) : deps.fetch!(input, init)) };
    await log(db, 0, 2);
    expect(await uploadOutbox(reaching)).toMatchObject({ sent: 0, pending: 2 });
    // The server is back and a third post is logged while the first two still wait out their backoff:
    // sending it alone would make the server refuse it (its predecessors are missing).
    down = false;
    await log(db, 2, 1);
    expect(await uploadOutbox(reaching)).toMatchObject({ sent: 0, pending: 3 });
    expect(hub.reports.size).toBe(0);
    clock.now += 60 * 60_000;
    expect(await uploadOutbox(reaching)).toMatchObject({ sent: 3, pending: 0, refused: 0 });
    expect([...hub.reports.keys()]).toEqual(await chainOrder(db));
    expect(hub.ledger.rejected).toEqual([]);
  });

  it('a server restored from an older backup is sent the part it lost, from its last hash', async () => {
    const db = openDb(`resync-${++n}`);
    const clock = { now: 0, requests: 0 };
    const hub = await server();
    await log(db, 0, 3);
    await uploadOutbox(await client(db, hub.url, clock));
    const backup = hub.ledger.snapshot();
    await log(db, 3, 2);
    await uploadOutbox(await client(db, hub.url, clock));
    expect(hub.reports.size).toBe(5);
    // The restore: the server is back to a backup taken before the last two entries.
    hub.ledger.restore(backup);
    expect(hub.reports.size).toBe(3);
    await log(db, 5, 1);
    const result = await uploadOutbox(await client(db, hub.url, clock));
    expect(result).toMatchObject({ pending: 0, refused: 0, lastError: undefined });
    expect([...hub.reports.keys()].sort()).toEqual((await chainOrder(db)).sort());
    // The one refusal was the resync signal, not a loss.
    expect(hub.ledger.rejected.map((r) => r.reason)).toEqual(['chain']);
  });

  it('a new report address gets the whole chain, not only what was waiting', async () => {
    const db = openDb(`resync-${++n}`);
    const clock = { now: 0, requests: 0 };
    const first = await server();
    await log(db, 0, 4);
    await uploadOutbox(await client(db, first.url, clock));
    expect(await db.outbox.count()).toBe(0);
    const second = await server();
    expect(await uploadOutbox(await client(db, second.url, clock))).toMatchObject({ sent: 4, pending: 0 });
    expect([...second.reports.keys()]).toEqual(await chainOrder(db));
  });

  it('an entry refused for its content is shown with its reason and the entries after it still arrive', async () => {
    const db = openDb(`resync-${++n}`);
    const clock = { now: 0, requests: 0 };
    const hub = await server();
    await log(db, 0, 2);
    // The second entry's signature is damaged in the log (as a broken key store might leave it).
    const second = (await db.log.orderBy('seq').toArray())[1] as StoredLogRow;
    await db.log.update(second.seq!, { signature: Buffer.alloc(64).toString('base64') });
    await log(db, 2, 2);
    const result = await uploadOutbox(await client(db, hub.url, clock));
    expect(result).toMatchObject({ sent: 3, refused: 1, pending: 0 });
    expect(await getMeta(db, 'reportRefused')).toEqual([{ id: second.id, reason: 'signature' }]);
    expect([...hub.reports.keys()]).toEqual((await chainOrder(db)).filter((id) => id !== second.id));
    expect(await hashEntry({ ...second })).toBe(second.hash);
  });

  it('one backoff for the whole outbox, kept across worker restarts: no request before it runs out, unless the officer asks', async () => {
    const hub = await server();
    const db = openDb(`resync-${++n}`);
    const clock = { now: 0, requests: 0 };
    let down = true;
    const base = await client(db, hub.url, clock);
    // Each run stands for a worker that starts, tries, and is stopped: the backoff is in the database.
    const deps = { ...base, sleep: async () => undefined, fetch: (input: RequestInfo | URL, init?: RequestInit) => (down ? (clock.requests++, Promise.reject(new TypeError('fetch failed'))) : base.fetch!(input, init)) };
    await log(db, 0, 1);
    await uploadOutbox(deps);
    const afterFirst = clock.requests;
    const retry = await getMeta<{ failures: number; notBefore: number }>(db, 'reportRetry');
    expect(retry?.failures).toBeGreaterThanOrEqual(1);
    clock.now = retry!.notBefore - 1;
    down = false;
    await log(db, 1, 1); // a new post does not knock before the wait ends
    const waiting = await uploadOutbox(deps);
    expect(clock.requests).toBe(afterFirst);
    expect(waiting).toMatchObject({ sent: 0, pending: 2 });
    expect(waiting.lastError).toBeTruthy();
    expect(hub.reports.size).toBe(0);
    // "Kirim sekarang": the officer's own click does not wait.
    expect(await uploadOutbox({ ...deps, force: true })).toMatchObject({ sent: 2, pending: 0 });
    expect([...hub.reports.keys()]).toEqual(await chainOrder(db));
  });

  it('a batch too large for the server is sent in smaller ones, at once', async () => {
    const hub = await server();
    const db = openDb(`resync-${++n}`);
    const clock = { now: 0, requests: 0 };
    await log(db, 0, 6);
    const base = await client(db, hub.url, clock);
    // A server that takes at most 2 entries per upload (as a body limit would).
    const small = { ...base, fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
      const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as { entries?: unknown[] }) : {};
      if ((body.entries?.length ?? 0) > 2) return new Response('{"error":"too large"}', { status: 413 });
      return base.fetch!(input, init);
    } };
    expect(await uploadOutbox(small)).toMatchObject({ sent: 6, pending: 0 });
    expect([...hub.reports.keys()]).toEqual(await chainOrder(db));
  });
});
