// The extension's `#i18n` for the hub's pages: the same locale files (locales/*.yml, embedded at
// build time as Chrome messages), so the shared components speak the same words.
declare const __HK_MESSAGES__: Record<'id' | 'en', Record<string, { message: string }>>;

export const LANGUAGES = ['id', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The page's language: the officer's choice, else what the server read from Accept-Language. */
export function pageLanguage(): Language {
  const chosen = localStorage.getItem('hk-hub-lang') ?? document.documentElement.lang;
  return chosen === 'en' ? 'en' : 'id';
}

export function chooseLanguage(language: Language): void {
  localStorage.setItem('hk-hub-lang', language);
  location.reload();
}

export const i18n = {
  t(key: string, substitutions?: (string | number)[]): string {
    const message = __HK_MESSAGES__[pageLanguage()][key.replaceAll('.', '_')]?.message ?? key;
    const subs = (substitutions ?? []).map(String);
    return message.replace(/\$(\$|[1-9])/g, (_, which: string) => (which === '$' ? '$' : subs[Number(which) - 1] ?? ''));
  },
};
