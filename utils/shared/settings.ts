// Settings = storage.local `settings`, overridden field by field by storage.managed (policy).
// Each field is defined once here: its validation, and its policy title and description, from which
// the settings page's fields and the built `managed_schema.json` are derived.
import { z } from 'zod';
import { LibraryConfigSchema, type LibraryConfig } from './libraries';

declare const __HK_DEFAULT_LIBRARY_URL__: string;
declare const __HK_LIBRARY_PUBLIC_KEY__: string;
declare const __HK_MIN_SEQUENCE__: number | null;

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
  maxLibraryAgeDays: z.coerce.number().int().min(1).max(365).default(7),
  /** The lowest feed `sequence` a first sync accepts (new install, changed libraryUrl): older answers are replays. */
  minSequence: z.coerce.number().int().min(0).optional(),
  reportToken: z.string().optional(),
  /** Programmes whose urgent items always alert (policy); when set, no other programme alerts. */
  alertPrograms: z.array(z.string().max(200)).max(200).optional(),
  /** Programmes the officer muted (urgent alerts and the badge); counter-hoaxes always alert. */
  mutedPrograms: z.array(z.string().max(200)).max(200).default([]),
  /** Full images only when one is needed: `on`, `off`, or `auto` = as the browser's data saver says. */
  dataSaver: z.enum(['auto', 'on', 'off']).default('auto'),
  /** Several libraries (utils/shared/libraries.ts), the first one primary: it replaces `libraryUrl` and `publicKey`. */
  libraries: z
    .array(LibraryConfigSchema.extend({ url: serverUrl }))
    .min(1)
    .max(20)
    .refine((list) => new Set(list.map((l) => l.id)).size === list.length)
    .optional(),
});

/** The effective settings, and the fields whose stored or policy value was refused (never used silently). */
export type Settings = z.infer<typeof SettingsSchema> & { rejected?: SettingsField[] };
export type SettingsField = keyof z.infer<typeof SettingsSchema>;
export const SETTINGS_FIELDS = Object.keys(SettingsSchema.shape) as SettingsField[];
/** Fields only IT sets, by policy: the settings page does not offer them. */
const POLICY_ONLY = ['maxLibraryAgeDays', 'minSequence', 'reportToken', 'alertPrograms', 'libraries'] as const;
/** Lists of programmes: the settings page offers them as checkboxes, not as text fields. */
const LIST_FIELDS = new Set<SettingsField>(['alertPrograms', 'mutedPrograms']);
/** Choices the settings page offers as their own controls, not as text fields. */
const CHOICE_FIELDS = new Set<SettingsField>(['dataSaver']);
export type OfficerField = Exclude<SettingsField, (typeof POLICY_ONLY)[number] | 'mutedPrograms' | 'dataSaver'>;
/** The text fields the settings page offers the officer. */
export const OFFICER_FIELDS = SETTINGS_FIELDS.filter((f): f is OfficerField => !(POLICY_ONLY as readonly string[]).includes(f) && !LIST_FIELDS.has(f) && !CHOICE_FIELDS.has(f));

/** Whether full images wait until one is needed: the officer's or policy's choice, else the browser's. */
export function dataSaverOn(settings: Pick<Settings, 'dataSaver'>, browserSaveData: boolean): boolean {
  return settings.dataSaver === 'on' || (settings.dataSaver === 'auto' && browserSaveData);
}

/** What IT staff read in their policy editor (Indonesian title, English description). */
export const POLICY_DESCRIPTIONS: Record<SettingsField, { title: string; description: string }> = {
  libraryUrl: { title: 'Alamat pustaka konten', description: 'Base URL of the national content library feed (the extension fetches ${libraryUrl}/v1/feed).' },
  publicKey: { title: 'Kunci publik pustaka', description: 'Base64 raw Ed25519 public key; when set, every feed page must carry a valid X-Library-Signature.' },
  reportUrl: { title: 'Alamat server laporan', description: 'Base URL for posting-log reports (POST ${reportUrl}/v1/posts).' },
  officerName: { title: 'Nama petugas', description: 'Officer name written into each posting-log entry.' },
  agency: { title: 'Instansi', description: 'Agency name: written into log entries and fills {instansi} in captions.' },
  region: { title: 'Daerah', description: 'Region name: fills {daerah} in captions.' },
  reportToken: { title: 'Token pendaftaran laporan', description: "The agency's enrollment token: installs present it once to enroll their signing key with the report server (POST ${reportUrl}/v1/installs)." },
  maxLibraryAgeDays: { title: 'Batas umur pustaka (hari)', description: 'After this many days without a newer verified library page the sidebar and popup say the library is stale (default 7).' },
  minSequence: { title: 'Nomor terbitan pustaka paling rendah', description: "The lowest feed sequence the extension accepts, also on its first sync with a library (new install or changed libraryUrl): an older answer is refused as a replay. The build's HK_MIN_SEQUENCE applies when higher." },
  alertPrograms: { title: 'Program yang wajib diperingatkan', description: 'Programmes whose urgent items always raise an alert (officers cannot mute them); when set, urgent items of other programmes do not alert. Urgent counter-hoaxes (kind klarifikasi) always alert.' },
  dataSaver: { title: 'Mode hemat data', description: "'on': only thumbnails are synced and a full image is downloaded when the officer inserts or downloads it; 'off': every image is downloaded in the background; 'auto' (default): as the browser's data saver (navigator.connection.saveData) says." },
  libraries: {
    title: 'Pustaka konten yang diikuti',
    description:
      "The libraries officers follow, the first one primary (it replaces libraryUrl and publicKey): each {id ([a-z0-9-]), label shown on its cards (e.g. 'Prov. Jawa Timur'), url, publicKey (base64 raw Ed25519)}. With a key built into the extension, only policy may list libraries, and the first one keeps the built-in key.",
  },
  mutedPrograms: { title: 'Program yang dibisukan', description: "Programmes whose urgent items do not alert this officer (ignored for programmes the policy's alertPrograms lists, and for counter-hoaxes)." },
};

