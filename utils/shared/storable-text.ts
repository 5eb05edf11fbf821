// Text every store can keep: PostgreSQL's jsonb refuses NUL (\u0000) and unpaired UTF-16
// surrogates, and a spreadsheet or a terminal shows other control characters as garbage. The
// extension cleans and caps each field when it writes an entry; the hub refuses what is not clean.

const LONE_SURROGATE = '[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]';
/** What jsonb cannot hold: NUL, and UTF-16 surrogates without their pair. */
const UNSTORABLE = new RegExp(`\\u0000|${LONE_SURROGATE}`);
/** What the extension drops or replaces when it writes an entry: also every other control character but tab and newline. */
const UNCLEAN = new RegExp(`[\\u0000-\\u0008\\u000B-\\u001F\\u007F]|${LONE_SURROGATE}`, 'g');

/** Whether the hub can store this text (it refuses the entry otherwise, with a reason). */
export const isStorableText = (text: string): boolean => !UNSTORABLE.test(text);

/**
 * The text cleaned (control characters dropped, a lone surrogate becomes U+FFFD) and cut to `max`
 * UTF-16 units without splitting a surrogate pair.
 */
export function storableText(value: unknown, max: number): string {
  const text = String(value ?? '').replace(UNCLEAN, (c) => (c.length === 1 && c >= '\uD800' ? '\uFFFD' : ''));
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/** Whether every string inside a JSON value is storable. */
export function isStorableValue(value: unknown): boolean {
  if (typeof value === 'string') return isStorableText(value);
  if (Array.isArray(value)) return value.every(isStorableValue);
  if (value && typeof value === 'object') return Object.entries(value).every(([k, v]) => isStorableText(k) && isStorableValue(v));
  return true;
}
