import { describe, expect, it } from 'vitest';
import { mergeSettings } from '../../utils/shared/settings';

describe('mergeSettings', () => {
  it('falls back to the default library and lets policy win field by field', () => {
    const local = { libraryUrl: 'https://pustaka.daerah.go.id/', officerName: 'Sari', agency: 'Diskominfo A', region: 'Kab. A' };
    const managed = { libraryUrl: 'https://pustaka.komdigi.go.id', agency: 'Diskominfo Resmi' };
    expect(mergeSettings(local, managed, 'http://127.0.0.1:8787')).toEqual({
      libraryUrl: 'https://pustaka.komdigi.go.id',
      officerName: 'Sari',
      agency: 'Diskominfo Resmi',
      region: 'Kab. A',
    });
    expect(mergeSettings(undefined, {}, 'http://127.0.0.1:8787').libraryUrl).toBe('http://127.0.0.1:8787');
  });

  it('drops an invalid field instead of failing', () => {
    const merged = mergeSettings({ libraryUrl: 'bukan url', reportUrl: 'javascript:alert(1)', officerName: 'Budi' }, {}, 'http://127.0.0.1:8787');
    expect(merged).toEqual({ libraryUrl: 'http://127.0.0.1:8787', officerName: 'Budi', agency: '', region: '' });
  });
});
