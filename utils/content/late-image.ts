// Sisipkan before the item's image reached this device: the text went in at once; the image is
// fetched now, ahead of all others, with its progress on the card, and attached when it arrives
// (the text is checked afterwards: a site that re-renders on media may wipe it).
import { i18n } from '#i18n';
import type { LibraryCard, PreparedInsert } from '../shared/messages';
import { sendMessage } from '../shared/send-message';
import type { Composer } from './sites';

export interface LateImageHooks {
  /** Tells the officer how it went. */
  say(notice: string): void;
  /** The card's download progress; undefined when it ended. */
  progress(itemId: string, progress: { received: number; total: number } | undefined): void;
  /** Attaches the file and keeps the text (insert-flow's own steps). */
  attach(composer: Composer, prepared: PreparedInsert): Promise<boolean>;
}

const POLL_MS = 400;

/** Fetches an item's image ahead of all others, reporting progress on its card; true once it is cached. */
export async function fetchImageNow(itemId: string, progress: LateImageHooks['progress']): Promise<boolean> {
  let done = false;
  const poll = (async () => {
    while (!done) {
      const now = await sendMessage('media.progress', { itemId }).catch(() => undefined);
      if (!done && now) progress(itemId, { received: now.received, total: now.total });
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  })();
  try {
    return (await sendMessage('media.fetch', { itemId })).ready;
  } finally {
    done = true;
    await poll;
    progress(itemId, undefined);
  }
}

export async function attachWhenArrived(composer: Composer, card: LibraryCard, prepared: PreparedInsert, hooks: LateImageHooks): Promise<void> {
  try {
    if (!(await fetchImageNow(card.id, hooks.progress))) return hooks.say(i18n.t('insert.imageUnavailable'));
    // The officer may have closed the composer meanwhile: then the image waits in the card.
    if (!composer.root.isConnected) return hooks.say(i18n.t('insert.imageArrivedComposerGone'));
    const file = await sendMessage('media.get', { itemId: card.id });
    hooks.say(i18n.t((await hooks.attach(composer, { ...prepared, file, missingImage: false })) ? 'insert.imageArrived' : 'insert.imageFailed'));
  } catch (err) {
    hooks.say(i18n.t('common.failed', [String((err as Error)?.message ?? err)]));
  }
}
