import { describe, expect, it } from 'vitest';
import { mergeSettings } from '../../utils/shared/settings';

describe('mergeSettings', () => {
  it('falls back to the default library and lets policy win field by field', () => {
    const local = { libraryUrl: 'https://pustaka.daerah.go.id/', officerName: 'Sari', agency: 'Diskominfo A', region: 'Kab. A' };
    const managed = { libraryUrl: 'https://pustaka.komdigi.go.id', agency: 'Diskominfo Resmi', maxLibraryAgeDays: 3 };
    expect(mergeSettings(local, managed, 'http://127.0.0.1:8787')).toEqual({
      libraryUrl: 'https://pustaka.komdigi.go.id',
      officerName: 'Sari',
      agency: 'Diskominfo Resmi',
      region: 'Kab. A',
      maxLibraryAgeDays: 3,
      mutedPrograms: [],
      dataSaver: 'auto',
    });
    expect(mergeSettings(undefined, {}, 'http://127.0.0.1:8787')).toMatchObject({ libraryUrl: 'http://127.0.0.1:8787', maxLibraryAgeDays: 7 });
  });

  it('refuses an invalid field and says so, never using it', () => {
    const merged = mergeSettings({ libraryUrl: 'bukan url', reportUrl: 'javascript:alert(1)', officerName: 'Budi' }, {}, 'http://127.0.0.1:8787');
    expect(merged).toEqual({ libraryUrl: 'http://127.0.0.1:8787', officerName: 'Budi', agency: '', region: '', maxLibraryAgeDays: 7, mutedPrograms: [], dataSaver: 'auto', rejected: ['libraryUrl', 'reportUrl'] });
  });

  it('fails closed: plain http to another computer is refused, from policy too; the build key applies', () => {
    const merged = mergeSettings({}, { libraryUrl: 'http://pustaka.instansi.go.id' }, 'https://pustaka.komdigi.go.id', 'S1Y=');
    expect(merged.rejected).toEqual(['libraryUrl']);
    expect(merged.publicKey).toBe('S1Y=');
    expect(mergeSettings({}, { libraryUrl: 'http://127.0.0.1:9000' }, 'https://pustaka.komdigi.go.id').rejected).toBeUndefined();
  });

  it('never lets settings or policy replace a built-in key; without one (development builds) they may set it', () => {
    expect(mergeSettings({ publicKey: 'TGFpbg==' }, {}, 'https://pustaka.komdigi.go.id', 'S1Y=').publicKey).toBe('S1Y=');
    expect(mergeSettings({}, { publicKey: 'TGFpbg==' }, 'https://pustaka.komdigi.go.id', 'S1Y=').publicKey).toBe('S1Y=');
    expect(mergeSettings({ publicKey: 'TGFpbg==' }, {}, 'http://127.0.0.1:8787', '').publicKey).toBe('TGFpbg==');
  });

  it("takes a first sync's sequence floor from policy, and from the build unless policy asks for a higher one", () => {
    expect(mergeSettings({}, { minSequence: 40 }, 'https://pustaka.komdigi.go.id', 'S1Y=').minSequence).toBe(40);
    expect(mergeSettings({}, { minSequence: 40 }, 'https://pustaka.komdigi.go.id', 'S1Y=', 100).minSequence).toBe(100);
    expect(mergeSettings({}, { minSequence: '500' }, 'https://pustaka.komdigi.go.id', 'S1Y=', 100).minSequence).toBe(500);
    expect(mergeSettings({}, {}, 'https://pustaka.komdigi.go.id', 'S1Y=').minSequence).toBeUndefined();
  });

  it('reads programme lists as lists of names, from policy too, and ignores anything else in them', () => {
    const merged = mergeSettings({ mutedPrograms: [' Mudik Aman ', 7, ''] }, { alertPrograms: ['Klarifikasi Hoaks'] }, 'https://pustaka.komdigi.go.id');
    expect(merged).toMatchObject({ mutedPrograms: ['Mudik Aman'], alertPrograms: ['Klarifikasi Hoaks'] });
    expect(mergeSettings({ mutedPrograms: 'Mudik Aman' }, {}, 'https://pustaka.komdigi.go.id').mutedPrograms).toEqual([]);
  });
});
