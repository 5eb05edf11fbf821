// Facebook: the Lexical editor in the "Create post" / "Buat postingan" dialog. As a profile the
// dialog holds Post; as a Page it holds Next, and the final Post is in a separate "Post settings"
// dialog, which still belongs to the same post. Images go through the "Photo/video" button.
// A Page can schedule there (issue 33; the flow is not in public sources, all G and marked in the
// fixture): the final button then reads "Schedule", the time in the dialog's date and time inputs.
import { blocksText, insertVerified, isShown, pasteText, pickedTime, waitUntil } from './dom-insert';
import { attachWatched } from './media-signals';
import { FACEBOOK_TEXTS as T } from './facebook-texts';
import { hinted, hintedPhrase } from '../site-hints';
import { labelled, says } from './texts';
import type { Composer, SiteAdapter } from './types';

const EDITOR = '[role="dialog"] [contenteditable="true"][role="textbox"]';
const POST_BUTTON = labelled(T.post);
const NEXT_BUTTON = labelled(T.next);
const SCHEDULE_BUTTON = labelled(T.schedule);
const PHOTO_BUTTON = labelled(T.photoVideo);
const FILE_INPUT = 'input[type="file"]';
const POST_LINK = '[role="feed"] [role="article"] a[href*="/posts/"], [role="feed"] [role="article"] a[href*="permalink.php"], [role="feed"] [role="article"] a[href*="story_fbid="]';
const MEDIA_SHOWN_WAIT_MS = 15_000;

/** The Page flow's second dialog: a shown dialog with Post and no editor of its own. */
function postSettingsButton(doc: Document): HTMLElement | null {
  for (const dialog of doc.querySelectorAll('[role="dialog"]')) {
    if (!isShown(dialog) || dialog.querySelector('[contenteditable="true"]')) continue;
    const post = dialog.querySelector<HTMLElement>(hinted('postButton', `${POST_BUTTON}, ${SCHEDULE_BUTTON}`));
    if (post) return post;
  }
  return null;
}

export const adapter: SiteAdapter = {
  platform: 'facebook',
  matchPatterns: ['https://www.facebook.com/*', 'https://web.facebook.com/*'],
  matchesUrl: (url) => /(^|\.)facebook\.com$/.test(url.hostname),
  // The signed library's site hints (../site-hints.ts) come after Facebook's own candidates.
  get editorSelector() {
    return hinted('editor', EDITOR);
  },

  composerFor(el) {
    const root = el.closest('[role="dialog"]');
    if (!root || !root.querySelector(`${hinted('postButton', POST_BUTTON)}, ${NEXT_BUTTON}`)) return null;
    return { root, editor: el as HTMLElement };
  },

  postButton: (composer) =>
    composer.root.querySelector<HTMLElement>(hinted('postButton', POST_BUTTON)) ?? (composer.root.querySelector(NEXT_BUTTON) ? postSettingsButton(composer.root.ownerDocument) : null),

  // Lexical renders one block element per paragraph; Facebook posts them as lines.
  readText: (composer) => blocksText(composer.editor.children),

  // Lexical takes a synthetic paste with text/plain (lines become paragraphs); beforeinput only single lines.
  insertText: (composer, text) => insertVerified(composer.editor, text, [pasteText], () => adapter.readText(composer)),

  attachFile: (composer, file) => adapter.attachMedia!(composer, file).shown,

  // The preview is any new image/video/blob: in the dialog (our fixture's [aria-label="Media"] is a
  // guess, issue 33); the file input re-rendered after a file counts as taken (scripts find the
  // dialog's parts again after attaching, notes first round, H/M).
  attachMedia(composer, file) {
    // The file input appears only after "Photo/video" is clicked.
    const inputs = hinted('fileInput', FILE_INPUT);
    if (!composer.root.querySelector(inputs)) composer.root.querySelector<HTMLElement>(PHOTO_BUTTON)?.click();
    const attached = waitUntil(() => !!composer.root.querySelector(inputs), 2_000).then(() =>
      attachWatched({
        root: composer.root,
        input: composer.root.querySelector<HTMLInputElement>(inputs),
        editor: composer.editor,
        file,
        postButton: () => adapter.postButton(composer),
        editorEmpty: () => adapter.readText(composer).trim() === '',
        timeoutMs: MEDIA_SHOWN_WAIT_MS,
      }),
    );
    return { taken: attached.then((a) => a.taken), shown: attached.then((a) => a.shown) };
  },

  // Posted when no dialog of this post is left (the Page flow's "Post settings" closed too).
  postOutcome(composer) {
    const doc = composer.root.ownerDocument;
    const said = [...doc.querySelectorAll('[role="dialog"], [role="alert"]')].map((el) => el.textContent ?? '').join(' ');
    if (says(said, hintedPhrase('errorText', T.postError))) return 'failed';
    if (isShown(composer.editor) || postSettingsButton(doc)) return undefined;
    return 'confirmed';
  },

  // A Page's "Schedule": the time from the date and time inputs beside it (browser time, as picked).
  scheduledPost(composer) {
    const button = adapter.postButton(composer);
    if (!button?.matches(SCHEDULE_BUTTON)) return undefined;
    const dialog = button.closest('[role="dialog"]') ?? composer.root;
    return pickedTime(dialog);
  },

  findPostUrl(doc) {
    const link = doc.querySelector<HTMLAnchorElement>(POST_LINK);
    return link ? new URL(link.getAttribute('href')!, doc.baseURI).href : undefined;
  },

  readAccount(composer) {
    // The dialog header names who posts (profile or page) in bold.
    return composer.root.querySelector('strong')?.textContent?.trim() ?? '';
  },
};
