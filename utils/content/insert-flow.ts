// One click: ask the background for the composed text and image, then media first (a site that
// re-renders its composer when media attaches can wipe text inserted before), then the text — once
// the site shows the image, or after MEDIA_TEXT_WAIT_MS whatever its preview does — watched until
// Post in case the site wipes it (text-watch.ts). A step that takes no caption (Instagram's media
// step) keeps the caption for the composer's caption step, where it is inserted on its own.
import { i18n } from '#i18n';
import type { AttachedFile, LibraryCard, PreparedInsert } from '../shared/messages';
import { sendMessage } from '../shared/send-message';
import { copyText } from './clipboard';
import { siteReadyImage } from './site-image';
import type { Composer, SiteAdapter } from './sites';
import { isButtonEnabled, waitUntil } from './sites/dom-insert';
import type { MediaAttachment } from './sites/types';
import { attachWhenArrived, type LateImageHooks } from './late-image';
import { isPosted, rememberContent, type InsertedContent } from './composer-content';
import { mediaStepNotice } from './media-step';
import { holdsText, refreshed, watchText } from './text-watch';
import { reportSiteProblem } from './site-problem-report';

/** A caption waiting for its composer's caption step, by the composer's root (the create dialog). */
const captionsForLaterStep = new WeakMap<Element, { token: string; text: string; imageAttached: boolean }>();

/** The longest the text waits for the site to show the image (issue 33: never an empty composer for long). */
const MEDIA_TEXT_WAIT_MS = 2_000;
/** The longest a shown image's upload may keep Post disabled (X) while the text is still watched. */
const UPLOAD_WAIT_MS = 30_000;

export function toFile(file: AttachedFile): File {
  // A structured clone arrives as a Blob; anything else (a JSON-serialising browser) is refused, never guessed.
  if (!(file.blob instanceof Blob)) throw new Error(i18n.t('errors.imageNotCached'));
  return new File([file.blob], file.name, { type: file.mime });
}

/** Hands the image to the site; adapters without `attachMedia` are awaited until they answer. */
async function startAttach(adapter: SiteAdapter, composer: Composer, prepared: PreparedInsert): Promise<MediaAttachment | undefined> {
  if (!prepared.file) return undefined;
  const file = await siteReadyImage(toFile(prepared.file), adapter.acceptsImage ?? (() => true));
  const media = adapter.attachMedia ? adapter.attachMedia(composer, file) : await attachedBy(adapter.attachFile(composer, file));
  // The site never showed the image by any signal: its markup may have changed (a drift report).
  void media.shown.then((shown) => shown || reportSiteProblem(adapter.platform, 'media'), () => undefined);
  return media;
}

async function attachedBy(attached: Promise<boolean>): Promise<MediaAttachment> {
  const shown = Promise.resolve(await attached);
  return { taken: shown, shown };
}

async function attachImage(adapter: SiteAdapter, composer: Composer, prepared: PreparedInsert): Promise<boolean> {
  return (await (await startAttach(adapter, composer, prepared))?.shown) ?? false;
}

/** The promise's value if it settles within `ms`, else undefined. */
function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  return Promise.race([promise, new Promise<undefined>((resolve) => setTimeout(resolve, ms))]);
}

/**
 * Inserts the text once and remembers the content for the posting log at once (an officer may click
 * Post right away); then watches the composer until `settled` (the preview landing) and a quiet
 * spell after it, inserting once more if the site wiped the text (text-watch.ts).
 */
async function insertTextKept(adapter: SiteAdapter, composer: Composer, content: InsertedContent, settled?: Promise<unknown>, say?: (notice: string) => void): Promise<boolean> {
  const current = refreshed(adapter, composer);
  if (!(await adapter.insertText(current, content.text))) {
    // The editor did not take the text as the adapter expects: a drift report.
    reportSiteProblem(adapter.platform, 'text');
    return false;
  }
  rememberContent(current, content);
  // Settled when the image shows and its upload has ended (Post enabled again): X re-renders then too.
  const uploaded = settled?.then(() => waitUntil(() => isButtonEnabled(adapter.postButton(refreshed(adapter, current))), UPLOAD_WAIT_MS));
  void watchText(adapter, current, content, uploaded).then(async (result) => {
    if (result === 'lost' && say) say(i18n.t((await copyText(content.text)) ? 'insert.fallbackCopied' : 'insert.fallbackManual'));
  });
  return true;
}

/**
 * An image that arrived after its text: attached, and the text watched while the site shows it
 * (put back only if the site wiped it; never when the officer has edited it meanwhile).
 */
async function attachKeepingText(adapter: SiteAdapter, composer: Composer, prepared: PreparedInsert): Promise<boolean> {
  // Posted without it meanwhile: the composer now holds the officer's next post, not this one.
  if (isPosted(prepared.token)) return false;
  const current = refreshed(adapter, composer);
  const intact = holdsText(adapter, current, prepared.text);
  const media = await startAttach(adapter, current, prepared);
  if (!media) return false;
  if (intact) void watchText(adapter, current, { token: prepared.token, text: prepared.text }, media.shown);
  return media.shown;
}

