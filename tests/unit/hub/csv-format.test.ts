// The hub stores each post's CSV line parts at ingestion. Parts stored under the old escaping rule
// (a cell's first character only) must not reach an export after the rule changed: at hub start
// they are dropped and written again, and the export carries the new escaping.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvExport, fillCsvLines } from '../../../hub/export';
import type { HubDatabase } from '../../../hub/database';
import { CSV_FORMAT_VERSION } from '../../../utils/shared/log-csv';
import { BACKENDS, seedAgencies } from './hub-support';

const national = { id: 0, username: 'nasional', role: 'national' as const, agencyId: null };
const text = 'Info resmi;=HYPERLINK("https://jahat.example","klik")';
const body = {
  id: 'entri-lama', postedAt: '2026-11-20T03:00:00.000Z', platform: 'x', itemId: 'konten', itemVersion: 1, mediaIds: [], text, edited: false,
  account: '@humas', pageUrl: 'https://x.com/compose/post', officerName: 'Sari', agency: 'Diskominfo', prevHash: 'a'.repeat(64), hash: 'b'.repeat(64),
};
// Its line as the hub stored it before: the formula after `;` left bare.
const oldBefore = `"entri-lama","2026-11-20T03:00:00.000Z","x","konten","1","","${text.replaceAll('"', '""')}","false","@humas","https://x.com/compose/post","Sari","Diskominfo",`;
const oldAfter = `,"${'a'.repeat(64)}","${'b'.repeat(64)}"\r\n`;

describe.each(BACKENDS)('hub CSV lines stored under an older escaping rule, on %s', (_name, open) => {
  let db: HubDatabase;
  beforeAll(async () => {
    db = await open();
    await seedAgencies(db);
    await db.exec(`INSERT INTO installs (install_id, agency_id, public_key, genesis, officer_name) VALUES ('pasang-1', 'kominfo-malang', 'kunci', 'g', 'Sari')`);
    await db.query(
      `INSERT INTO entries (id, install_id, agency_id, kind, hash, prev_hash, posted_at, platform, item_id, item_version, program, officer_name, account, edited, status, body, csv_before, csv_after)
       VALUES ($1, 'pasang-1', 'kominfo-malang', 'post', $2, $3, $4, 'x', 'konten', 1, 'Program', 'Sari', '@humas', false, 'confirmed', $5, $6, $7)`,
      [body.id, body.hash, body.prevHash, body.postedAt, JSON.stringify(body), oldBefore, oldAfter],
    );
  });
  afterAll(() => db.close());

  const exported = async () => {
    let file = '';
    for await (const chunk of csvExport(db, national, {})) file += chunk;
    return file;
  };

  it('are written again at start, and the export escapes the formula after ;', async () => {
    expect(await exported()).toContain(';=HYPERLINK');
    expect(await fillCsvLines(db)).toBe(1);
    const file = await exported();
    expect(file).toContain(`;'=HYPERLINK`);
    expect(file.split(/[;\r\n]/).filter((field) => /^[=+\-@\t\r]/.test(field))).toEqual([]);
    const [stored] = await db.query<{ csv_before: string }>(`SELECT csv_before FROM entries WHERE id = 'entri-lama'`);
    expect(stored!.csv_before).toContain(`;'=HYPERLINK`);
    // Once written under the current rule, a later start leaves them.
    expect(await fillCsvLines(db)).toBe(0);
    expect((await db.query<{ value: string }>(`SELECT value FROM hub_meta WHERE key = 'csv_format'`))[0]?.value).toBe(String(CSV_FORMAT_VERSION));
  });
});
