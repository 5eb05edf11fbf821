// The outbox against the real local report endpoint (enrolled, signed reports, feed spec v1.1):
// flaky server, stop mid-way, nothing lost or doubled; forged entries refused and counted.
import { generateKeyPairSync, sign } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { startLibraryServer, type LibraryServer } from '../../library/server';
import { installIdentity } from '../../utils/background/install-identity';
import { appendLogEntry, hashEntry } from '../../utils/background/posting-log';
import { REPORT_BACKOFF, uploadOutbox, type UploadDeps } from '../../utils/background/report-upload';
import { retryDelayMs } from '../../utils/background/retry-backoff';
import { openDb, type HumasDb, type StoredLogRow } from '../../utils/storage/db';

let server: LibraryServer | undefined;
let n = 0;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const fields = (i: number) => ({ platform: 'x', itemId: `item-${i}`, itemVersion: 1, program: 'Kesehatan', mediaIds: [], text: `Teks ${i}`, edited: false, account: '', pageUrl: 'https://x.com/compose/post', officerName: 'Sari', agency: 'Diskominfo' });

async function logEntries(db: HumasDb, count: number, signed = true) {
  const identity = signed ? await installIdentity(db) : undefined;
  for (let i = 0; i < count; i++) await appendLogEntry(db, fields(i), identity);
}

async function deps(db: HumasDb, reportUrl: string, extra: Partial<UploadDeps> = {}): Promise<UploadDeps> {
  return { db, reportUrl, identity: await installIdentity(db), enrollment: { officerName: 'Sari', agency: 'Diskominfo', region: 'Kota Malang' }, ...extra };
}

describe('report upload', () => {
  it('backs off exponentially, capped, with jitter between half and one and a half times', () => {
    expect([1, 2, 3, 4].map((f) => retryDelayMs(f, REPORT_BACKOFF, () => 0.5))).toEqual([1000, 2000, 4000, 8000]);
    expect(retryDelayMs(30, REPORT_BACKOFF, () => 0.5)).toBe(10 * 60_000);
    expect([retryDelayMs(3, REPORT_BACKOFF, () => 0), retryDelayMs(3, REPORT_BACKOFF, () => 0.999)]).toEqual([2000, 5996]);
  });

  it('enrolls once, then retries through a server that fails every third request and sends each entry exactly once', { timeout: 30_000 }, async () => {
    server = await startLibraryServer();
    server.setReportFlaky(true);
    const db = openDb(`upload-${++n}`);
    await logEntries(db, 2500);
    let clock = 0;
    const result = await uploadOutbox(await deps(db, server.url, { now: () => clock, sleep: async (ms) => void (clock += ms) }));
    expect(result).toEqual({ sent: 2500, pending: 0, refused: 0, lastError: undefined });
    expect(server.reports.size).toBe(2500);
    expect({ lost: server.lost((await db.log.toArray()).map((e) => e.id)), doubled: server.doubled() }).toEqual({ lost: 0, doubled: 0 });
    expect(server.ledger.installs()).toEqual([expect.objectContaining({ installId: (await installIdentity(db)).installId, officerName: 'Sari', region: 'Kota Malang' })]);
    // Requests 1 and 4 fail: 3 batches take 5 requests.
    expect(server.stats.reportRequests).toBe(5);
    // The waits between them came from the outbox's one backoff (1 s, then 1 s again after a success), with jitter.
    expect(clock).toBeGreaterThanOrEqual(1000);
    expect(clock).toBeLessThanOrEqual(3000);
  });

  it('keeps entries in the outbox while the endpoint is down and sends them later', async () => {
    const db = openDb(`upload-${++n}`);
    await logEntries(db, 3);
    let clock = 0;
    const down = await uploadOutbox(await deps(db, 'http://127.0.0.1:9', { now: () => clock, sleep: async (ms) => void (clock += ms) }));
    expect(down.sent).toBe(0);
    expect(down.pending).toBe(3);
    expect(down.lastError).toBeTruthy();
    server = await startLibraryServer();
    clock += 60 * 60_000;
    const up = await uploadOutbox(await deps(db, server.url, { now: () => clock }));
    expect(up).toMatchObject({ sent: 3, pending: 0 });
    expect([...server.reports.keys()].sort()).toEqual((await db.log.toArray()).map((e) => e.id).sort());
    expect(server.doubled()).toBe(0);
  });

  it('needs the agency token to enroll, and says so when it is wrong', async () => {
    server = await startLibraryServer({ reportToken: 'rahasia-instansi' });
    const db = openDb(`upload-${++n}`);
    await logEntries(db, 2);
    const wrong = await uploadOutbox(await deps(db, server.url, { enrollment: { officerName: 'Sari', agency: 'D', region: 'R', reportToken: 'salah' } }));
    expect(wrong).toMatchObject({ sent: 0, pending: 2, lastError: 'Server laporan menolak token pendaftaran instansi — hubungi IT instansi' });
    const right = await uploadOutbox(await deps(db, server.url, { enrollment: { officerName: 'Sari', agency: 'D', region: 'R', reportToken: 'rahasia-instansi' } }));
    expect(right).toMatchObject({ sent: 2, pending: 0 });
  });

  it('enrolls an officer who has not posted yet (the hub lists who has not posted), and says at once when the token is wrong', async () => {
    server = await startLibraryServer({ reportToken: 'rahasia-instansi' });
    const db = openDb(`upload-${++n}`);
    const wrong = await uploadOutbox(await deps(db, server.url, { enrollment: { officerName: 'Sari', agency: 'D', region: 'R', reportToken: 'salah' } }));
    expect(wrong).toMatchObject({ sent: 0, pending: 0, lastError: 'Server laporan menolak token pendaftaran instansi — hubungi IT instansi' });
    expect(server.ledger.installs()).toEqual([]);
    const right = await uploadOutbox(await deps(db, server.url, { enrollment: { officerName: 'Sari', agency: 'D', region: 'R', reportToken: 'rahasia-instansi' }, force: true }));
    expect(right).toMatchObject({ sent: 0, pending: 0, lastError: undefined });
    expect(server.ledger.installs()).toEqual([expect.objectContaining({ installId: (await installIdentity(db)).installId, officerName: 'Sari' })]);
  });

  it('entries logged before the install had keys are signed when sent, as they are', async () => {
    server = await startLibraryServer();
    const db = openDb(`upload-${++n}`);
    await logEntries(db, 3, false);
    expect((await db.log.toArray()).every((row) => !row.signature)).toBe(true);
    expect(await uploadOutbox(await deps(db, server.url))).toMatchObject({ sent: 3, refused: 0, pending: 0 });
    expect([...server.reports.values()].every((e) => typeof e.signature === 'string')).toBe(true);
  });
});

