import { describe, expect, it } from 'vitest';
import { openDb, type StoredLogEntry, type StoredLogUpdate } from '../../utils/storage/db';
import { appendLogEntry, appendLogUpdate, GENESIS_HASH, hashEntry, verifyChain } from '../../utils/background/posting-log';

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
    await db.log.update(target.seq!, { text: 'Teks diubah diam-diam' } as Partial<StoredLogEntry>);
    const check = await verifyChain(await db.log.orderBy('seq').toArray());
    expect(check).toEqual({ ok: false, checked: 3, firstBrokenId: target.id });
  });

  it('covers every shown field: programme, status and an update\'s post address are hashed too', async () => {
    for (const edit of [{ program: 'Lain' }, { status: 'confirmed' }]) {
      const db = openDb(`log-${++n}`);
      const post = await appendLogEntry(db, entryFields(0));
      await db.log.update(post.seq!, edit as Partial<StoredLogEntry>);
      expect(await verifyChain(await db.log.orderBy('seq').toArray())).toEqual({ ok: false, checked: 1, firstBrokenId: post.id });
    }
    const db = openDb(`log-${++n}`);
    const post = await appendLogEntry(db, entryFields(0));
    const update = await appendLogUpdate(db, { updates: post.id, status: 'confirmed', postUrl: 'https://x.com/humas/status/1' });
    expect((await db.log.get(post.seq!)) as StoredLogEntry).toMatchObject({ status: 'unconfirmed', latest: { status: 'confirmed', postUrl: 'https://x.com/humas/status/1' } });
    await db.log.update(update.seq!, { postUrl: 'https://x.com/orang-lain/status/2' } as Partial<StoredLogUpdate>);
    expect(await verifyChain(await db.log.orderBy('seq').toArray())).toEqual({ ok: false, checked: 2, firstBrokenId: update.id });
  });

  it('still verifies chains written before statuses existed', async () => {
    const legacy = { id: 'a', postedAt: '2026-11-01T00:00:00.000Z', platform: 'x', itemId: 'i', itemVersion: 1, mediaIds: [], text: 't', edited: false, account: '', pageUrl: '', officerName: 'S', agency: 'D', prevHash: GENESIS_HASH };
    const hash = await hashEntry(legacy);
    expect(await verifyChain([{ ...legacy, hash, program: 'Kesehatan', postUrl: 'https://x.com/a' } as never])).toEqual({ ok: true, checked: 1 });
  });
});
