// Finds composers as they appear without per-mutation work on busy feeds (measured: a subtree
// MutationObserver alone costs ~4 ms per 1,000 feed mutations). Three cheap signals instead:
// - a CSS animation on the editor selector: `animationstart` fires for any editor rendered, one frame
//   late, wherever it is mounted. What never renders (Instagram's display:none file input) never
//   animates: such an adapter names a container that does (`[role="dialog"]:has(input[type="file"])`:
//   measured against the same page without it, no cost per 1,000 feed mutations beyond noise);
// - `focusin`: composers focus their editor when they open, so this is immediate;
// - a MutationObserver on <body>'s own children only: most dialogs are portals appended there (a
//   speed-up, not relied on: a reused portal root or the app's own root is caught by the animation).
// - after each click or Enter, one look for the selector in the task after the site's own handlers:
//   a dialog the click rendered anywhere (Instagram's step 1 inside its app root) is found then, not
//   a frame or two later by its animation (bench: Instagram step 1 → sidebar shell). Shown ones only:
//   a composer kept hidden under another dialog (X's schedule picker, Facebook's "Post settings")
//   must not open and close the sidebar at every click there. A site that renders the dialog later
//   (code loaded on demand) is still found by the animation.
// Closing is checked on a slow timer while a composer is open.
import type { Composer, SiteAdapter } from './sites';
import { isShown } from './sites/dom-insert';

const ANIMATION = 'hk-composer-seen';
const CLOSE_CHECK_MS = 250;

export interface ComposerHandlers {
  onOpen(composer: Composer): void;
  onClose(composer: Composer): void;
}

export function watchComposers(doc: Document, adapter: SiteAdapter, handlers: ComposerHandlers): () => void {
  const open = new Map<HTMLElement, Composer>();
  let timer: ReturnType<typeof setInterval> | undefined;

  const checkClosed = () => {
    for (const [editor, composer] of open) {
      if (!isShown(editor)) {
        open.delete(editor);
        handlers.onClose(composer);
      }
    }
    if (open.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };

  const consider = (el: Element) => {
    const composer = adapter.composerFor(el);
    if (!composer || open.has(composer.editor)) return;
    open.set(composer.editor, composer);
    timer ??= setInterval(checkClosed, CLOSE_CHECK_MS);
    handlers.onOpen(composer);
  };

  const onAnimation = (event: AnimationEvent) => {
    if (event.animationName === ANIMATION && event.target instanceof Element) consider(event.target);
  };

  // One pending look at a time: a burst of clicks costs one querySelectorAll. (Space on a button
  // fires a click; Space in a text field must not cost a look per word.)
  let look: ReturnType<typeof setTimeout> | undefined;
  const lookAfterInteraction = (event: Event) => {
    if (event instanceof KeyboardEvent && event.key !== 'Enter') return;
    look ??= setTimeout(() => {
      look = undefined;
      doc.querySelectorAll(adapter.editorSelector).forEach((el) => isShown(el) && consider(el));
    }, 0);
  };

  const onFocus = (event: FocusEvent) => {
    if (event.target instanceof Element && event.target.matches(adapter.editorSelector)) consider(event.target);
  };

  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType !== 1) continue;
        const el = node as Element;
        const editor = el.matches(adapter.editorSelector) ? el : el.firstElementChild && el.querySelector(adapter.editorSelector);
        if (editor) consider(editor);
      }
    }
  });

  const style = doc.createElement('style');
  style.textContent = `@keyframes ${ANIMATION} { from { opacity: 0.99 } to { opacity: 1 } }
${adapter.editorSelector} { animation-duration: 1ms; animation-name: ${ANIMATION}; }`;
  doc.addEventListener('animationstart', onAnimation, true);
  (doc.head ?? doc.documentElement).append(style);
  const scan = () => doc.querySelectorAll(adapter.editorSelector).forEach(consider);
  const watchBody = (body: HTMLElement) => {
    observer.observe(body, { childList: true });
    scan();
  };
  // At document_start there is no <body> yet: its children are watched from the moment it exists.
  const bodyWait = new MutationObserver(() => {
    if (!doc.body) return;
    bodyWait.disconnect();
    watchBody(doc.body);
  });
  if (doc.body) watchBody(doc.body);
  else bodyWait.observe(doc, { childList: true, subtree: true });
  // A composer in the page's own HTML or built by its first scripts is there when parsing ends,
  // before its first paint (and its first animation frame).
  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', scan, { once: true });
  doc.addEventListener('focusin', onFocus, true);
  doc.addEventListener('click', lookAfterInteraction, true);
  doc.addEventListener('keyup', lookAfterInteraction, true);

  return () => {
    bodyWait.disconnect();
    doc.removeEventListener('DOMContentLoaded', scan);
    observer.disconnect();
    doc.removeEventListener('focusin', onFocus, true);
    doc.removeEventListener('click', lookAfterInteraction, true);
    doc.removeEventListener('keyup', lookAfterInteraction, true);
    clearTimeout(look);
    doc.removeEventListener('animationstart', onAnimation, true);
    style.remove();
    if (timer) clearInterval(timer);
  };
}

