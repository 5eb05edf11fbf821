// The hub's CSV export (hub/export.ts) joins each post's line stored at ingestion around its current
// status cell, or formats a row stored before lines were kept: either way the file must be the bytes
// the extension writes for the same entries, on both backends, for values built to break the reading
// or the writing: formula starts, quotes, separators, line breaks, missing fields, non-ASCII.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvExport, fillCsvLines } from '../../../hub/export';
import type { HubDatabase } from '../../../hub/database';
import { CSV_HEAD, csvRows } from '../../../utils/shared/log-csv';
import type { StoredLogEntry } from '../../../utils/shared/log-entry';
import { BACKENDS, seedAgencies } from './hub-support';

const national = { id: 0, username: 'nasional', role: 'national' as const, agencyId: null };
const awkward = ['=SUM(A1)', '+62 812', '-1', '@humas', '\tawal tab', '\rawal cr', 'kutip "dalam" teks', 'koma, titik; dan\nbaris\r\nbaru', 'Rp 5.000 – “resmi” ✓ ñ 日本', ' spasi ', ''];

function body(i: number): Record<string, unknown> {
  const pick = (k: number) => awkward[(i + k) % awkward.length]!;
  const entry: Record<string, unknown> = {
    id: `entri-${String(i).padStart(3, '0')}`,
    postedAt: new Date(Date.UTC(2026, 10, 20, 3, 0, i)).toISOString(),
    platform: ['x', 'facebook', 'instagram'][i % 3],
    itemId: i % 4 ? `konten-${i}` : pick(1),
    itemVersion: (i % 5) + 1,
    mediaIds: i % 3 === 0 ? [] : i % 3 === 1 ? [pick(2)] : [pick(3), 'gambar-2', pick(4)],
    text: pick(0),
    edited: i % 2 === 0,
    account: pick(5),
    pageUrl: 'https://x.com/compose/post',
    officerName: pick(6),
    agency: pick(7),
    prevHash: String(i).padStart(64, 'a'),
    hash: String(i).padStart(64, 'b'),
  };
  // Fields an older extension did not send: absent, not empty.
  if (i % 7 === 0) delete entry.account;
  if (i % 11 === 0) delete entry.edited;
  return entry;
}

describe.each(BACKENDS)('hub CSV lines on %s', (_name, open) => {
  let db: HubDatabase;
  const rows = Array.from({ length: 60 }, (_, i) => ({ body: body(i), status: [null, 'confirmed', 'failed', 'unconfirmed', '=kacau'][i % 5] }));

  beforeAll(async () => {
    db = await open();
    await seedAgencies(db);
    await db.exec(`INSERT INTO installs (install_id, agency_id, public_key, genesis, officer_name) VALUES ('pasang-1', 'kominfo-malang', 'kunci', 'g', 'Sari')`);
    for (const { body: b, status } of rows) {
      await db.query(
        `INSERT INTO entries (id, install_id, agency_id, kind, hash, prev_hash, posted_at, platform, item_id, item_version, program, officer_name, account, edited, status, body)
         VALUES ($1, 'pasang-1', 'kominfo-malang', 'post', $2, $3, $4, $5, 'konten', 1, 'Program', 'Sari', '@sari', false, $6, $7)`,
        [b.id, b.hash, b.prevHash, b.postedAt, b.platform, status, JSON.stringify(b)],
      );
    }
  });
  afterAll(() => db.close());

  const exported = async () => {
    let file = '';
    for await (const chunk of csvExport(db, national, {})) file += chunk;
    return file;
  };
  const expected = () => {
    const newestFirst = [...rows].reverse().map(({ body: b, status }) => ({ ...(b as unknown as StoredLogEntry), ...(status ? { latest: { status } } : {}) }) as StoredLogEntry);
    return `${CSV_HEAD}${csvRows(newestFirst)}`;
  };

  it('are byte for byte what the extension writes, newest first, for rows stored before lines were kept', async () => {
    expect(await exported()).toBe(expected());
  });

  it('are the same bytes from the lines filled in for those rows, with the status as it is now', async () => {
    expect(await fillCsvLines(db, 7)).toBe(rows.length);
    expect(await fillCsvLines(db, 7)).toBe(0);
    expect(await exported()).toBe(expected());
    // The stored parts leave the status out: a later verdict shows in the next export.
    const changed = rows[12]!;
    changed.status = 'failed';
    await db.query('UPDATE entries SET status = $1 WHERE id = $2', ['failed', changed.body.id]);
    expect(await exported()).toBe(expected());
  });
});
