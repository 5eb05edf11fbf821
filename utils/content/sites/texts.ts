// The words a site adapter matches, one table per network (`<site>-texts.ts`), in the site's
// Indonesian and English interfaces. Adapters find things by role, test id and structure first;
// a text is matched only where nothing else exists, and always from its table.

/** One thing the site says, in both interface languages, and where we know it from. */
export interface Phrase {
  /** What the English interface shows. */
  en: readonly string[];
  /** What the Indonesian interface shows. */
  id: readonly string[];
  /** Variants nobody has shown on the real site (the notes' G, or ours): matched, never relied on alone. */
  guessed?: readonly string[];
  /** Where the words come from (../shared/notes/real-sites-2026.md and its sources). */
  source: string;
}

export type TextTable<K extends string> = Readonly<Record<K, Phrase>>;

/** Every variant of a phrase, both languages and the guesses. */
export const variants = (phrase: Phrase): string[] => [...phrase.en, ...phrase.id, ...(phrase.guessed ?? [])];

const normalise = (text: string) => text.replace(/[\s\u00a0\u202f]+/g, ' ').trim().toLowerCase();

/** Whether the text says the phrase anywhere (a toast, an alert, a dialog). */
export function says(text: string | null | undefined, phrase: Phrase): boolean {
  const said = normalise(text ?? '');
  return said !== '' && variants(phrase).some((v) => said.includes(normalise(v)));
}

/** Whether the text is exactly the phrase (a button's own label). */
export function isPhrase(text: string | null | undefined, phrase: Phrase): boolean {
  const said = normalise(text ?? '');
  return variants(phrase).some((v) => said === normalise(v));
}

/** A CSS selector for elements labelled with the phrase, e.g. `[aria-label="Post"], [aria-label="Posting"]`. */
export function labelled(phrase: Phrase, attribute = 'aria-label'): string {
  return variants(phrase).map((v) => `[${attribute}="${v.replaceAll('"', '\\"')}"]`).join(', ');
}
