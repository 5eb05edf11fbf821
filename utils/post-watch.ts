// Notices when the site's Post/Share is used in a composer that received library content, waits
// until the site confirms (the composer closes or empties), then asks the background to log it.
import { isButtonEnabled } from './sites/dom-insert';
import { insertedContent } from './insert-flow';
import { sendMessage } from './send-message';
import type { Composer, SiteAdapter } from './sites';

const CONFIRM_TIMEOUT_MS = 15_000;
const CONFIRM_POLL_MS = 100;

function waitForSent(adapter: SiteAdapter, composer: Composer): Promise<boolean> {
  const started = Date.now();
  return new Promise((resolve) => {
    const poll = setInterval(() => {
      const gone = !composer.editor.isConnected || composer.editor.getClientRects().length === 0;
      const emptied = !gone && adapter.readText(composer).trim() === '';
      if (gone || emptied || Date.now() - started > CONFIRM_TIMEOUT_MS) {
        clearInterval(poll);
        resolve(gone || emptied);
      }
    }, CONFIRM_POLL_MS);
  });
}

export function watchPosts(doc: Document, adapter: SiteAdapter, openComposers: () => Iterable<Composer>): () => void {
  const posting = new WeakSet<HTMLElement>();

  const onPostAttempt = async (composer: Composer) => {
    const content = insertedContent.get(composer.editor);
    if (!content || posting.has(composer.editor)) return;
    // Read before the site clears the editor.
    const text = adapter.readText(composer);
    const account = adapter.readAccount(composer);
    const pageUrl = location.href;
    posting.add(composer.editor);
    try {
      if (!(await waitForSent(adapter, composer))) return;
      insertedContent.delete(composer.editor);
      await sendMessage('log.post', { token: content.token, text, account, pageUrl });
    } finally {
      posting.delete(composer.editor);
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

  const onClick = (event: MouseEvent) => {
    const composer = composerOfTarget(event.target, true);
    if (composer) void onPostAttempt(composer);
  };
  const onKey = (event: KeyboardEvent) => {
    if (!adapter.isPostShortcut?.(event)) return;
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
