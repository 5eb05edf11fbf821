import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { htmlToText, importGpr, parseGpr, programFor } from '../../library/gpr-import';
import { publishLibrary } from '../../library/publish';

const XML = readFileSync(new URL('../support/gpr-sample.xml', import.meta.url), 'utf8');

describe('GPR import', () => {
  it('reads items under the root or inside an RSS channel', async () => {
    expect(parseGpr(XML).map((i) => i.category)).toEqual(['Kesehatan', 'Hoaks', 'Pertanian', undefined]);
    const rss = `<rss version="2.0"><channel><title>GPR</title><item><title>Satu</title><link>https://a.go.id/1</link><pubDate>Mon, 23 Nov 2026 09:00:00 +0700</pubDate><description>x</description></item></channel></rss>`;
    expect(parseGpr(rss)).toEqual([{ title: 'Satu', link: 'https://a.go.id/1', pubDate: 'Mon, 23 Nov 2026 09:00:00 +0700', description: 'x', category: undefined }]);
  });

  it('turns HTML descriptions into plain text and categories into programmes', async () => {
    expect(htmlToText('<p>Jakarta &ndash; <strong>CKG</strong> &amp; KTP</p><p>Daftar&nbsp;di aplikasi.</p><script>alert(1)</script>')).toBe('Jakarta – CKG & KTP\nDaftar di aplikasi.');
    expect(programFor('Hoaks')).toBe('Klarifikasi Hoaks');
    expect(programFor('Pariwisata')).toBe('Pariwisata');
    expect(programFor(undefined)).toBe('Umum');
  });

  it('writes drafts, reports broken items, and never overwrites what a person edited', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hk-gpr-'));
    const first = importGpr(XML, dir);
    expect(first.created).toHaveLength(3);
    expect(first.problems).toHaveLength(1);
    const [ckg, hoax] = first.created.sort((a, b) => (a.startsWith('pemerintah') ? -1 : b.startsWith('pemerintah') ? 1 : 0));
    const ckgFile = join(dir, 'items', `${ckg}.json`);
    const draft = JSON.parse(readFileSync(ckgFile, 'utf8'));
    expect(draft).toMatchObject({ draft: true, program: 'Kesehatan', kind: 'berita', publishedAt: '2026-11-23T02:15:00.000Z', link: expect.stringContaining('cek-kesehatan-gratis') });
    expect(draft.captions.default).toBe('Jakarta – Program Cek Kesehatan Gratis kini tersedia di seluruh puskesmas.\nWarga cukup membawa KTP & mendaftar melalui aplikasi SATUSEHAT Mobile.');

    // A person edits one draft and publishes it; the next import keeps their version.
    draft.captions.default = 'Keterangan yang sudah disunting humas.';
    delete draft.draft;
    writeFileSync(ckgFile, JSON.stringify(draft));
    const second = importGpr(XML, dir);
    expect(second.keptEdited).toEqual([ckg]);
    expect(second.unchanged).toContain(hoax);
    expect(JSON.parse(readFileSync(ckgFile, 'utf8')).captions.default).toBe('Keterangan yang sudah disunting humas.');

    const published = await publishLibrary(dir, mkdtempSync(join(tmpdir(), 'hk-out-')));
    expect(published).toMatchObject({ items: 1, drafts: 2, problems: [] });
  });
});
