// The officer's language for Intl: the locale files name it (id-ID by default, en-GB in English).
import { i18n } from '#i18n';

let cached: { locale: string; dateTime: Intl.DateTimeFormat; date: Intl.DateTimeFormat; number: Intl.NumberFormat } | undefined;

function formats() {
  const locale = i18n.t('intl.locale');
  if (cached?.locale !== locale) {
    cached = {
      locale,
      dateTime: new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }),
      date: new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }),
      number: new Intl.NumberFormat(locale),
    };
  }
  return cached;
}

export const uiLocale = () => formats().locale;

/** A duration for people: minutes up to an hour and a half, then hours with one decimal. */
export function formatDuration(seconds: number): string {
  const minutes = Math.max(0, seconds) / 60;
  return minutes < 90 ? i18n.t('common.minutes', [formatNumber(Math.round(minutes))]) : i18n.t('common.hours', [formatNumber(Math.round(minutes / 6) / 10)]);
}
export const formatDateTime = (iso: string) => formats().dateTime.format(new Date(iso));
export const formatDate = (iso: string) => formats().date.format(new Date(iso));
export const formatNumber = (n: number) => formats().number.format(n);

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
