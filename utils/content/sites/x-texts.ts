// Every text the X adapter matches, Indonesian and English, with its source. Sources are in
// ../shared/notes/real-sites-2026.md ("Third round", X; confidence H/M/G as there).
import type { TextTable } from './texts';

export const X_TEXTS = {
  /** The success toast in [data-testid=toast]. */
  postSent: {
    en: ['Your post was sent', 'Your posts were sent'],
    id: ['Postingan Anda sudah terkirim'],
    guessed: ['Postingan Anda telah dikirim', 'Postingan Anda sudah dikirim'],
    source: 'notes Third round X: "Your post was sent." / threads "Your posts were sent." (OpenCLI 2026) H; "Postingan Anda sudah terkirim." (Twitter-UI-Customizer i18n/ti18n/id.json 2025-08) M/H; "telah dikirim": some bots, G',
  },
  /** Error toasts and alerts after Post. */
  postError: {
    en: ['Something went wrong', 'exceeded the character limit', 'You are rate limited', 'try again'],
    id: [],
    guessed: ['Terjadi kesalahan', 'melebihi batas karakter', 'coba lagi', 'gagal'],
    source: 'notes Third round X: errors "Something went wrong", "exceeded the character limit", "You are rate limited" M; the Indonesian ones are ours, G',
  },
  /** The Post button's label on reply boxes: a reply is not a post composer. */
  reply: {
    en: ['Reply', 'Post your reply'],
    id: [],
    guessed: ['Balas', 'Posting balasan Anda'],
    source: 'notes first round X: reply boxes use tweetButtonInline labelled "Reply" H; Indonesian G',
  },
  /** The Post button once a time is chosen in the schedule dialog. */
  schedule: {
    en: ['Schedule'],
    id: [],
    guessed: ['Jadwalkan'],
    source: 'notes Third round X: "the Post button then reads Schedule" M (2026 scheduling scripts poll for it); "Jadwalkan": issue 33, not seen on the site, G',
  },
} as const satisfies TextTable<string>;

/** Month names and abbreviations in the schedule banner, January = 0 (English H, Indonesian G). */
export const X_MONTHS: readonly (readonly string[])[] = [
  ['jan', 'january', 'januari'], ['feb', 'february', 'februari'], ['mar', 'march', 'maret'], ['apr', 'april'],
  ['may', 'mei'], ['jun', 'june', 'juni'], ['jul', 'july', 'juli'], ['aug', 'august', 'agu', 'agt', 'agustus'],
  ['sep', 'sept', 'september'], ['oct', 'october', 'okt', 'oktober'], ['nov', 'november', 'nop', 'nopember'], ['dec', 'december', 'des', 'desember'],
];

/**
 * The moment a schedule banner names, read as the browser's local time (the dialog's selects are in
 * the account's time zone, which is the browser's for officers): "Will send on Thu, Apr 30, 2026 at
 * 8:00 AM", or the Indonesian order "30 Apr 2026 pukul 08.00". Undefined when any part is missing.
 */
export function scheduledTime(banner: string): Date | undefined {
  const text = banner.replace(/[\s\u00a0\u202f]+/g, ' ');
  const year = text.match(/\b(20\d\d)\b/)?.[1];
  const time = text.match(/\b(\d{1,2})[:.](\d{2})(?:\s*(am|pm|a\.m\.|p\.m\.))?/i);
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  const month = X_MONTHS.findIndex((names) => words.some((w) => names.includes(w)));
  // The day: a number of one or two digits that is not part of the time or the year.
  const rest = text.replace(time?.[0] ?? '', ' ').replace(year ?? '', ' ');
  const day = rest.match(/\b(\d{1,2})\b/)?.[1];
  if (!year || !time || month < 0 || !day) return undefined;
  let hour = Number(time[1]);
  if (time[3]) hour = (hour % 12) + (/^p/i.test(time[3]) ? 12 : 0);
  const at = new Date(Number(year), month, Number(day), hour, Number(time[2]));
  return at.getMonth() === month && hour < 24 && Number(time[2]) < 60 ? at : undefined;
}