/** The sentence for a text that went in beside an image the site has not shown yet; the card is told again when it does. */
async function pendingImageNotice(media: MediaAttachment, say?: (notice: string) => void): Promise<string> {
  void media.shown.then((shown) => say?.(i18n.t(shown ? 'insert.done' : 'insert.imageNotShown')));
  // Taken already (a sign of the upload, the input consumed) or no sign at all.
  return i18n.t((await within(media.taken, 0)) ? 'insert.imageUploading' : 'insert.imageNotShownYet');
}

/** What the officer chose on the card: their own first line, and whether to quote the official post instead of the caption. */
export interface InsertChoice {
  firstLine?: string;
  quote?: boolean;
}

/** Inserts a card into the composer and returns the sentence to show the officer. */
export async function insertCard(adapter: SiteAdapter, composer: Composer, card: LibraryCard, late?: Omit<LateImageHooks, 'attach'>, choice: InsertChoice = {}): Promise<string> {
  const stage = adapter.stage?.(composer) ?? { text: true, media: true };
  const later = captionsForLaterStep.get(composer.root);
  // The caption step of a flow whose image went in at the media step: only the text is left to do.
  if (stage.text && !stage.media && later) return completeCaption(adapter, composer) ?? i18n.t('insert.captionLater');

  const prepared = await sendMessage('insert.prepare', { itemId: card.id, platform: adapter.platform, ...choice });
  if (!stage.text) {
    const imageAttached = stage.media && (await attachImage(adapter, composer, prepared));
    const kept = { token: prepared.token, text: prepared.text, imageAttached };
    captionsForLaterStep.set(composer.root, kept);
    return mediaStepNotice({ adapter, composer, card, prepared, stage, kept, late, attach: (target, ready) => attachImage(adapter, target, ready) });
  }
  const media = stage.media ? await startAttach(adapter, composer, prepared) : undefined;
  // Whether the site showed the image within the wait (undefined: not yet, the text goes in anyway).
  const shown = media && (await within(media.shown, MEDIA_TEXT_WAIT_MS));
  if (!(await insertTextKept(adapter, composer, { token: prepared.token, text: prepared.text }, media?.shown, late?.say))) {
    // Never try again blindly: a second attempt is how duplicate text happens.
    if (!(await copyText(prepared.text))) return i18n.t('insert.fallbackManual');
    return i18n.t(shown ? 'insert.fallbackCopiedImageIn' : 'insert.fallbackCopied');
  }
  if (choice.quote) return i18n.t('insert.quoted');
  if (media && shown === undefined) return pendingImageNotice(media, late?.say);
  if (prepared.file && stage.media) return i18n.t(shown ? 'insert.done' : 'insert.imageFailed');
  if (prepared.file) return i18n.t('insert.captionInsertedNoImage');
  if (prepared.missingImage && stage.media && late) {
    void attachWhenArrived(composer, card, prepared, { ...late, attach: (target, ready) => attachKeepingText(adapter, target, ready) });
    return i18n.t('insert.imageComing');
  }
  return i18n.t(prepared.missingImage ? 'insert.imageMissing' : 'insert.textOnly');
}

/**
 * A reply box the officer works in (X's reply dialog): the image, then the text, into the reply —
 * never into the composer behind it — and nothing kept for the posting log: a reply is not a post
 * (ui-contract), so its Reply click logs nothing. No text watch either (it would keep the content).
 */
export async function insertReply(adapter: SiteAdapter, reply: Composer, card: LibraryCard, choice: InsertChoice = {}): Promise<string> {
  const prepared = await sendMessage('insert.prepare', { itemId: card.id, platform: adapter.platform, ...choice });
  // The text waits for the image to show: X re-renders its editor when media attaches and can drop text put in before.
  const imageShown = await attachImage(adapter, reply, prepared);
  if (!(await adapter.insertText(replyNow(adapter, reply), prepared.text))) {
    return i18n.t((await copyText(prepared.text)) ? 'insert.fallbackCopied' : 'insert.fallbackManual');
  }
  if (imageShown) return i18n.t('insert.replyInserted');
  return i18n.t(prepared.file || prepared.missingImage ? 'insert.replyInsertedNoImage' : 'insert.replyTextOnly');
}

/** The reply box as the site shows it now (re-rendered after media: a new editor element). */
function replyNow(adapter: SiteAdapter, reply: Composer): Composer {
  if (reply.editor.isConnected) return reply;
  const editor = reply.root.isConnected ? reply.root.querySelector(adapter.editorSelector) : null;
  return (editor && adapter.replyComposer?.(editor)) || reply;
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
