// A post's row after its update entries, on both databases: the same whether the post and its
// updates arrive in one upload (folded into the post's row as it is inserted) or one entry per
// upload (each applied to the stored row), and a re-send changes nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HubDatabase } from '../../../hub/database';
import { createIngest } from '../../../hub/ingest';
import { createOfficer, type TestOfficer } from '../../../hub/simulated-officer';
import { BACKENDS, seedAgencies } from './hub-support';

type Row = Record<string, unknown>;

/** Two posts and their updates: statuses, addresses, a scheduled time, take-down answers (a later answer without a note clears the earlier one's). */
function chainWithUpdates(sari: TestOfficer) {
  const [first, second] = sari.posts(2, { status: 'unconfirmed' });
  const firstId = first!.id as string;
  const secondId = second!.id as string;
  return {
    posts: [firstId, secondId],
    entries: [
      first!,
      second!,
      sari.update(firstId, { status: 'confirmed', postUrl: 'https://x.com/humaskota/status/1' }),
      sari.update(secondId, { status: 'scheduled', scheduledFor: '2026-12-24T02:00:00.000Z' }),
      sari.update(firstId, { postUrl: 'https://x.com/humaskota/status/2' }),
      sari.update(firstId, { takedown: 'asked' } as never),
      sari.update(secondId, { status: 'confirmed' }),
      sari.update(firstId, { takedown: 'refused', takedownNote: 'Akun dipegang pimpinan' } as never),
      sari.update(secondId, { takedown: 'refused', takedownNote: 'Menunggu pimpinan' } as never),
      sari.update(secondId, { takedown: 'removed' } as never),
    ],
  };
}

describe.each(BACKENDS)('post rows and their updates on %s', (_name, open) => {
  const dbs: HubDatabase[] = [];
  const ingests: ReturnType<typeof createIngest>[] = [];
  let token = '';
  const hub = async () => {
    const db = await open();
    ({ tokens: { malang: token } } = await seedAgencies(db));
    dbs.push(db);
    const ingest = createIngest(db);
    ingests.push(ingest);
    return { db, ingest };
  };
  const rowsOf = (db: HubDatabase, ids: string[]) =>
    db.query<Row>(
      `SELECT id, status, post_url, scheduled_for, takedown, takedown_note, takedown_at IS NOT NULL AS answered_at FROM entries WHERE id = ANY($1) ORDER BY array_position($1, id)`,
      [ids],
    );
  beforeEach(() => {
    dbs.length = 0;
    ingests.length = 0;
  });
  afterEach(async () => {
    for (const ingest of ingests) await ingest.close();
    for (const db of dbs) await db.close();
  });

  it('gives the same rows for a chain sent whole as for one entry per upload, and a re-send changes nothing', async () => {
    const sari = createOfficer('Sari', 'Diskominfo Kota Malang');
    const { posts, entries } = chainWithUpdates(sari);
    const whole = await hub();
    await whole.ingest.enroll(sari.enrollment, `Bearer ${token}`);
    expect(await whole.ingest.upload({ installId: sari.installId, entries })).toEqual({ status: 200, body: { accepted: entries.length, duplicates: 0 } });
    const single = await hub();
    await single.ingest.enroll(sari.enrollment, `Bearer ${token}`);
    for (const entry of entries) expect((await single.ingest.upload({ installId: sari.installId, entries: [entry] })).status).toBe(200);

    const expected = [
      { id: posts[0], status: 'confirmed', post_url: 'https://x.com/humaskota/status/2', scheduled_for: null, takedown: 'refused', takedown_note: 'Akun dipegang pimpinan', answered_at: true },
      { id: posts[1], status: 'confirmed', post_url: null, scheduled_for: '2026-12-24T02:00:00.000Z', takedown: 'removed', takedown_note: null, answered_at: true },
    ];
    expect(await rowsOf(whole.db, posts)).toEqual(expected);
    expect(await rowsOf(single.db, posts)).toEqual(expected);

    // Sent again (a resync): duplicates, and the rows stay as they are.
    expect(await whole.ingest.upload({ installId: sari.installId, entries })).toEqual({ status: 200, body: { accepted: 0, duplicates: entries.length } });
    expect(await rowsOf(whole.db, posts)).toEqual(expected);
    // Two hubs with their migrations: PGlite alone may take seconds on a busy machine.
  }, 60_000);

  it('applies updates of posts stored in an earlier upload, several per post, in chain order', async () => {
    const sari = createOfficer('Sari', 'Diskominfo Kota Malang');
    const { posts, entries } = chainWithUpdates(sari);
    const { db, ingest } = await hub();
    await ingest.enroll(sari.enrollment, `Bearer ${token}`);
    expect((await ingest.upload({ installId: sari.installId, entries: entries.slice(0, 2) })).status).toBe(200);
    expect(await rowsOf(db, posts)).toEqual(posts.map((id) => ({ id, status: 'unconfirmed', post_url: null, scheduled_for: null, takedown: null, takedown_note: null, answered_at: false })));
    expect(await ingest.upload({ installId: sari.installId, entries: entries.slice(2) })).toEqual({ status: 200, body: { accepted: entries.length - 2, duplicates: 0 } });
    const [first, second] = await rowsOf(db, posts);
    expect(first).toMatchObject({ post_url: 'https://x.com/humaskota/status/2', takedown: 'refused', takedown_note: 'Akun dipegang pimpinan' });
    expect(second).toMatchObject({ status: 'confirmed', scheduled_for: '2026-12-24T02:00:00.000Z', takedown: 'removed', takedown_note: null });
  });
});
