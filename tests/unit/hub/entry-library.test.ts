// The hub keeps the library an officer's entry names (several libraries, issue 30): a column derived
// from the signed entry, on both databases; entries from before several libraries have none.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HubDatabase } from '../../../hub/database';
import { createIngest } from '../../../hub/ingest';
import { createOfficer } from '../../../hub/simulated-officer';
import { BACKENDS, seedAgencies } from './hub-support';

describe.each(BACKENDS)('entries by library on %s', (_name, open) => {
  let db: HubDatabase;
  let ingest: ReturnType<typeof createIngest>;
  let token: string;
  beforeEach(async () => {
    db = await open();
    token = (await seedAgencies(db)).tokens.malang;
    ingest = createIngest(db);
  });
  afterEach(async () => {
    await ingest.close();
    await db.close();
  });

  it('stores each post with its libraryId; an older entry without one has none', async () => {
    const sari = createOfficer('Sari', 'Diskominfo Kota Malang');
    await ingest.enroll(sari.enrollment, `Bearer ${token}`);
    const [older, national, province] = sari.posts(3, (i) => ({ itemId: 'sama', ...(i === 1 ? { libraryId: 'nasional' } : i === 2 ? { libraryId: 'jatim' } : {}) }));
    expect((await ingest.upload({ installId: sari.installId, entries: [older!, national!, province!] })).status).toBe(200);
    const rows = await db.query<{ id: string; item_id: string; library_id: string | null }>('SELECT id, item_id, library_id FROM entries ORDER BY posted_at, id');
    const byId = new Map(rows.map((r) => [r.id, [r.item_id, r.library_id]]));
    expect([byId.get(older!.id as string), byId.get(national!.id as string), byId.get(province!.id as string)]).toEqual([
      ['sama', null],
      ['sama', 'nasional'],
      ['sama', 'jatim'],
    ]);
  });
});
