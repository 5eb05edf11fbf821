// Settings = storage.local `settings`, overridden field by field by storage.managed (policy).
import { SettingsSchema, type Settings } from './schema';

declare const __HK_DEFAULT_LIBRARY_URL__: string;

export const SETTINGS_KEY = 'settings';
export const SETTINGS_FIELDS = ['libraryUrl', 'publicKey', 'reportUrl', 'officerName', 'agency', 'region'] as const;

export const DEFAULT_LIBRARY_URL: string =
  typeof __HK_DEFAULT_LIBRARY_URL__ === 'string' ? __HK_DEFAULT_LIBRARY_URL__ : 'http://127.0.0.1:8787';

function pickStrings(source: unknown): Partial<Record<(typeof SETTINGS_FIELDS)[number], string>> {
  const out: Partial<Record<(typeof SETTINGS_FIELDS)[number], string>> = {};
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
