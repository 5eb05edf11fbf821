// Validation of the settings page, with messages an officer understands (in the officer's language).
import { i18n } from '#i18n';
import { z } from 'zod';
import { base64ToBytes } from '../shared/crypto';
import { isAllowedServerUrl, OFFICER_FIELDS, type OfficerField, type Settings } from '../shared/settings';

/** A field of the settings page. */
export type SettingsField = OfficerField;
export type SettingsForm = Record<SettingsField, string>;
export const EMPTY_FORM = Object.fromEntries(OFFICER_FIELDS.map((f) => [f, ''])) as SettingsForm;

const serverUrl = (field: 'libraryUrl' | 'reportUrl', optional = false) =>
  z
    .string()
    .trim()
    .refine((v) => (optional && v === '') || URL.canParse(v), { message: i18n.t(`settings.errors.${field}Format`), abort: true })
    .refine((v) => (optional && v === '') || isAllowedServerUrl(v), i18n.t(`settings.errors.${field}Https`))
    .transform((v) => v.replace(/\/+$/, ''));

const publicKey = () =>
  z
  .string()
  .trim()
  .refine((v) => {
    if (v === '') return true;
    try {
      return base64ToBytes(v).length === 32;
    } catch {
      return false;
    }
  }, i18n.t('settings.errors.publicKey'));

// Built on use, so the messages are in the language of the page that asks.
const settingsFormSchema = () =>
  z.object<Record<SettingsField, z.ZodType<string, string>>>({
    libraryUrl: serverUrl('libraryUrl'),
    publicKey: publicKey(),
    reportUrl: serverUrl('reportUrl', true),
    officerName: z.string().trim().max(120, i18n.t('settings.errors.officerName')),
    agency: z.string().trim().max(200, i18n.t('settings.errors.agency')),
    region: z.string().trim().max(120, i18n.t('settings.errors.region')),
  });

export type FormResult = { ok: true; settings: Partial<Settings> } | { ok: false; errors: Partial<Record<SettingsField, string>> };

export function validateSettingsForm(form: SettingsForm): FormResult {
  const parsed = settingsFormSchema().safeParse(form);
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
