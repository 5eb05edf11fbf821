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

export async function attachWhenArrived(composer: Composer, card: LibraryCard, prepared: PreparedInsert, hooks: LateImageHooks): Promise<void> {
  let done = false;
  const poll = (async () => {
    while (!done) {
      const progress = await sendMessage('media.progress', { itemId: card.id }).catch(() => undefined);
      if (!done && progress) hooks.progress(card.id, { received: progress.received, total: progress.total });
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  })();
  try {
    const { ready } = await sendMessage('media.fetch', { itemId: card.id });
    if (!ready) return hooks.say(i18n.t('insert.imageUnavailable'));
    // The officer may have closed the composer meanwhile: then the image waits in the card.
    if (!composer.root.isConnected) return hooks.say(i18n.t('insert.imageArrivedComposerGone'));
    const file = await sendMessage('media.get', { itemId: card.id });
    hooks.say(i18n.t((await hooks.attach(composer, { ...prepared, file, missingImage: false })) ? 'insert.imageArrived' : 'insert.imageFailed'));
  } catch (err) {
    hooks.say(i18n.t('common.failed', [String((err as Error)?.message ?? err)]));
  } finally {
    done = true;
    await poll;
    hooks.progress(card.id, undefined);
  }
}
