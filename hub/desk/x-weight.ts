// X's weighted length without twitter-text (a development dependency the built hub does not ship;
// hub/build.ts refuses it in the server bundle). It follows twitter-text's v3 configuration as the
// extension counts it (utils/background/platform-limits.ts): text NFC-normalized; code points in the
// light ranges weigh 1, others 2; an emoji sequence 2; a URL 23, with or without its scheme. The TLDs
// of bare domains are the common ones, not twitter-text's full list: an exotic bare domain counts as
// text. tests/unit/hub/desk-units.test.ts compares it with twitter-text on captions of the kind desks write.
const LIGHT = [[0, 4351], [8192, 8205], [8208, 8223], [8242, 8247]] as const;
export const X_URL_WEIGHT = 23;

const TLDS = 'com|net|org|info|biz|gov|edu|mil|int|io|co|id|me|ly|tv|app|dev|news|online|site|web|xyz|asia|us|uk|sg|my|au|jp|cn|de|fr|nl|in|ph|th|vn|kr|ca|eu|ru|br|int';
const LABEL = '[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?';
const PATH = `(?:\\/(?:[^\\s]*[^\\s.,!?;:)\\]'"”’])?)?`;
const URL = `(?:https?:\\/\\/(?:${LABEL}\\.)+\\p{L}{2,}(?::\\d+)?${PATH}|(?<![\\p{L}\\p{N}@.\\/-])(?:${LABEL}\\.)+(?:${TLDS})(?![\\p{L}\\p{N}-])(?::\\d+)?${PATH})`;
const MOD = '(?:\\uFE0F|[\\u{1F3FB}-\\u{1F3FF}])*';
// © and ® are text (weight 1) unless the emoji presentation selector follows them.
const PICTO = '(?:[\\u00A9\\u00AE]\\uFE0F|(?![\\u00A9\\u00AE])\\p{Extended_Pictographic})';
const EMOJI = `(?:[\\u{1F1E6}-\\u{1F1FF}]{2}|[0-9#*]\\uFE0F\\u20E3|${PICTO}${MOD}(?:\\u200D${PICTO}${MOD})*)`;
const TOKEN = new RegExp(`(?<url>${URL})|(?<emoji>${EMOJI})|[\\s\\S]`, 'giu');

const light = (codePoint: number) => LIGHT.some(([start, end]) => codePoint >= start && codePoint <= end);

export function xWeightedLength(text: string): number {
  let weight = 0;
  for (const match of text.normalize('NFC').matchAll(TOKEN)) {
    if (match.groups?.url) weight += X_URL_WEIGHT * 100;
    else if (match.groups?.emoji) weight += 200;
    else weight += light(match[0].codePointAt(0)!) ? 100 : 200;
  }
  return Math.floor(weight / 100);
}
