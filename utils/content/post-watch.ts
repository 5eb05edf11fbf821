// Notices the officer's Post/Share on a composer that received library content. The background
// writes the entry at that click (`unconfirmed`); then this waits for what the site shows (posted,
// refused) and the post's address, each sent as an update of that entry.
import { browser } from 'wxt/browser';
import { POST_PORT, type PostPortMessage } from '../shared/messages';
import { filledComposers, insertedContent } from './insert-flow';
import { closedOrEmptied, isButtonEnabled } from './sites/dom-insert';
import type { Composer, SiteAdapter } from './sites';
import type { PostOutcome } from './sites/types';

/** How long the site's verdict is awaited; the entry stays `unconfirmed` when none comes. */
const OUTCOME_WAIT_MS = 60_000;
const POST_URL_WAIT_MS = 5_000;
const POLL_MS = 100;

/** Polls `check` until it returns a value other than undefined, or the time is up (undefined). */
function pollFor<T>(check: () => T | undefined, timeoutMs: number): Promise<T | undefined> {
  const started = Date.now();
  return new Promise((resolve) => {
    const tick = () => {
      const value = check();
      if (value !== undefined || Date.now() - started > timeoutMs) resolve(value);
      else setTimeout(tick, POLL_MS);
    };
    tick();
  });
}

/** Without a site rule: a composer that closed or emptied has posted. */
function outcomeOf(adapter: SiteAdapter, composer: Composer): PostOutcome {
  return adapter.postOutcome ? adapter.postOutcome(composer) : closedOrEmptied(composer.editor, adapter.readText(composer));
}

/**
 * Waits for the site's verdict on this click. What the page already said before it (an earlier
 * error notice, the toast of the previous post) does not count until it has gone away; a new post
 * address (a new toast link, a new feed article) is a confirmation. A failure notice can come and
 * go between two polls: the DOM is watched for it meanwhile.
 */
async function waitForOutcome(adapter: SiteAdapter, composer: Composer, earlierUrl: string | undefined): Promise<PostOutcome> {
  const doc = composer.root.ownerDocument;
  const before = outcomeOf(adapter, composer);
  const counts = { failed: before !== 'failed', confirmed: before !== 'confirmed' };
  let verdict: PostOutcome;
  const check = (): PostOutcome => {
    if (verdict) return verdict;
    const url = adapter.findPostUrl?.(doc);
    if (url && url !== earlierUrl) return (verdict = 'confirmed');
    const now = outcomeOf(adapter, composer);
    if (now !== 'failed') counts.failed = true;
    if (now !== 'confirmed') counts.confirmed = true;
    if (now && counts[now]) verdict = now;
    return verdict;
  };
  const watcher = new MutationObserver(() => void check());
  watcher.observe(doc.body, { childList: true, subtree: true, characterData: true });
  try {
    return await pollFor(check, OUTCOME_WAIT_MS);
  } finally {
    watcher.disconnect();
  }
}

export function watchPosts(doc: Document, adapter: SiteAdapter): () => void {
  const posting = new WeakSet<HTMLElement>();

  const onPostAttempt = async (composer: Composer) => {
    const content = insertedContent.get(composer.editor);
    if (!content || posting.has(composer.editor)) return;
    posting.add(composer.editor);
    // The entry is written at once (text read before the site clears the editor): if this page goes
    // away before the site answers, the post is still in the log.
    const port = browser.runtime.connect({ name: POST_PORT });
    const send = (message: PostPortMessage) => port.postMessage(message);
    send({ type: 'intent', token: content.token, text: adapter.readText(composer), account: adapter.readAccount(composer), pageUrl: location.href });
    // A link already on the page belongs to an earlier post (the feed's top article, an old toast).
    const earlierUrl = adapter.findPostUrl?.(doc);
    try {
      const outcome = await waitForOutcome(adapter, composer, earlierUrl);
      if (!outcome) return;
      send({ type: 'outcome', status: outcome });
      if (outcome === 'failed') return; // the content stays: a second try is logged as its own entry
      insertedContent.delete(composer.editor);
      filledComposers.delete(composer);
      const newUrl = () => {
        const url = adapter.findPostUrl!(doc);
        return url !== earlierUrl ? url : undefined;
      };
      const postUrl = adapter.findPostUrl ? await pollFor(newUrl, POST_URL_WAIT_MS) : undefined;
      if (postUrl) send({ type: 'postUrl', postUrl });
    } finally {
      posting.delete(composer.editor);
      port.disconnect();
    }
  };

  const composerOfTarget = (target: EventTarget | null, viaButton: boolean): Composer | undefined => {
    if (!(target instanceof Node)) return undefined;
    for (const composer of filledComposers) {
      if (!composer.root.isConnected) {
        filledComposers.delete(composer);
        continue;
      }
      const button = adapter.postButton(composer);
      if (!isButtonEnabled(button)) continue;
      if (viaButton ? button!.contains(target) : composer.editor.contains(target)) return composer;
    }
    return undefined;
  };

  // Only the officer's own clicks and keys count: a page script's synthetic events cannot create entries.
  const onClick = (event: MouseEvent) => {
    if (!event.isTrusted) return;
    const composer = composerOfTarget(event.target, true);
    if (composer) void onPostAttempt(composer);
  };
  const onKey = (event: KeyboardEvent) => {
    if (!event.isTrusted || !adapter.isPostShortcut?.(event)) return;
    const composer = composerOfTarget(event.target, false);
    if (composer) void onPostAttempt(composer);
  };
  doc.addEventListener('click', onClick, true);
  doc.addEventListener('keydown', onKey, true);
  return () => {
    doc.removeEventListener('click', onClick, true);
    doc.removeEventListener('keydown', onKey, true);
  };
}
