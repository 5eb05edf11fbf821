// The hub's report endpoint on both databases: enrollment by agency token, signed batches stored
// exactly once, every kind of bad input refused with its reason and nothing stored.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HubDatabase } from '../../../hub/database';
import { createIngest, MAX_BATCH } from '../../../hub/ingest';
import { createOfficer } from '../../../hub/simulated-officer';
import { BACKENDS, seedAgencies } from './hub-support';

const count = async (db: HubDatabase, sql = 'SELECT count(*)::int AS n FROM entries') => (await db.query<{ n: number }>(sql))[0]!.n;

describe.each(BACKENDS)('hub ingestion on %s', (_name, open) => {
  let db: HubDatabase;
  let tokens: { malang: string; surabaya: string };
  let ingest: ReturnType<typeof createIngest>;
  beforeEach(async () => {
    db = await open();
    ({ tokens } = await seedAgencies(db));
    ingest = createIngest(db);
  });
  afterEach(async () => {
    await ingest.close();
    await db.close();
  });

  it('enrolls an install only with its agency token, once per key', async () => {
    const sari = createOfficer('Sari', 'Diskominfo Kota Malang');
    expect((await ingest.enroll(sari.enrollment, undefined)).status).toBe(401);
    expect((await ingest.enroll(sari.enrollment, 'Bearer salah-token-yang-cukup-panjang')).status).toBe(401);
    expect((await ingest.enroll({ ...sari.enrollment, publicKey: 'AAAA' }, `Bearer ${tokens.malang}`)).status).toBe(400);
    expect((await ingest.enroll(sari.enrollment, `Bearer ${tokens.malang}`)).status).toBe(201);
    expect((await ingest.enroll(sari.enrollment, `Bearer ${tokens.malang}`)).status).toBe(200);
    // The same install id with another key, or under another agency's token: refused.
    const impostor = createOfficer('Sari', 'Diskominfo Kota Malang');
    expect((await ingest.enroll({ ...impostor.enrollment, installId: sari.installId }, `Bearer ${tokens.malang}`)).status).toBe(409);
    expect((await ingest.enroll(sari.enrollment, `Bearer ${tokens.surabaya}`)).status).toBe(409);
    const [row] = await db.query<{ agency_id: string; officer_name: string }>('SELECT agency_id, officer_name FROM installs');
    expect(row).toEqual({ agency_id: 'kominfo-malang', officer_name: 'Sari' });
    expect(await count(db, 'SELECT count(*)::int AS n FROM installs')).toBe(1);
  });

  it('stores a signed chain once, however often it is sent, and folds updates into their post', async () => {
    const sari = createOfficer('Sari', 'Diskominfo Kota Malang');
    await ingest.enroll(sari.enrollment, `Bearer ${tokens.malang}`);
    const first = sari.posts(3);
    const update = sari.update(first[0]!.id as string, { status: 'confirmed', postUrl: 'https://x.com/humaskota/status/1' });
    const second = sari.posts(2);
    expect(await ingest.upload({ installId: sari.installId, entries: first })).toEqual({ status: 200, body: { accepted: 3, duplicates: 0 } });
    // The next batch links to the last stored entry; a re-sent batch counts as duplicates.
    expect(await ingest.upload({ installId: sari.installId, entries: [update, ...second] })).toEqual({ status: 200, body: { accepted: 3, duplicates: 0 } });
    expect(await ingest.upload({ installId: sari.installId, entries: [...first, update, ...second] })).toEqual({ status: 200, body: { accepted: 0, duplicates: 6 } });
    expect(await count(db)).toBe(6);
    const [post] = await db.query<{ status: string; post_url: string; agency_id: string }>('SELECT status, post_url, agency_id FROM entries WHERE id = $1', [first[0]!.id]);
    expect(post).toEqual({ status: 'confirmed', post_url: 'https://x.com/humaskota/status/1', agency_id: 'kominfo-malang' });
  });

  it('refuses tampered, forged, unlinked and malformed entries with reasons, storing the valid rest', async () => {
    const sari = createOfficer('Sari', 'Diskominfo Kota Malang');
    const stranger = createOfficer('Orang lain', 'Diskominfo Kota Malang');
    await ingest.enroll(sari.enrollment, `Bearer ${tokens.malang}`);
    const [good, tampered, forged] = sari.posts(3);
    const unlinked = createOfficer('Sari', 'Diskominfo Kota Malang').posts(1)[0]!;
    const extraField = { ...sari.posts(1)[0]!, latest: { status: 'confirmed' } };
    const { signature: _dropped, ...unsigned } = createOfficer('Sari', 'Diskominfo Kota Malang').posts(1)[0]!;
    const answer = await ingest.upload({
      installId: sari.installId,
      entries: [
        good,
        { ...tampered, text: 'Teks diubah setelah ditandatangani' },
        { ...forged, signature: stranger.sign(forged!.hash as string) },
        { ...unlinked, signature: sari.sign(unlinked.hash as string) },
        extraField,
        unsigned,
      ],
    });
    expect(answer.status).toBe(422);
    expect(answer.body.accepted).toBe(1);
    // The last one is also unsigned, but it does not link into Sari's chain: the link is checked first (v1.2).
    expect((answer.body.rejected as { reason: string }[]).map((r) => r.reason)).toEqual(['hash', 'signature', 'chain', 'format', 'chain']);
    expect(await count(db)).toBe(1);
    expect(await count(db, 'SELECT count(*)::int AS n FROM rejections')).toBe(5);
    // A valid entry whose predecessor the hub does not hold: a chain break.
    const gap = sari.posts(2)[1]!;
    expect((await ingest.upload({ installId: sari.installId, entries: [gap] })).body.rejected).toEqual([{ id: gap.id, reason: 'chain' }]);
  });

  it('refuses unenrolled installs, bad envelopes, oversized batches and other installs’ ids, storing nothing', async () => {
    const sari = createOfficer('Sari', 'Diskominfo Kota Malang');
    const budi = createOfficer('Budi', 'Diskominfo Kota Surabaya');
    const unknown = createOfficer('Tidak terdaftar', 'Diskominfo Kota Malang');
    expect((await ingest.upload({ installId: unknown.installId, entries: unknown.posts(1) })).status).toBe(401);
    await ingest.enroll(sari.enrollment, `Bearer ${tokens.malang}`);
    await ingest.enroll(budi.enrollment, `Bearer ${tokens.surabaya}`);
    expect((await ingest.upload({ installId: sari.installId, entries: 'semua' })).status).toBe(400);
    expect((await ingest.upload({ installId: sari.installId, entries: [{ text: 'tanpa id' }] })).status).toBe(400);
    expect((await ingest.upload({ installId: sari.installId, entries: Array.from({ length: MAX_BATCH + 1 }, (_, i) => ({ id: `e${i}` })) })).status).toBe(413);
    const tari = createOfficer('Tari', 'Diskominfo Kota Malang');
    await ingest.enroll(tari.enrollment, `Bearer ${tokens.malang}`);
    const [vague] = tari.posts(1, { postedAt: 'kemarin sore' });
    expect((await ingest.upload({ installId: tari.installId, entries: [vague] })).body.rejected).toEqual([{ id: vague!.id, reason: 'format' }]);
    const [mine] = sari.posts(1);
    expect(await count(db)).toBe(0);
    // Surabaya's install cannot claim an id Malang's install already reported (nor overwrite it).
    await ingest.upload({ installId: sari.installId, entries: [mine] });
    const claim = { ...budi.posts(1)[0]!, id: mine!.id };
    expect((await ingest.upload({ installId: budi.installId, entries: [claim] })).body.rejected).toEqual([{ id: mine!.id, reason: 'chain' }]);
    expect(await db.query('SELECT install_id, agency_id FROM entries')).toEqual([{ install_id: sari.installId, agency_id: 'kominfo-malang' }]);
  });
});
