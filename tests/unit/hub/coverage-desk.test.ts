// Coverage of items published by this hub's own desk, on both databases: a province's desk library
// is no library the hub follows, yet its officers post its items; the coverage picker lists them
// (title, urgency, withdrawal) and an item's coverage has its title and timing.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HubDatabase } from '../../../hub/database';
import { coverageItems, itemCoverage } from '../../../hub/coverage';
import { addLibrary } from '../../../hub/desk/libraries';
import { approveItem, createItem, submitItem, withdrawItem, type Actor } from '../../../hub/desk/items';
import { createIngest } from '../../../hub/ingest';
import { createOfficer } from '../../../hub/simulated-officer';
import { BACKENDS, seedAgencies } from './hub-support';

const NATIONAL = { id: 1, username: 'nasional', role: 'national', agencyId: null } as const;

describe.each(BACKENDS)('coverage of desk items on %s', (_name, open) => {
  let db: HubDatabase;
  let ingest: ReturnType<typeof createIngest>;
  let tokens: { malang: string };
  beforeEach(async () => {
    db = await open();
    ({ tokens } = await seedAgencies(db));
    ingest = createIngest(db);
  });
  afterEach(async () => {
    await ingest.close();
    await db.close();
  });

  it('lists the desk’s published items in the picker and counts their posts with title and timing', async () => {
    await addLibrary(db, { id: 'jatim', name: 'Pustaka Prov. Jawa Timur', outDir: join(tmpdir(), 'hk-coverage-desk'), publisher: 'Diskominfo Jatim' });
    const actor = async (username: string, role: 'editor' | 'approver'): Promise<Actor> => ({ id: (await db.query<{ id: number }>('SELECT id FROM supervisors WHERE username = $1', [username]))[0]!.id, username, roles: new Set([role]) });
    const editor = await actor('rina', 'editor');
    const approver = await actor('nasional', 'approver');
    const content = { title: 'Hoaks bansos Jatim', program: 'Perlindungan Sosial', kind: 'klarifikasi', priority: 'urgent', tags: [], captions: { default: 'Bansos tidak lewat WhatsApp.' }, hashtags: [], media: [] };
    const { id } = await createItem(db, 'jatim', editor, content);
    const draft = (await createItem(db, 'jatim', editor, { ...content, title: 'Belum terbit', priority: 'normal' })).id;
    await submitItem(db, 'jatim', editor, id);
    await approveItem(db, 'jatim', approver, id);

    const sari = createOfficer('Sari', 'Diskominfo Kota Malang');
    await ingest.enroll(sari.enrollment, `Bearer ${tokens.malang}`);
    const [post] = sari.posts(1, { itemId: id, libraryId: 'jatim', postedAt: new Date(Date.now() + 60_000).toISOString() });
    expect((await ingest.upload({ installId: sari.installId, entries: [post!] })).status).toBe(200);

    const picker = await coverageItems(db);
    expect(picker.map((i) => [i.id, i.title, i.urgent, i.withdrawn_at])).toEqual([[id, 'Hoaks bansos Jatim', true, null]]);
    expect(picker.map((i) => i.id)).not.toContain(draft);
    const coverage = await itemCoverage(db, NATIONAL, id);
    expect(coverage.item).toMatchObject({ id, title: 'Hoaks bansos Jatim', urgent: true });
    expect(coverage.posts).toBe(1);
    expect(coverage.medianSeconds).toBeGreaterThan(0);
    expect(coverage.officers.map((o) => o.officer)).toEqual(['Sari']);

    await withdrawItem(db, 'jatim', approver, id, 'Data keliru');
    expect((await coverageItems(db))[0]!.withdrawn_at).not.toBeNull();
  });
});
