// Entries the hub can always store: the extension cleans and caps every field when it writes an
// entry, so a page's odd text or a policy's over-long name never gets a report refused.
import { describe, expect, it } from 'vitest';
import { entryShapeProblem } from '../../hub/report-rules';
import { installIdentity } from '../../utils/background/install-identity';
import { appendLogDismissal, appendLogEntry } from '../../utils/background/posting-log';
import { reportEntry } from '../../utils/background/report-upload';
import { storableText } from '../../utils/shared/storable-text';
import { openDb } from '../../utils/storage/db';

describe('storable entries', () => {
  it('NUL, other control characters and lone surrogates are cleaned, long fields cut without splitting a pair; the hub takes them', async () => {
    const db = openDb('storable-1');
    const identity = await installIdentity(db);
    const entry = await appendLogEntry(db, {
      platform: 'x', itemId: 'cek-kesehatan', itemVersion: 1, mediaIds: ['m\u0000'],
      text: 'Baris\u0000 satu\r\nbaris dua\tkolom \uD83D tanpa pasangan \uDE00 dan 😀 utuh\u001B[31m',
      edited: true, account: '@humas\u0007', pageUrl: 'https://x.com/home',
      // What a policy or a library may carry: a 1,000-character name, a 10,000-character programme.
      officerName: 'Sari '.repeat(200), agency: `${'😀'.repeat(99)}x😀`, program: 'P'.repeat(10_000),
    }, identity);
    expect(entry.text).toBe('Baris satu\nbaris dua\tkolom \uFFFD tanpa pasangan \uFFFD dan 😀 utuh[31m');
    expect(entry.mediaIds).toEqual(['m']);
    expect(entry.account).toBe('@humas');
    expect(entry.officerName).toHaveLength(200);
    // 99 pairs and an "x" are 199 units: the next pair would cross 200, so it is left out whole.
    expect(entry.agency).toBe(`${'😀'.repeat(99)}x`);
    expect(entry.program).toBe('P'.repeat(200));
    expect(entryShapeProblem(reportEntry((await db.log.get({ id: entry.id }))!))).toBeUndefined();

    const dismissal = await appendLogDismissal(db, { dismisses: 'hoaks', itemVersion: 1, program: 'Q'.repeat(5000), reason: 'other', note: `\u0000${'n'.repeat(900)}`, officerName: 'Sari', agency: 'D' }, identity);
    expect([dismissal.program.length, dismissal.note?.length]).toEqual([200, 500]);
    expect(entryShapeProblem(reportEntry((await db.log.get({ id: dismissal.id }))!))).toBeUndefined();
  });

  it('cuts at a pair boundary and keeps tab and newline', () => {
    expect(storableText('ab😀', 3)).toBe('ab');
    expect(storableText('ab😀', 4)).toBe('ab😀');
    expect(storableText('\t\n', 10)).toBe('\t\n');
  });
});
