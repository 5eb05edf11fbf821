// Time to amplify on the dashboard: median and p90 per programme and per officer from the posts'
// own `secondsToPost`, the same figures PostgreSQL gives the hub, and its CSV export.
import { PGlite } from '@electric-sql/pglite';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { appendLogEntry } from '../../utils/background/posting-log';
import { amplifyCsv, percentile } from '../../utils/shared/amplify';
import { logStats } from '../../utils/pages/log-query';
import { openDb } from '../../utils/storage/db';

const post = (officerName: string, program: string, secondsToPost?: number) => ({
  platform: 'x', itemId: `item-${program}`, itemVersion: 1, program, mediaIds: [], text: 'Itu hoaks.', edited: false, account: '@humas', pageUrl: 'https://x.com/compose/post',
  officerName, agency: 'Diskominfo', ...(secondsToPost === undefined ? {} : { secondsToPost }),
});

describe('time to amplify', () => {
  it('interpolates percentiles exactly as PostgreSQL’s percentile_cont does', async () => {
    const samples = [[600], [60, 7200], [5, 30, 45, 900, 1200, 3600, 86_400], Array.from({ length: 101 }, (_, i) => i * i)];
    const pg = new PGlite();
    for (const list of samples) {
      const sorted = [...list].sort((a, b) => a - b);
      const [row] = (await pg.query<{ m: number; p: number }>(
        'SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY s) AS m, percentile_cont(0.9) WITHIN GROUP (ORDER BY s) AS p FROM unnest($1::float8[]) AS s', [list],
      )).rows;
      expect([percentile(sorted, 0.5), percentile(sorted, 0.9)]).toEqual([row!.m, row!.p]);
    }
    await pg.close();
    // PGlite compiles its WebAssembly first: over 5 s on a busy two-core CI machine (seen once).
  }, 30_000);

  it('summarises urgent posts per programme and per officer, slowest first, and exports both', async () => {
    const db = openDb('amplify-1');
    for (const fields of [post('Sari', 'Klarifikasi Hoaks', 300), post('Sari', 'Klarifikasi Hoaks', 900), post('Agus', 'Klarifikasi Hoaks', 3600), post('Agus', 'Mudik Aman', 7200), post('Agus', 'Mudik Aman')]) {
      await appendLogEntry(db, fields);
    }
    const { amplify } = await logStats(db, {});
    expect(amplify.perProgram).toEqual([
      { name: 'Mudik Aman', posts: 1, medianSeconds: 7200, p90Seconds: 7200 },
      { name: 'Klarifikasi Hoaks', posts: 3, medianSeconds: 900, p90Seconds: 3060 },
    ]);
    expect(amplify.perOfficer).toEqual([
      { name: 'Agus', posts: 2, medianSeconds: 5400, p90Seconds: 6840 },
      { name: 'Sari', posts: 2, medianSeconds: 600, p90Seconds: 840 },
    ]);
    // The dashboard's filters apply: Sari's posts only.
    expect((await logStats(db, { officer: 'Sari' })).amplify.perProgram).toEqual([{ name: 'Klarifikasi Hoaks', posts: 2, medianSeconds: 600, p90Seconds: 840 }]);

    const csv = amplifyCsv(amplify.perProgram, amplify.perOfficer);
    expect(csv.startsWith('\uFEFFgroup,name,posts,medianSeconds,p90Seconds\r\n')).toBe(true);
    expect(Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data.slice(1)).toEqual([
      ['program', 'Mudik Aman', '1', '7200', '7200'],
      ['program', 'Klarifikasi Hoaks', '3', '900', '3060'],
      ['officer', 'Agus', '2', '5400', '6840'],
      ['officer', 'Sari', '2', '600', '840'],
    ]);
  });
});
