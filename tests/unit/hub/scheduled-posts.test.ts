// A post the officer scheduled on the site (X's schedule dialog): the hub takes the `scheduled`
// update with its time, shows it as the post's latest state and filters by it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HubDatabase } from '../../../hub/database';
import { createIngest } from '../../../hub/ingest';
import { itemCoverage } from '../../../hub/coverage';
import { listPosts } from '../../../hub/queries';
import { createOfficer } from '../../../hub/simulated-officer';
import { BACKENDS, seedAgencies } from './hub-support';

const NATIONAL = { id: 1, username: 'pusat', role: 'national', agencyId: null } as const;
const AT = '2099-12-24T02:30:00.000Z';

describe.each(BACKENDS)('scheduled posts at the hub on %s', (_name, open) => {
  let db: HubDatabase;
  let ingest: ReturnType<typeof createIngest>;
  let tokens: { malang: string };
  beforeEach(async () => {
    db = await open();
    ({ tokens } = await seedAgencies(db));
    ingest = createIngest(db);
    const sari = createOfficer('Sari', 'Diskominfo Kota Malang');
    await ingest.enroll(sari.enrollment, `Bearer ${tokens.malang}`);
    const [scheduled, posted] = sari.posts(2);
    const updates = [sari.update(scheduled!.id as string, { status: 'scheduled', scheduledFor: AT }), sari.update(posted!.id as string, { status: 'confirmed' })];
    expect(await ingest.upload({ installId: sari.installId, entries: [scheduled!, posted!, ...updates] })).toEqual({ status: 200, body: { accepted: 4, duplicates: 0 } });
  });
  afterEach(async () => {
    await ingest.close();
    await db.close();
  });

  it('stores the scheduled status and time on the post and lists it, filterable by status', async () => {
    const all = await listPosts(db, NATIONAL, {}, 0, 10);
    expect(all.map((p) => p.latest).sort((a, b) => a.status.localeCompare(b.status))).toEqual([{ status: 'confirmed' }, { status: 'scheduled', scheduledFor: AT }]);
    const scheduled = await listPosts(db, NATIONAL, { status: 'scheduled' }, 0, 10);
    expect(scheduled.map((p) => p.latest)).toEqual([{ status: 'scheduled', scheduledFor: AT }]);
  });

  it('counts a scheduled post in coverage only once its time has passed', async () => {
    const upload = async (name: string, scheduledFor: string) => {
      const officer = createOfficer(name, 'Diskominfo Kota Malang');
      await ingest.enroll(officer.enrollment, `Bearer ${tokens.malang}`);
      const [post] = officer.posts(1, { status: 'unconfirmed' });
      await ingest.upload({ installId: officer.installId, entries: [post!, officer.update(post!.id as string, { status: 'scheduled', scheduledFor })] });
    };
    await upload('Budi', AT);
    await upload('Rina', '2026-01-01T01:00:00.000Z');
    const coverage = await itemCoverage(db, NATIONAL, 'vaksinasi-lansia');
    expect(coverage.officers.map((o) => o.officer).sort()).toEqual(['Rina', 'Sari']);
    expect(coverage.notPosted.map((o) => o.officer)).toEqual(['Budi']);
    expect(coverage.posts).toBe(2); // Sari's posted one and Rina's whose time has passed
  });

  it('refuses a scheduled update whose time is not an ISO instant', async () => {
    const budi = createOfficer('Budi', 'Diskominfo Kota Malang');
    await ingest.enroll(budi.enrollment, `Bearer ${tokens.malang}`);
    const [post] = budi.posts(1);
    const bad = budi.update(post!.id as string, { status: 'scheduled', scheduledFor: 'besok pagi' });
    const answer = await ingest.upload({ installId: budi.installId, entries: [post!, bad] });
    expect(answer).toMatchObject({ status: 422, body: { accepted: 1, rejected: [{ id: bad.id, reason: 'format' }] } });
    const [row] = await db.query<{ status: string; scheduled_for: string | null }>('SELECT status, scheduled_for FROM entries WHERE id = $1', [post!.id]);
    expect(row).toEqual({ status: 'confirmed', scheduled_for: null });
  });
});
