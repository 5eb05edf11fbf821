// Search normalisation for Indonesian: case, diacritics, punctuation, and common affixes, so
// "pendaftaran" finds "daftar" and "Imunisasi" finds "diimunisasi".

export function normalizeForSearch(text: string): string {
  // Most library text is ASCII: the Unicode-aware steps cost ~4× more there and change nothing.
  // (Indonesian has no locale-specific casing, so toLowerCase is toLocaleLowerCase('id').)
  if (!/[^\x00-\x7f]/.test(text)) return text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLocaleLowerCase('id')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const PARTICLES = /(lah|kah|tah|pun)$/;
const POSSESSIVES = /(nya|ku|mu)$/;
const SUFFIXES = /(kan|an|i)$/;
const PREFIXES: [RegExp, string][] = [
  [/^(ber|ter|per)/, ''],
  [/^(meng|peng)(?=[aiueogh])/, ''],
  [/^(mem|pem)(?=[bfpv])/, ''],
  [/^(men|pen)(?=[cdjstz])/, ''],
  [/^(meny|peny)/, 's'],
  [/^(me|pe)(?=[lmnrwy])/, ''],
  [/^(di|ke|se)/, ''],
];

/** A light Indonesian stemmer (affix stripping, no dictionary): good enough for matching, never shown. */
export function stemIndonesian(word: string): string {
  if (word.length <= 4) return word;
  let stem = word.length > 6 ? word.replace(PARTICLES, '').replace(POSSESSIVES, '') : word;
  if (stem.length > 6) stem = stem.replace(SUFFIXES, '');
  for (const [prefix, replacement] of PREFIXES) {
    if (prefix.test(stem) && stem.length - 2 > 3) {
      stem = stem.replace(prefix, replacement);
      break;
    }
  }
  return stem.length >= 3 ? stem : word;
}

/** Stems of words already seen: a library of 10,000 items has ~10,000 distinct words in ~430,000. */
const stems = new Map<string, string>();
const STEMS_KEPT = 100_000;

function cachedStem(word: string): string {
  let stem = stems.get(word);
  if (stem === undefined) {
    if (stems.size >= STEMS_KEPT) stems.clear();
    stems.set(word, (stem = stemIndonesian(word)));
  }
  return stem;
}

/** Words and their stems, space-padded, ready for prefix matching. */
export function searchIndex(text: string): string {
  const terms = new Set(normalizeForSearch(text).split(' '));
  terms.delete('');
  for (const word of [...terms]) terms.add(cachedStem(word));
  return ` ${[...terms].join(' ')}`;
}

/** A query prepared once: each word as typed and as stemmed, space-prefixed for prefix matching. */
export type CompiledQuery = [string, string][];

export function compileQuery(query: string): CompiledQuery {
  return normalizeForSearch(query)
    .split(' ')
    .filter(Boolean)
    .map((w) => [` ${w}`, ` ${stemIndonesian(w)}`]);
}

/** Every query word must start a word (or a word's stem) of the item: search as you type. */
export function matchesQuery(index: string, query: CompiledQuery): boolean {
  return query.every(([word, stem]) => index.includes(word) || index.includes(stem));
}
