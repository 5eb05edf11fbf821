// One click: ask the background for the composed text and image, then media first (a site that
// re-renders its composer when media attaches can wipe text inserted before), then the text, then
// both verified. A step that takes no caption (Instagram's media step) keeps the caption for the
// composer's caption step, where it is inserted on its own.
import { i18n } from '#i18n';
import type { AttachedFile, LibraryCard, PreparedInsert } from '../shared/messages';
import { sendMessage } from '../shared/send-message';
import { copyText } from './clipboard';
import { siteReadyImage } from './site-image';
import { nextFrame, squash } from './sites/dom-insert';
import type { Composer, SiteAdapter } from './sites';
import { attachWhenArrived, type LateImageHooks } from './late-image';
import { isPosted, rememberContent, type InsertedContent } from './composer-content';
import { mediaStepNotice } from './media-step';

/** A caption waiting for its composer's caption step, by the composer's root (the create dialog). */
const captionsForLaterStep = new WeakMap<Element, { token: string; text: string; imageAttached: boolean }>();

/** How long a site may take to re-render after media before the text is checked again. */
const SETTLE_MS = 400;

export function toFile(file: AttachedFile): File {
  // A structured clone arrives as a Blob; anything else (a JSON-serialising browser) is refused, never guessed.
  if (!(file.blob instanceof Blob)) throw new Error(i18n.t('errors.imageNotCached'));
  return new File([file.blob], file.name, { type: file.mime });
}

async function attachImage(adapter: SiteAdapter, composer: Composer, prepared: PreparedInsert): Promise<boolean> {
  if (!prepared.file) return false;
  const file = await siteReadyImage(toFile(prepared.file), adapter.acceptsImage ?? (() => true));
  return adapter.attachFile(composer, file);
}

/** The composer as the site shows it now: sites re-render after media, replacing the editor element. */
function refreshed(adapter: SiteAdapter, composer: Composer): Composer {
  if (composer.editor.isConnected) return composer;
  const editor = composer.root.isConnected ? composer.root.querySelector(adapter.editorSelector) : null;
  return (editor && adapter.composerFor(editor)) || composer;
}

/**
 * Inserts the text once, remembers the content for the posting log at once (an officer may click
 * Post right away), and checks the text is still there after the site settled; if the site wiped
 * it, inserts it once more (never while it is still there: that is how duplicates happen). The
 * check ends at the Post click: an editor emptied by posting is not an editor the site wiped.
 */
async function insertTextKept(adapter: SiteAdapter, composer: Composer, content: InsertedContent): Promise<boolean> {
  let current = refreshed(adapter, composer);
  if (!(await adapter.insertText(current, content.text))) return false;
  rememberContent(current, content);
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  await nextFrame();
  if (isPosted(content.token)) return true;
  current = refreshed(adapter, current);
  if (squash(adapter.readText(current)).includes(squash(content.text))) return true;
  if (!(await adapter.insertText(current, content.text))) return false;
  rememberContent(current, content);
  return true;
}

/**
 * An image that arrived after its text: attached, and the text put back only if the site wiped the
 * editor doing so (never when the officer has typed meanwhile: that is how duplicates happen).
 */
async function attachKeepingText(adapter: SiteAdapter, composer: Composer, prepared: PreparedInsert): Promise<boolean> {
  // Posted without it meanwhile: the composer now holds the officer's next post, not this one.
  if (isPosted(prepared.token)) return false;
  const current = refreshed(adapter, composer);
  if (!(await attachImage(adapter, current, prepared))) return false;
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  await nextFrame();
  const after = refreshed(adapter, current);
  if (!isPosted(prepared.token) && squash(adapter.readText(after)) === '' && (await adapter.insertText(after, prepared.text))) rememberContent(after, { token: prepared.token, text: prepared.text });
  return true;
}

/** Inserts a card into the composer and returns the sentence to show the officer. */
export async function insertCard(adapter: SiteAdapter, composer: Composer, card: LibraryCard, late?: Omit<LateImageHooks, 'attach'>): Promise<string> {
  const stage = adapter.stage?.(composer) ?? { text: true, media: true };
  const later = captionsForLaterStep.get(composer.root);
  // The caption step of a flow whose image went in at the media step: only the text is left to do.
  if (stage.text && !stage.media && later) return completeCaption(adapter, composer) ?? i18n.t('insert.captionLater');

  const prepared = await sendMessage('insert.prepare', { itemId: card.id, platform: adapter.platform });
  const imageAttached = stage.media && (await attachImage(adapter, composer, prepared));
  if (!stage.text) {
    const kept = { token: prepared.token, text: prepared.text, imageAttached };
    captionsForLaterStep.set(composer.root, kept);
    return mediaStepNotice({ adapter, composer, card, prepared, stage, kept, late, attach: (target, ready) => attachImage(adapter, target, ready) });
  }
  if (!(await insertTextKept(adapter, composer, { token: prepared.token, text: prepared.text }))) {
    // Never try again blindly: a second attempt is how duplicate text happens.
    if (!(await copyText(prepared.text))) return i18n.t('insert.fallbackManual');
    return i18n.t(imageAttached ? 'insert.fallbackCopiedImageIn' : 'insert.fallbackCopied');
  }
  if (prepared.file && stage.media) return i18n.t(imageAttached ? 'insert.done' : 'insert.imageFailed');
  if (prepared.file) return i18n.t('insert.captionInsertedNoImage');
  if (prepared.missingImage && stage.media && late) {
    void attachWhenArrived(composer, card, prepared, { ...late, attach: (target, ready) => attachKeepingText(adapter, target, ready) });
    return i18n.t('insert.imageComing');
  }
  return i18n.t(prepared.missingImage ? 'insert.imageMissing' : 'insert.textOnly');
}

/**
 * Called when a composer opens: if an earlier step of the same flow kept a caption for it, the
 * caption goes in now. Returns the sentence to show, or undefined when there was nothing to do.
 */
export function completeCaption(adapter: SiteAdapter, composer: Composer): Promise<string> | undefined {
  const later = captionsForLaterStep.get(composer.root);
  if (!later || !(adapter.stage?.(composer) ?? { text: true }).text) return undefined;
  captionsForLaterStep.delete(composer.root);
  return (async () => {
    if (!(await insertTextKept(adapter, composer, { token: later.token, text: later.text }))) {
      return i18n.t((await copyText(later.text)) ? 'insert.fallbackCopied' : 'insert.fallbackManual');
    }
    return i18n.t(later.imageAttached ? 'insert.captionInserted' : 'insert.captionInsertedNoImage');
  })();
}
