// Validation of the settings page, with messages an officer understands (Bahasa Indonesia).
import { z } from 'zod';
import { base64ToBytes } from './crypto';
import type { Settings } from './schema';
import { SETTINGS_FIELDS } from './settings';

export type SettingsField = (typeof SETTINGS_FIELDS)[number];
export type SettingsForm = Record<SettingsField, string>;

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

const serverUrl = (what: string, optional = false) =>
  z
    .string()
    .trim()
    .refine((v) => (optional && v === '') || URL.canParse(v), { message: `${what} harus berupa alamat lengkap, mis. https://pustaka.instansi.go.id`, abort: true })
    .refine((v) => {
      if (optional && v === '') return true;
      const url = new URL(v);
      return url.protocol === 'https:' || (url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname));
    }, `${what} harus memakai https:// (http:// hanya untuk server uji di komputer ini)`)
    .transform((v) => v.replace(/\/+$/, ''));

const publicKey = z
  .string()
  .trim()
  .refine((v) => {
    if (v === '') return true;
    try {
      return base64ToBytes(v).length === 32;
    } catch {
      return false;
    }
  }, 'Kunci publik harus berupa kunci Ed25519 mentah dalam base64 (44 karakter, diakhiri "=")');

export const SettingsFormSchema = z.object({
  libraryUrl: serverUrl('Alamat pustaka'),
  publicKey,
  reportUrl: serverUrl('Alamat server laporan', true),
  officerName: z.string().trim().max(120, 'Nama petugas paling panjang 120 karakter'),
  agency: z.string().trim().max(200, 'Nama instansi paling panjang 200 karakter'),
  region: z.string().trim().max(120, 'Nama daerah paling panjang 120 karakter'),
});

export type FormResult = { ok: true; settings: Partial<Settings> } | { ok: false; errors: Partial<Record<SettingsField, string>> };

export function validateSettingsForm(form: SettingsForm): FormResult {
  const parsed = SettingsFormSchema.safeParse(form);
  if (!parsed.success) {
    const errors: Partial<Record<SettingsField, string>> = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as SettingsField;
      errors[field] ??= issue.message;
    }
    return { ok: false, errors };
  }
  // Empty optional fields are left out, so a policy or default can fill them.
  const settings = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== '')) as Partial<Settings>;
  return { ok: true, settings };
}

/** Origins the extension must reach: libraries and report servers on other hosts. */
export function originsFor(settings: Partial<Settings>): string[] {
  return [settings.libraryUrl, settings.reportUrl].filter((u): u is string => !!u).map((u) => `${new URL(u).origin}/*`);
}