describe('report upload, signing behind the network', () => {
  it('signs the next batch while the current one is on the wire, and sends every entry once', { timeout: 60_000 }, async () => {
    server = await startLibraryServer();
    const db = openDb(`upload-${++n}`);
    await logEntries(db, 1200, false);
    const base = await deps(db, server.url);
    let signs = 0;
    const identity = { ...base.identity, sign: (hash: string) => (signs++, base.identity.sign(hash)) };
    const signsWhileFirstBatchOnTheWire: number[] = [];
    const allSigned = () => new Promise<void>((resolve) => {
      const check = () => (signs >= 1200 ? resolve() : setTimeout(check, 5));
      check();
    });
    const fetchFirstBatchLate: typeof fetch = async (url, init) => {
      if (String(url).endsWith('/v1/posts') && signsWhileFirstBatchOnTheWire.length === 0) {
        // The first batch's answer waits for the second batch to be signed; without read-ahead that
        // never happens, and the bound below ends the wait so the test fails rather than hangs.
        await Promise.race([allSigned(), new Promise((r) => setTimeout(r, 5_000))]);
        signsWhileFirstBatchOnTheWire.push(signs);
      }
      return fetch(url, init);
    };
    expect(await uploadOutbox({ ...base, identity, fetch: fetchFirstBatchLate })).toMatchObject({ sent: 1200, refused: 0, pending: 0 });
    expect(signsWhileFirstBatchOnTheWire).toEqual([1200]);
    expect(server.reports.size).toBe(1200);
    expect(signs).toBe(1200);
  });
});

describe('the report server refuses forged entries, and counts them', () => {
  it('wrong key, an edited field, a valid entry replayed under another id, a chain break; an unenrolled install', async () => {
    server = await startLibraryServer();
    const db = openDb(`upload-${++n}`);
    await logEntries(db, 2);
    await uploadOutbox(await deps(db, server.url));
    const identity = await installIdentity(db);
    const [first, second] = (await db.log.orderBy('seq').toArray()) as (StoredLogRow & Record<string, unknown>)[];
    const clean = ({ seq: _s, chain: _c, latest: _l, ...e }: StoredLogRow & Record<string, unknown>) => e as Record<string, unknown>;
    const post = (body: unknown) => fetch(`${server!.url}/v1/posts`, { method: 'POST', body: JSON.stringify(body) });
    const resign = async (entry: Record<string, unknown>) => {
      const hash = await hashEntry(entry);
      return { ...entry, hash, signature: await identity.sign(hash) };
    };
    const stranger = generateKeyPairSync('ed25519').privateKey;
    const wrongKey: Record<string, unknown> = { ...(await resign({ ...clean(second!), id: crypto.randomUUID(), text: "palsu" })) };
    wrongKey.signature = sign(null, Buffer.from(wrongKey.hash as string), stranger).toString('base64');
    const edited = { ...clean(second!), id: crypto.randomUUID(), text: 'diubah setelah ditandatangani' };
    const replayed = { ...clean(first!), id: crypto.randomUUID() };
    const chainBreak: Record<string, unknown> = await resign({ ...clean(second!), id: crypto.randomUUID(), prevHash: 'f'.repeat(64) });
    const res = await post({ installId: identity.installId, entries: [wrongKey, edited, replayed, chainBreak] });
    expect(res.status).toBe(422);
    expect((await res.json()).rejected).toEqual([
      { id: wrongKey.id, reason: 'signature' },
      { id: edited.id, reason: 'hash' },
      { id: replayed.id, reason: 'hash' },
      { id: chainBreak.id, reason: 'chain' },
    ]);
    expect(server.ledger.rejected).toHaveLength(4);
    expect(server.reports.size).toBe(2);

    const unenrolled = await post({ installId: crypto.randomUUID(), entries: [clean(first!)] });
    expect(unenrolled.status).toBe(401);
    expect(server.reports.size).toBe(2);
  });
});