const NUMBER_FIELDS = new Set<SettingsField>(['maxLibraryAgeDays', 'minSequence']);

/** The `storage.managed` schema Chrome validates policy against (written into the build). */
export function managedSchema(): object {
  const typeOf = (field: SettingsField) =>
    NUMBER_FIELDS.has(field)
      ? { type: 'integer' }
      : LIST_FIELDS.has(field)
        ? { type: 'array', items: { type: 'string' } }
        : field === 'libraries'
          ? { type: 'array', items: { type: 'object', properties: Object.fromEntries(Object.keys(LibraryConfigSchema.shape).map((key) => [key, { type: 'string' }])) } }
        : field === 'dataSaver'
          ? { type: 'string', enum: SettingsSchema.shape.dataSaver.removeDefault().options }
          : { type: 'string' };
  const properties = Object.fromEntries(SETTINGS_FIELDS.map((field) => [field, { ...POLICY_DESCRIPTIONS[field], ...typeOf(field) }]));
  return { type: 'object', properties };
}

/**
 * The national library's key, given at build time (HK_LIBRARY_PUBLIC_KEY; production builds must
 * have one). When built in, neither settings nor policy can replace it: an officer's own key would
 * let anyone who persuades them sign a library.
 */
export const BUILD_PUBLIC_KEY: string = typeof __HK_LIBRARY_PUBLIC_KEY__ === 'string' ? __HK_LIBRARY_PUBLIC_KEY__ : '';

/** The build's floor for feed sequences (HK_MIN_SEQUENCE); a policy's `minSequence` counts only when higher. */
export const BUILD_MIN_SEQUENCE: number | undefined = typeof __HK_MIN_SEQUENCE__ === 'number' ? __HK_MIN_SEQUENCE__ : undefined;

export const DEFAULT_LIBRARY_URL: string =
  typeof __HK_DEFAULT_LIBRARY_URL__ === 'string' ? __HK_DEFAULT_LIBRARY_URL__ : 'http://127.0.0.1:8787';

type SettingValue = string | number | string[] | LibraryConfig[];

function pickValues(source: unknown): Partial<Record<SettingsField, SettingValue>> {
  const out: Partial<Record<SettingsField, SettingValue>> = {};
  if (!source || typeof source !== 'object') return out;
  for (const field of SETTINGS_FIELDS) {
    const value = (source as Record<string, unknown>)[field];
    if (field === 'libraries') {
      if (Array.isArray(value) && value.length) out[field] = value.map((l: Partial<LibraryConfig>) => (l && typeof l === 'object' ? { ...l, url: typeof l.url === 'string' ? l.url.trim().replace(/\/+$/, '') : l.url } : l)) as LibraryConfig[];
      continue;
    }
    if (LIST_FIELDS.has(field)) {
      if (Array.isArray(value)) out[field] = value.filter((v): v is string => typeof v === 'string').map((v) => v.trim()).filter(Boolean);
      continue;
    }
    if (typeof value === 'string' && value.trim() !== '') out[field] = value.trim();
    if (typeof value === 'number' && NUMBER_FIELDS.has(field)) out[field] = value;
  }
  return out;
}

/** Development libraries on this computer may run unsigned; anything else needs a key. */
export function isLoopbackUrl(url: string): boolean {
  return URL.canParse(url) && LOOPBACK_HOSTS.has(new URL(url).hostname);
}

/**
 * Merges local and managed settings; fields that fail validation fall back rather than break sync.
 * A built-in key is kept whatever settings or policy say; a build's sequence floor can only be raised.
 */
export function mergeSettings(local: unknown, managed: unknown, defaultLibraryUrl = DEFAULT_LIBRARY_URL, buildKey = BUILD_PUBLIC_KEY, buildMinSequence = BUILD_MIN_SEQUENCE): Settings {
  const fromLocal = pickValues(local);
  // With a built-in key an officer's own settings cannot add a library (it would be signed by whoever persuaded them).
  if (buildKey) delete fromLocal.libraries;
  const merged: Record<string, SettingValue> = { libraryUrl: defaultLibraryUrl, ...fromLocal, ...pickValues(managed) };
  const [primary] = (merged.libraries as LibraryConfig[] | undefined) ?? [];
  if (primary && typeof primary === 'object') {
    merged.libraryUrl = primary.url;
    if (typeof primary.publicKey === 'string') merged.publicKey = primary.publicKey;
  }
  if (buildKey) merged.publicKey = buildKey;
  if (buildMinSequence !== undefined) {
    const asked = Number(merged.minSequence);
    merged.minSequence = Number.isInteger(asked) && asked > buildMinSequence ? asked : buildMinSequence;
  }
  for (const field of ['libraryUrl', 'reportUrl']) if (typeof merged[field] === 'string') merged[field] = (merged[field] as string).replace(/\/+$/, '');
  const parsed = SettingsSchema.safeParse(merged);
  if (parsed.success) return parsed.data;
  const rejected = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0]) as SettingsField))];
  const repaired = Object.fromEntries(Object.entries(merged).filter(([k]) => !rejected.includes(k as SettingsField)));
  return { ...SettingsSchema.parse({ libraryUrl: defaultLibraryUrl, ...repaired }), rejected };
}
