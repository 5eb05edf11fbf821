// Facebook: the Lexical editor in the "Create post" / "Buat postingan" dialog. As a profile the
// dialog holds Post; as a Page it holds Next, and the final Post is in a separate "Post settings"
// dialog, which still belongs to the same post. Images go through the "Photo/video" button.
import { attachAndWait, blocksText, insertVerified, isShown, pasteText, waitUntil } from './dom-insert';
import { FACEBOOK_TEXTS as T } from './facebook-texts';
import { labelled, says, variants } from './texts';
import type { Composer, SiteAdapter } from './types';

const EDITOR = '[role="dialog"] [contenteditable="true"][role="textbox"]';
const POST_BUTTON = labelled(T.post);
const NEXT_BUTTON = labelled(T.next);
const PHOTO_BUTTON = labelled(T.photoVideo);
/** Previews of attached files (our fixture's markup: see the table's source). */
const MEDIA_PREVIEWS = `img[data-testid="media-attachment"], ${variants(T.media).map((label) => `[aria-label="${label}"] img`).join(', ')}`;
const FILE_INPUT = 'input[type="file"]';
const POST_LINK = '[role="feed"] [role="article"] a[href*="/posts/"], [role="feed"] [role="article"] a[href*="permalink.php"], [role="feed"] [role="article"] a[href*="story_fbid="]';
const MEDIA_SHOWN_WAIT_MS = 15_000;

function attachmentCount(composer: Composer): number {
  return composer.root.querySelectorAll(MEDIA_PREVIEWS).length;
}

/** The Page flow's second dialog: a shown dialog with Post and no editor of its own. */
function postSettingsButton(doc: Document): HTMLElement | null {
  for (const dialog of doc.querySelectorAll('[role="dialog"]')) {
    if (!isShown(dialog) || dialog.querySelector('[contenteditable="true"]')) continue;
    const post = dialog.querySelector<HTMLElement>(POST_BUTTON);
    if (post) return post;
  }
  return null;
}

export const adapter: SiteAdapter = {
  platform: 'facebook',
  matchPatterns: ['https://www.facebook.com/*', 'https://web.facebook.com/*'],
  matchesUrl: (url) => /(^|\.)facebook\.com$/.test(url.hostname),
  editorSelector: EDITOR,

  composerFor(el) {
    const root = el.closest('[role="dialog"]');
    if (!root || !root.querySelector(`${POST_BUTTON}, ${NEXT_BUTTON}`)) return null;
    return { root, editor: el as HTMLElement };
  },

  postButton: (composer) =>
    composer.root.querySelector<HTMLElement>(POST_BUTTON) ?? (composer.root.querySelector(NEXT_BUTTON) ? postSettingsButton(composer.root.ownerDocument) : null),

  // Lexical renders one block element per paragraph; Facebook posts them as lines.
  readText: (composer) => blocksText(composer.editor.children),

  // Lexical takes a synthetic paste with text/plain (lines become paragraphs); beforeinput only single lines.
  insertText: (composer, text) => insertVerified(composer.editor, text, [pasteText], () => adapter.readText(composer)),

  async attachFile(composer, file) {
    const before = attachmentCount(composer);
    // The file input appears only after "Photo/video" is clicked, and is re-rendered after each file.
    if (!composer.root.querySelector(FILE_INPUT)) composer.root.querySelector<HTMLElement>(PHOTO_BUTTON)?.click();
    await waitUntil(() => !!composer.root.querySelector(FILE_INPUT), 2_000);
    const input = composer.root.querySelector<HTMLInputElement>(FILE_INPUT);
    return attachAndWait(input, composer.editor, file, () => attachmentCount(composer) > before, MEDIA_SHOWN_WAIT_MS);
  },

  // Posted when no dialog of this post is left (the Page flow's "Post settings" closed too).
  postOutcome(composer) {
    const doc = composer.root.ownerDocument;
    const said = [...doc.querySelectorAll('[role="dialog"], [role="alert"]')].map((el) => el.textContent ?? '').join(' ');
    if (says(said, T.postError)) return 'failed';
    if (isShown(composer.editor) || postSettingsButton(doc)) return undefined;
    return 'confirmed';
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
