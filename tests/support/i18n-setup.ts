// Unit tests run on WXT's fake browser, which has no i18n: answer getMessage from our own locale
// files the way Chrome does ($1–$9 substitutions), in Indonesian unless a test switches language.
import { generateChromeMessages, parseMessagesFile, type ChromeMessage } from '@wxt-dev/i18n/build';
import { fakeBrowser } from 'wxt/testing/fake-browser';

export const LOCALES = ['id', 'en'] as const;
const loaded = new Map<string, Record<string, ChromeMessage>>();
for (const locale of LOCALES) loaded.set(locale, generateChromeMessages(await parseMessagesFile(`locales/${locale}.yml`)));

let current: (typeof LOCALES)[number] = 'id';

/** The browser's language for the following calls (Chrome picks it at start-up; tests switch it). */
export function setTestLocale(locale: (typeof LOCALES)[number]): void {
  current = locale;
}

export const chromeMessages = (locale: (typeof LOCALES)[number]) => loaded.get(locale)!;

Object.assign(fakeBrowser, {
  i18n: {
    getUILanguage: () => current,
    getMessage(name: string, substitutions?: string | string[]) {
      const subs = substitutions === undefined ? [] : ([] as string[]).concat(substitutions);
      const message = loaded.get(current)![name]?.message ?? '';
      return message.replace(/\$(\$|[1-9])/g, (_, which: string) => (which === '$' ? '$' : subs[Number(which) - 1] ?? ''));
    },
  },
});
