// What went into each composer and has not been posted yet. A Post click takes it: that click ends
// the insertion (no later re-check puts the caption back into a composer the site emptied by
// posting), and whatever is inserted next into the same composer is the next post, logged on its
// own click however soon it comes. A post the site refused gives its content back for a second try.
import type { Composer } from './sites';

/** What went into a composer, for the posting log. */
export interface InsertedContent {
  token: string;
  text: string;
}

const contentByEditor = new WeakMap<HTMLElement, InsertedContent>();
/** Composers holding library content not yet posted: their Post click is logged, also from a second dialog. */
export const filledComposers = new Set<Composer>();
/** Insertion tokens whose content a Post click has taken. */
const postedTokens = new Set<string>();

export function rememberContent(composer: Composer, content: InsertedContent): void {
  // A re-rendered composer replaces its earlier self (same root, new editor element).
  for (const earlier of filledComposers) if (earlier.root === composer.root && earlier.editor !== composer.editor) filledComposers.delete(earlier);
  contentByEditor.set(composer.editor, content);
  filledComposers.add(composer);
}

export const contentOf = (composer: Composer): InsertedContent | undefined => contentByEditor.get(composer.editor);

/** The Post click: the composer's content leaves it, once (a second click on the same content takes nothing). */
export function takeContent(composer: Composer): InsertedContent | undefined {
  const content = contentByEditor.get(composer.editor);
  if (!content) return undefined;
  contentByEditor.delete(composer.editor);
  filledComposers.delete(composer);
  postedTokens.add(content.token);
  return content;
}

/** The site refused the post: its content is the composer's again, unless the officer inserted other content meanwhile. */
export function giveBackContent(composer: Composer, content: InsertedContent): void {
  postedTokens.delete(content.token);
  if (!composer.editor.isConnected || contentByEditor.has(composer.editor)) return;
  rememberContent(composer, content);
}

/** Whether a Post click has taken this insertion's content. */
export const isPosted = (token: string): boolean => postedTokens.has(token);
