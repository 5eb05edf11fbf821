// Settings = storage.local `settings`, overridden field by field by storage.managed (policy).
// Each field is defined once here: its validation, and its policy title and description, from which
// the settings page's fields and the built `managed_schema.json` are derived.
import { z } from 'zod';

declare const __HK_DEFAULT_LIBRARY_URL__: string;

export const SETTINGS_KEY = 'settings';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** https anywhere; plain http only to this computer (the development library). */
export function isAllowedServerUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
}

const serverUrl = z.string().refine(isAllowedServerUrl);

export const SettingsSchema = z.object({
  libraryUrl: serverUrl,
  publicKey: z.string().optional(),
  reportUrl: serverUrl.optional(),
  officerName: z.string().default(''),
  agency: z.string().default(''),
  region: z.string().default(''),
});

export type Settings = z.infer<typeof SettingsSchema>;
export type SettingsField = keyof Settings;
export const SETTINGS_FIELDS = Object.keys(SettingsSchema.shape) as SettingsField[];

/** What IT staff read in their policy editor (Indonesian title, English description). */
export const POLICY_DESCRIPTIONS: Record<SettingsField, { title: string; description: string }> = {
  libraryUrl: { title: 'Alamat pustaka konten', description: 'Base URL of the national content library feed (the extension fetches ${libraryUrl}/v1/feed).' },
  publicKey: { title: 'Kunci publik pustaka', description: 'Base64 raw Ed25519 public key; when set, every feed page must carry a valid X-Library-Signature.' },
  reportUrl: { title: 'Alamat server laporan', description: 'Base URL for posting-log reports (POST ${reportUrl}/v1/posts).' },
  officerName: { title: 'Nama petugas', description: 'Officer name written into each posting-log entry.' },
  agency: { title: 'Instansi', description: 'Agency name: written into log entries and fills {instansi} in captions.' },
  region: { title: 'Daerah', description: 'Region name: fills {daerah} in captions.' },
};

/** The `storage.managed` schema Chrome validates policy against (written into the build). */
export function managedSchema(): object {
  const properties = Object.fromEntries(SETTINGS_FIELDS.map((field) => [field, { ...POLICY_DESCRIPTIONS[field], type: 'string' }]));
  return { type: 'object', properties };
}

export const DEFAULT_LIBRARY_URL: string =
  typeof __HK_DEFAULT_LIBRARY_URL__ === 'string' ? __HK_DEFAULT_LIBRARY_URL__ : 'http://127.0.0.1:8787';

function pickStrings(source: unknown): Partial<Record<SettingsField, string>> {
  const out: Partial<Record<SettingsField, string>> = {};
  if (!source || typeof source !== 'object') return out;
  for (const field of SETTINGS_FIELDS) {
    const value = (source as Record<string, unknown>)[field];
    if (typeof value === 'string' && value.trim() !== '') out[field] = value.trim();
  }
  return out;
}

/** Merges local and managed settings; fields that fail validation fall back rather than break sync. */
export function mergeSettings(local: unknown, managed: unknown, defaultLibraryUrl = DEFAULT_LIBRARY_URL): Settings {
  const merged = { libraryUrl: defaultLibraryUrl, ...pickStrings(local), ...pickStrings(managed) };
  merged.libraryUrl = merged.libraryUrl.replace(/\/+$/, '');
  if (merged.reportUrl) merged.reportUrl = merged.reportUrl.replace(/\/+$/, '');
  const parsed = SettingsSchema.safeParse(merged);
  if (parsed.success) return parsed.data;
  const bad = new Set(parsed.error.issues.map((issue) => String(issue.path[0])));
  const repaired = Object.fromEntries(Object.entries(merged).filter(([k]) => !bad.has(k)));
  return SettingsSchema.parse({ libraryUrl: defaultLibraryUrl, ...repaired });
}
