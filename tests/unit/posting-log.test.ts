import { describe, expect, it } from 'vitest';
import { openDb } from '../../utils/storage/db';
import { appendLogEntry, GENESIS_HASH, verifyChain } from '../../utils/background/posting-log';

let n = 0;
const entryFields = (i: number) => ({
  platform: 'x' as const,
  itemId: `item-${i}`,
  itemVersion: 1,
  mediaIds: [`m-${i}`],
  text: `Teks ${i}`,
  edited: false,
  account: '@humas',
  pageUrl: 'https://x.com/compose/post',
  officerName: 'Sari',
  agency: 'Diskominfo',
  program: 'Kesehatan',
});

describe('posting log', () => {
  it('chains concurrent appends in order and queues each for the report outbox', async () => {
    const db = openDb(`log-${++n}`);
    const written = await Promise.all(Array.from({ length: 20 }, (_, i) => appendLogEntry(db, entryFields(i))));
    const rows = await db.log.orderBy('seq').toArray();
    expect(rows).toHaveLength(20);
    expect(rows[0]?.prevHash).toBe(GENESIS_HASH);
    rows.slice(1).forEach((row, i) => expect(row.prevHash).toBe(rows[i]?.hash));
    expect(new Set(written.map((e) => e.id)).size).toBe(20);
    expect(await db.outbox.count()).toBe(20);
    expect(await verifyChain(rows)).toEqual({ ok: true, checked: 20 });
  });

  it('names the first tampered entry', async () => {
    const db = openDb(`log-${++n}`);
    for (let i = 0; i < 5; i++) await appendLogEntry(db, entryFields(i));
    const rows = await db.log.orderBy('seq').toArray();
    const target = rows[2]!;
    await db.log.update(target.seq!, { text: 'Teks diubah diam-diam' });
    const check = await verifyChain(await db.log.orderBy('seq').toArray());
    expect(check).toEqual({ ok: false, checked: 3, firstBrokenId: target.id });
  });
});
