// The signed library's site hints on this page (utils/background/site-hints.ts): extra selectors and
// texts an adapter tries after its own candidates. Read through the background when the content
// script starts and again whenever the library changed (the one-minute check), so a hint published
// for a markup change reaches open pages without a release. Data only: selectors and words.
import type { NetworkHints } from '../shared/schema';
import { sendMessage } from '../shared/send-message';
import type { Phrase } from './sites/texts';

type SelectorRole = 'editor' | 'postButton' | 'fileInput';
type TextRole = 'successText' | 'errorText';

let current: NetworkHints = {};
let key = '{}';

/** Whether the browser can use the selector (validated by the background already; a second guard). */
function usable(selector: string): boolean {
  try {
    document.createDocumentFragment().querySelector(selector);
    return true;
  } catch {
    return false;
  }
}

/** Sets this page's hints; true when they changed. */
export function setSiteHints(hints: NetworkHints): boolean {
  const clean: NetworkHints = {
    ...hints,
    editor: hints.editor?.filter(usable),
    postButton: hints.postButton?.filter(usable),
    fileInput: hints.fileInput?.filter(usable),
  };
  const next = JSON.stringify(clean);
  if (next === key) return false;
  key = next;
  current = clean;
  return true;
}

/** Asks the background for the network's hints; true when they changed. A failed request keeps what is here. */
export async function loadSiteHints(network: string): Promise<boolean> {
  try {
    return setSiteHints((await sendMessage('siteHints.get', { network })) ?? {});
  } catch {
    return false;
  }
}

/** The adapter's own selector, then the hints' for that role. */
export function hinted(role: SelectorRole, own: string): string {
  const extra = current[role];
  return extra?.length ? `${own}, ${extra.join(', ')}` : own;
}

/** The hints' selectors alone for a role (a step the adapter finds by its words, not by a selector), or undefined. */
export function hintSelector(role: SelectorRole): string | undefined {
  return current[role]?.length ? current[role]!.join(', ') : undefined;
}

/** The adapter's phrase, with the hints' texts for that role as further variants. */
export function hintedPhrase(role: TextRole, phrase: Phrase): Phrase {
  const extra = current[role];
  return extra?.length ? { ...phrase, guessed: [...(phrase.guessed ?? []), ...extra] } : phrase;
}
