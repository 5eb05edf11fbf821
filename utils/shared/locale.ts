// The officer's language for Intl: the locale files name it (id-ID by default, en-GB in English).
import { i18n } from '#i18n';

export const uiLocale = () => i18n.t('intl.locale');

/**
 * Each formatter is made on first use: building an Intl.DateTimeFormat loads locale data (measured:
 * most of the 38 ms of the sidebar's first render, which only needed the language's name).
 */
interface Formats {
  locale: string;
  dateTime?: Intl.DateTimeFormat;
  date?: Intl.DateTimeFormat;
  number?: Intl.NumberFormat;
}
let cached: Formats | undefined;

function formats(): Formats {
  const locale = uiLocale();
  if (cached?.locale !== locale) cached = { locale };
  return cached;
}

/** A duration for people: minutes up to an hour and a half, then hours with one decimal. */
export function formatDuration(seconds: number): string {
  const minutes = Math.max(0, seconds) / 60;
  return minutes < 90 ? i18n.t('common.minutes', [formatNumber(Math.round(minutes))]) : i18n.t('common.hours', [formatNumber(Math.round(minutes / 6) / 10)]);
}
export const formatDateTime = (iso: string) => {
  const f = formats();
  return (f.dateTime ??= new Intl.DateTimeFormat(f.locale, { dateStyle: 'medium', timeStyle: 'short' })).format(new Date(iso));
};
export const formatDate = (iso: string) => {
  const f = formats();
  return (f.date ??= new Intl.DateTimeFormat(f.locale, { dateStyle: 'medium' })).format(new Date(iso));
};
export const formatNumber = (n: number) => {
  const f = formats();
  return (f.number ??= new Intl.NumberFormat(f.locale)).format(n);
};

/** Extension pages: the document's language and title follow the officer's language. */
export function localizePage(title: string): void {
  document.documentElement.lang = uiLocale().slice(0, 2);
  document.title = title;
}

/** The first and last instant of a local calendar day (yyyy-mm-dd), as ISO strings. */
export function dayStartIso(day: string): string {
  return new Date(`${day}T00:00:00`).toISOString();
}

export function dayEndIso(day: string): string {
  return new Date(new Date(`${day}T00:00:00`).getTime() + 86_400_000 - 1).toISOString();
}
