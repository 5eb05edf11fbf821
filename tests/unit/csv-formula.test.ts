// Excel in Indonesian uses `;` as its list separator: a CSV opened there is split at every `;` (and
// at line breaks), so a formula character right after one starts a live formula cell. The export
// escapes those too, and lines stored under the old rule (cell start only) are written again.
import { describe, expect, it } from 'vitest';
import { openDb, type HumasDb } from '../../utils/storage/db';
import { csvFile } from '../../utils/pages/log-export';
import { appendLogEntry } from '../../utils/background/posting-log';

let n = 0;
const HOSTILE = ['x;=HYPERLINK("https://jahat.example","klik")', 'akun;@SUM(A1:A9)', 'baris\n+62 812', 'a;\t-1', 'awal\r=1+1'];

async function hostileLog(): Promise<HumasDb> {
  const db = openDb(`csv-formula-${++n}`);
  for (const [i, text] of HOSTILE.entries()) {
    await appendLogEntry(db, { platform: 'x', itemId: `i-${i}`, itemVersion: 1, program: 'P', mediaIds: [`m;=${i}`], text, edited: true, account: text, pageUrl: '', officerName: 'Sari', agency: 'D' });
  }
  return db;
}

const csvText = async (db: HumasDb) => new TextDecoder().decode(await (await csvFile(db, {})).blob.arrayBuffer());

/** The fields a spreadsheet that splits at `;` and line breaks would start, whatever the quoting. */
const fieldsSplitAtSemicolons = (csv: string) => csv.split(/[;\r\n]/);
const FORMULA = /^[=+\-@\t\r]/;

describe('CSV opened by a spreadsheet that separates with ;', () => {
  it('starts no field with a formula character', async () => {
    const csv = await csvText(await hostileLog());
    expect(csv).toContain(`x;'=HYPERLINK(""https://jahat.example"",""klik"")`);
    expect(fieldsSplitAtSemicolons(csv).filter((field) => FORMULA.test(field))).toEqual([]);
  });

  it('writes lines stored under the old rule (cell start only) again before exporting them', async () => {
    const db = await hostileLog();
    // As a version before the rule changed stored them: inner formula starts bare, no format number.
    const unescape = (bytes: Uint8Array) => new TextEncoder().encode(new TextDecoder().decode(bytes).replace(/([;\r\n])'(?=[=+\-@\t\r])/g, '$1'));
    await db.csvBlocks.toCollection().modify((block) => {
      const old = unescape(block.bytes);
      // The lines' ends move with the removed apostrophes: recount them line by line.
      const lines = Array.from(block.ends, (end, k) => unescape(block.bytes.subarray(k ? block.ends[k - 1] : 0, end)));
      block.ends = Uint32Array.from(lines.reduce<number[]>((ends, line) => [...ends, (ends.at(-1) ?? 0) + line.length], []));
      block.bytes = old as Uint8Array<ArrayBuffer>;
      delete block.format;
    });
    expect(fieldsSplitAtSemicolons(new TextDecoder().decode((await db.csvBlocks.toArray())[0]!.bytes)).some((field) => FORMULA.test(field))).toBe(true);
    const csv = await csvText(db);
    expect(fieldsSplitAtSemicolons(csv).filter((field) => FORMULA.test(field))).toEqual([]);
    expect((await db.csvBlocks.toArray()).every((block) => block.format === 2)).toBe(true);
  });
});
