// The outbox against the real local report endpoint: flaky server, stop mid-way, nothing lost or doubled.
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type HumasDb } from '../../utils/storage/db';
import { appendLogEntry } from '../../utils/background/posting-log';
import { backoffMs, uploadOutbox } from '../../utils/background/report-upload';
import { startLibraryServer, type LibraryServer } from '../../library/server';

let server: LibraryServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function logEntries(db: HumasDb, count: number) {
  for (let i = 0; i < count; i++) {
    await appendLogEntry(db, { platform: 'x', itemId: `item-${i}`, itemVersion: 1, program: 'Kesehatan', mediaIds: [], text: `Teks ${i}`, edited: false, account: '', pageUrl: 'https://x.com/compose/post', officerName: 'Sari', agency: 'Diskominfo' });
  }
}

describe('report upload', () => {
  it('backs off exponentially, capped', () => {
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffMs(30)).toBe(15 * 60_000);
  });

  it('retries through a server that fails every third request and sends each entry exactly once', async () => {
    server = await startLibraryServer();
    server.setReportFlaky(true);
    const db = openDb('upload-1');
    await logEntries(db, 2500);
    let clock = 0;
    const result = await uploadOutbox({ db, reportUrl: server.url, now: () => clock, sleep: async (ms) => void (clock += ms) });
    expect(result).toEqual({ sent: 2500, pending: 0, lastError: undefined });
    expect(server.reports.size).toBe(2500);
    expect({ lost: server.lost((await db.log.toArray()).map((e) => e.id)), doubled: server.doubled() }).toEqual({ lost: 0, doubled: 0 });
    // Requests 1 and 4 fail: 3 batches take 5 requests.
    expect(server.stats.reportRequests).toBe(5);
  });

  it('keeps entries in the outbox while the endpoint is down and sends them later', async () => {
    const db = openDb('upload-2');
    await logEntries(db, 3);
    let clock = 0;
    const down = await uploadOutbox({ db, reportUrl: 'http://127.0.0.1:9', now: () => clock, sleep: async (ms) => void (clock += ms) });
    expect(down.sent).toBe(0);
    expect(down.pending).toBe(3);
    expect(down.lastError).toBeTruthy();
    server = await startLibraryServer();
    clock += 60 * 60_000;
    const up = await uploadOutbox({ db, reportUrl: server.url, now: () => clock });
    expect(up).toMatchObject({ sent: 3, pending: 0 });
    expect([...server.reports.keys()].sort()).toEqual((await db.log.toArray()).map((e) => e.id).sort());
    expect(server.doubled()).toBe(0);
  });
});
