// Notices when the site's Post/Share is used in a composer that received library content, waits
// until the site confirms (the composer closes or empties), then asks the background to log it.
import { isButtonEnabled } from './sites/dom-insert';
import { insertedContent } from './insert-flow';
import { browser } from 'wxt/browser';
import { POST_PORT, type PostPortMessage } from '../shared/messages';
import type { Composer, SiteAdapter } from './sites';

const CONFIRM_TIMEOUT_MS = 15_000;
const POST_URL_WAIT_MS = 3_000;
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

/** The site confirms a post by closing or emptying the composer; an error notice means it did not go out. */
async function waitForSent(adapter: SiteAdapter, composer: Composer): Promise<boolean> {
  // An error notice can come and go between two polls (the officer closes the dialog with it):
  // watch the DOM for it while, and only while, this post is being confirmed.
  let failed = false;
  const watcher = new MutationObserver(() => {
    if (!failed && adapter.postFailed?.(composer)) failed = true;
  });
  watcher.observe(composer.root.ownerDocument.body, { childList: true, subtree: true, characterData: true });
  try {
    const outcome = await pollFor(() => {
      if (failed || adapter.postFailed?.(composer)) return false;
      if (!composer.editor.isConnected || composer.editor.getClientRects().length === 0) return true;
      return adapter.readText(composer).trim() === '' ? true : undefined;
    }, CONFIRM_TIMEOUT_MS);
    return outcome === true && !failed;
  } finally {
    watcher.disconnect();
  }
}

export function watchPosts(doc: Document, adapter: SiteAdapter, openComposers: () => Iterable<Composer>): () => void {
  const posting = new WeakSet<HTMLElement>();

  const onPostAttempt = async (composer: Composer) => {
    const content = insertedContent.get(composer.editor);
    if (!content || posting.has(composer.editor)) return;
    posting.add(composer.editor);
    // Tell the background at once (read before the site clears the editor): if this page goes away
    // before the site confirms, the background still logs the post.
    const port = browser.runtime.connect({ name: POST_PORT });
    const send = (message: PostPortMessage) => port.postMessage(message);
    send({ type: 'intent', token: content.token, text: adapter.readText(composer), account: adapter.readAccount(composer), pageUrl: location.href });
    try {
      if (!(await waitForSent(adapter, composer))) {
        send({ type: 'cancel' });
        return;
      }
      insertedContent.delete(composer.editor);
      send({ type: 'confirm' });
      const postUrl = adapter.findPostUrl ? await pollFor(() => adapter.findPostUrl!(doc), POST_URL_WAIT_MS) : undefined;
      if (postUrl) send({ type: 'postUrl', postUrl });
    } finally {
      posting.delete(composer.editor);
      port.disconnect();
    }
  };

  const composerOfTarget = (target: EventTarget | null, viaButton: boolean): Composer | undefined => {
    if (!(target instanceof Node)) return undefined;
    for (const composer of openComposers()) {
      if (viaButton) {
        const button = adapter.postButton(composer);
        if (button?.contains(target) && isButtonEnabled(button)) return composer;
      } else if (composer.editor.contains(target) && isButtonEnabled(adapter.postButton(composer))) {
        return composer;
      }
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
