// After the text went in, the composer is watched (its mutations) until the Post click, the
// officer's own typing, or a quiet spell after the media settled: X re-renders its editor from a
// draft copy when media attaches and can wipe text inserted just before (the X fixture's comments;
// OpenCLI PR #1180), at any time up to the upload's end, not after a fixed settle time. A wipe is
// answered by inserting once more — never while the text is still there (that is how duplicates
// happen), never after the Post click (an editor emptied by posting is not an editor the site wiped),
// never after the officer typed (their edits are theirs).
import { isPosted, rememberContent, type InsertedContent } from './composer-content';
import { nextFrame, squash } from './sites/dom-insert';
import type { Composer, SiteAdapter } from './sites';

/** Without a wipe for this long after the last thing that could cause one, the watch ends. */
export const QUIET_MS = 4_000;
/** The watch never runs longer than this (a slow upload's preview included). */
const LONGEST_MS = 40_000;
/** The officer's own input in the composer ends the watch. */
const OFFICER_INPUT = ['keydown', 'beforeinput', 'paste', 'drop', 'cut'] as const;

/**
 * Completion signal, for tests (development builds only, like post-watch.ts's): on the page's root
 * element, `data-hk-text-watch-<kept|reinserted|lost>` counts the watches that ended so.
 */
const SIGNALS = import.meta.env.MODE !== 'production';
function countEnd(doc: Document, result: string): void {
  if (!SIGNALS) return;
  const name = `data-hk-text-watch-${result}`;
  doc.documentElement.setAttribute(name, String(Number(doc.documentElement.getAttribute(name) ?? 0) + 1));
}

/** The composer as the site shows it now: sites re-render after media, replacing the editor element. */
export function refreshed(adapter: SiteAdapter, composer: Composer): Composer {
  if (composer.editor.isConnected) return composer;
  const editor = composer.root.isConnected ? composer.root.querySelector(adapter.editorSelector) : null;
  return (editor && adapter.composerFor(editor)) || composer;
}

export const holdsText = (adapter: SiteAdapter, composer: Composer, text: string): boolean => squash(adapter.readText(composer)).includes(squash(text));

/**
 * Watches the composer after `content` went in; `settled` is what may still re-render it (the media
 * preview landing). Resolves 'kept' (nothing wiped, or the watch ended), 'reinserted' or 'lost' (a
 * wipe the second insertion could not repair).
 */
export function watchText(adapter: SiteAdapter, composer: Composer, content: InsertedContent, settled: Promise<unknown> = Promise.resolve(), quietMs = QUIET_MS): Promise<'kept' | 'reinserted' | 'lost'> {
  const root = composer.root;
  let current = composer;
  return new Promise((resolve) => {
    let done = false;
    let busy = false;
    let quiet: ReturnType<typeof setTimeout> | undefined;
    const finish = (result: 'kept' | 'reinserted' | 'lost') => {
      if (done) return;
      done = true;
      observer.disconnect();
      for (const type of OFFICER_INPUT) root.removeEventListener(type, onInput, true);
      clearTimeout(quiet);
      clearTimeout(longest);
      countEnd(root.ownerDocument, result);
      resolve(result);
    };
    const onInput = (event: Event) => {
      if (event.isTrusted) finish('kept');
    };
    const check = async () => {
      if (done || busy) return;
      if (isPosted(content.token) || !root.isConnected) return finish('kept');
      current = refreshed(adapter, current);
      if (holdsText(adapter, current, content.text)) return;
      // Let the site finish its re-render before judging, then look again.
      busy = true;
      await nextFrame();
      busy = false;
      if (done) return;
      if (isPosted(content.token)) return finish('kept');
      current = refreshed(adapter, current);
      if (holdsText(adapter, current, content.text)) return;
      busy = true;
      const ok = await adapter.insertText(current, content.text);
      if (ok) rememberContent(current, content);
      finish(ok ? 'reinserted' : 'lost');
    };
    const observer = new MutationObserver(() => void check());
    observer.observe(root, { subtree: true, childList: true, characterData: true });
    for (const type of OFFICER_INPUT) root.addEventListener(type, onInput, true);
    const longest = setTimeout(() => finish('kept'), LONGEST_MS);
    void settled.finally(() => {
      if (!done) quiet = setTimeout(() => finish('kept'), quietMs);
    });
    void check();
  });
}
