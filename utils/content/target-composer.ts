// Which composer the sidebar acts on when several are mounted at once (X: the /home inline composer
// under a quote or reply dialog; ../shared/notes/real-sites-2026.md "Third round": "target the
// focused one, look for media inside it", H). One sidebar per page, one target per click:
// - the top-most layer wins: a dialog is drawn over the page, a later (or nested) dialog over an
//   earlier one. X's dialogs are modal, so the officer works in the top-most one; a composer behind
//   it can still hold a stale DOM focus from before the dialog opened, so focus does not beat layers;
// - within that layer, the composer the officer last focused, else the one that opened last;
// - a box of the site's editor kind that is not a post composer (X's reply box) takes part too: when
//   it is where the officer works, the answer is `{ reply }`: the insertion goes into the reply, never
//   into the composer behind it, and is not logged (ui-contract: reply boxes are not post composers).
// Decided at the click only: nothing here runs per DOM mutation (only a `focusin` listener).
import type { Composer, SiteAdapter } from './sites';
import { isShown } from './sites/dom-insert';

/** A reply box the officer works in: inserted into, never logged as a post. */
export interface ReplyTarget {
  reply: Composer;
}

export type Target = Composer | ReplyTarget | undefined;

export const isReply = (target: Target): target is ReplyTarget => !!target && 'reply' in target;

interface Candidate {
  editor: Element;
  composer?: Composer;
  reply?: Composer;
  /** Opening order: later is newer; composers found only at the click count as newest. */
  order: number;
}

const SIDEBAR_TAG = 'humas-kanal-sidebar';

const layerOf = (el: Element): Element | null => el.closest('[role="dialog"]');

/** True when layer `a` is drawn over layer `b` (null: the page itself, under every dialog). */
export function isAbove(a: Element | null, b: Element | null): boolean {
  if (a === b || !a) return false;
  if (!b) return true;
  if (a.contains(b)) return false;
  if (b.contains(a)) return true;
  return (b.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
}

/** Remembers the page element that last took focus; the sidebar's own focus (clicking Insert) does not count. */
export function trackFocus(doc: Document): { last(): Element | null; stop(): void } {
  let last: Element | null = null;
  const onFocus = (event: FocusEvent) => {
    if (event.target instanceof Element && event.target.localName !== SIDEBAR_TAG) last = event.target;
  };
  doc.addEventListener('focusin', onFocus, true);
  return { last: () => (last?.isConnected ? last : null), stop: () => doc.removeEventListener('focusin', onFocus, true) };
}

/**
 * The composer a sidebar click acts on. `open` is in opening order (the composer watch's list); the
 * page is also read once at the click, so a dialog that opened a frame ago is not missed.
 */
export function pickTarget(adapter: SiteAdapter, doc: Document, open: readonly Composer[], focused: Element | null): Target {
  const candidates: Candidate[] = open.map((composer, order) => ({ editor: composer.editor, composer, order }));
  const known = new Set<Element>(open.map((c) => c.editor));
  for (const el of doc.querySelectorAll(adapter.editorSelector)) {
    if (!isShown(el)) continue;
    const reply = adapter.replyComposer?.(el);
    if (reply) {
      candidates.push({ editor: reply.editor, reply, order: -1 });
      continue;
    }
    if (known.has(el) || open.some((c) => c.editor.contains(el) || el.contains(c.editor))) continue;
    const composer = adapter.composerFor(el);
    if (composer && !known.has(composer.editor)) {
      known.add(composer.editor);
      candidates.push({ editor: composer.editor, composer, order: open.length + candidates.length });
    }
  }
  const shown = candidates.filter((c) => isShown(c.editor));
  // Nothing on screen to choose between (a composer closing, not yet noticed): the newest, as before.
  if (shown.length <= 1) return shown[0] ? targetOf(shown[0]) : open[open.length - 1];

  const top = shown.reduce((a, b) => (isAbove(layerOf(b.editor), layerOf(a.editor)) ? b : a));
  const layer = layerOf(top.editor);
  const inLayer = shown.filter((c) => layerOf(c.editor) === layer);
  const chosen =
    (focused && inLayer.find((c) => c.editor.contains(focused) || ((c.composer ?? c.reply)?.root.contains(focused) ?? false))) ||
    inLayer.filter((c) => c.composer).sort((a, b) => a.order - b.order).at(-1) ||
    inLayer[0]!;
  return targetOf(chosen);
}

const targetOf = (c: Candidate): Target => c.composer ?? { reply: c.reply! };
