// The settings page: where the library is, who is posting. Fields fixed by policy are read-only.
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { mergeSettings, SETTINGS_KEY } from '@/utils/settings';
import { originsFor, validateSettingsForm, type SettingsField, type SettingsForm } from '@/utils/settings-form';
import { readManagedSettings } from '@/utils/settings-store';

const FIELDS: { name: SettingsField; label: string; hint: string }[] = [
  { name: 'libraryUrl', label: 'Alamat pustaka konten', hint: 'Diberikan oleh Kementerian/Diskominfo, mis. https://pustaka.komdigi.go.id' },
  { name: 'publicKey', label: 'Kunci publik pustaka (opsional)', hint: 'Bila diisi, hanya pustaka yang ditandatangani kunci ini yang diterima.' },
  { name: 'reportUrl', label: 'Alamat server laporan (opsional)', hint: 'Catatan posting dikirim ke sini bila diisi.' },
  { name: 'officerName', label: 'Nama petugas', hint: 'Tercatat pada setiap posting.' },
  { name: 'agency', label: 'Instansi', hint: 'Mengisi {instansi} pada keterangan.' },
  { name: 'region', label: 'Daerah', hint: 'Mengisi {daerah} pada keterangan.' },
];

const EMPTY: SettingsForm = { libraryUrl: '', publicKey: '', reportUrl: '', officerName: '', agency: '', region: '' };

/** Any answer means the server allows us (CORS); a network error may mean it does not. */
async function reachable(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(5000), cache: 'no-store' });
    return true;
  } catch {
    return false;
  }
}

export function Settings() {
  const [form, setForm] = useState<SettingsForm>(EMPTY);
  const [managed, setManaged] = useState<Partial<SettingsForm>>({});
  const [errors, setErrors] = useState<Partial<Record<SettingsField, string>>>({});
  const [message, setMessage] = useState('');

  useEffect(() => {
    void (async () => {
      const local = (await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY] as Partial<SettingsForm> | undefined;
      const policy = (await readManagedSettings()) as Partial<SettingsForm>;
      const effective = mergeSettings(local, policy);
      setManaged(Object.fromEntries(Object.entries(policy).filter(([k, v]) => FIELDS.some((f) => f.name === k) && typeof v === 'string' && v)) as Partial<SettingsForm>);
      setForm({ ...EMPTY, ...Object.fromEntries(Object.entries(effective).map(([k, v]) => [k, String(v ?? '')])) });
    })();
  }, []);

  const save = async (event: Event) => {
    event.preventDefault();
    const result = validateSettingsForm(form);
    if (!result.ok) {
      setErrors(result.errors);
      setMessage('Periksa kembali isian yang ditandai.');
      return;
    }
    setErrors({});
    // Fields fixed by policy are not stored locally: the policy stays the source of truth.
    const own = Object.fromEntries(Object.entries(result.settings).filter(([k]) => !(k in managed)));
    await browser.storage.local.set({ [SETTINGS_KEY]: own });
    const unreachable = [];
    for (const origin of originsFor(result.settings)) {
      const base = origin.slice(0, -2);
      if (!(await browser.permissions.contains({ origins: [origin] })) && !(await reachable(`${base}/v1/feed`))) unreachable.push(origin);
    }
    if (unreachable.length === 0) {
      setMessage('Tersimpan. Sinkronisasi pustaka dimulai.');
      return;
    }
    const granted = await browser.permissions.request({ origins: unreachable }).catch(() => false);
    setMessage(
      granted
        ? 'Tersimpan, dan izin akses diberikan. Sinkronisasi pustaka dimulai.'
        : `Tersimpan, tetapi ${unreachable.map((o) => new URL(o.slice(0, -2)).host).join(', ')} tidak dapat dihubungi dan izin akses belum diberikan. Periksa alamatnya, atau simpan lagi dan klik "Izinkan".`,
    );
  };

  return (
    <main class="hk-page hk-settings">
      <h1>Pengaturan Humas Kanal</h1>
      <form onSubmit={save} noValidate>
        {FIELDS.map((field) => {
          const fixed = field.name in managed;
          const id = `hk-${field.name}`;
          return (
            <div class="hk-field">
              <label for={id}>{field.label}</label>
              <input
                id={id}
                name={field.name}
                data-testid={id}
                value={form[field.name]}
                readOnly={fixed}
                aria-invalid={errors[field.name] ? 'true' : undefined}
                aria-describedby={`${id}-hint`}
                onInput={(e) => setForm({ ...form, [field.name]: (e.target as HTMLInputElement).value })}
              />
              <small id={`${id}-hint`}>{fixed ? 'Diatur oleh kebijakan instansi (tidak dapat diubah di sini).' : field.hint}</small>
              {errors[field.name] && <p class="hk-error" role="alert" data-testid={`${id}-error`}>{errors[field.name]}</p>}
            </div>
          );
        })}
        <button type="submit" data-testid="hk-save">Simpan</button>
      </form>
      {message && <p class="hk-notice" role="status" data-testid="hk-settings-status">{message}</p>}
    </main>
  );
}
