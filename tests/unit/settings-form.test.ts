import { describe, expect, it } from 'vitest';
import { originsFor, validateSettingsForm } from '../../utils/pages/settings-form';

const base = { libraryUrl: 'https://pustaka.komdigi.go.id/', publicKey: '', reportUrl: '', officerName: ' Sari ', agency: 'Diskominfo', region: 'Kota Malang' };

describe('settings form', () => {
  it('accepts a complete form, trims and drops empty optional fields', () => {
    expect(validateSettingsForm(base)).toEqual({ ok: true, settings: { libraryUrl: 'https://pustaka.komdigi.go.id', officerName: 'Sari', agency: 'Diskominfo', region: 'Kota Malang' } });
  });

  it('explains each problem in Indonesian', () => {
    const result = validateSettingsForm({ ...base, libraryUrl: 'pustaka.go.id', publicKey: 'bukan-kunci', reportUrl: 'http://laporan.go.id' });
    expect(result).toEqual({
      ok: false,
      errors: {
        libraryUrl: 'Alamat pustaka harus berupa alamat lengkap, mis. https://pustaka.instansi.go.id',
        publicKey: 'Kunci publik harus berupa kunci Ed25519 mentah dalam base64 (44 karakter, diakhiri "=")',
        reportUrl: 'Alamat server laporan harus memakai https:// (http:// hanya untuk server uji di komputer ini)',
      },
    });
  });

  it('allows http only on this computer and a real 32-byte key', () => {
    const result = validateSettingsForm({ ...base, libraryUrl: 'http://127.0.0.1:8787', publicKey: 'cc1XrQj3VhQ52YahRGNpUBs1eFz8KM6dXMYi32GDCk0=' });
    expect(result.ok).toBe(true);
    expect(originsFor({ libraryUrl: 'https://a.go.id/x', reportUrl: 'https://b.go.id' })).toEqual(['https://a.go.id/*', 'https://b.go.id/*']);
  });
});
