// Instagram: the create dialog is a flow. Step 1 takes the media (a hidden file input, JPEG/PNG
// only for images), steps 2–3 are crop and edit, step 4 takes the caption in a Lexical editor and
// shares. The sidebar is there from step 1; the caption is kept for step 4 (insert-flow.ts).
// Every text the adapter matches is in INSTAGRAM_TEXTS below, English and Indonesian, with its source.
import { attachAndWait, blocksText, execInsertText, insertVerified, pasteText, setTextareaValue, waitUntil, type Technique } from './dom-insert';
import { hinted, hintedPhrase, hintSelector } from '../site-hints';
import { isPhrase, says, variants, type Phrase, type TextTable } from './texts';
import type { Composer, SiteAdapter } from './types';

const NOTES = '../shared/notes/real-sites-2026.md';

/**
 * Every text the adapter matches, English and Indonesian, with its source (the notes' confidence:
 * H high, M medium, G guess). The flow's other words (newPost … next, discard) are listed for the
 * fixtures and the README: the adapter finds those controls by role and structure, never by text.
 */
export const INSTAGRAM_TEXTS = {
  newPost: { en: ['New post', 'Create'], id: ['Postingan baru', 'Buat'], source: `${NOTES} Third round Instagram: "New post"/"Create" (id "Postingan baru"/"Buat") opens a menu, M` },
  postMenuItem: { en: ['Post'], id: ['Postingan'], source: `${NOTES} Third round Instagram: the menu's "Post" ("Postingan") can match twice on the page, M` },
  selectFromComputer: { en: ['Select from computer'], id: ['Pilih dari komputer'], source: `${NOTES} Instagram step 1 H; Indonesian: issue 33 (officers' screens), M` },
  next: { en: ['Next'], id: ['Berikutnya'], guessed: ['Selanjutnya'], source: `${NOTES} Third round Instagram: "Berikutnya" or "Selanjutnya" (sources disagree), M` },
  caption: { en: ['Write a caption...', 'Write a caption…'], id: ['Tulis keterangan...'], guessed: ['Tulis keterangan…'], source: `${NOTES} Instagram step 4 (aria-label, "…" variant) H; Third round "Tulis keterangan..." M` },
  share: { en: ['Share'], id: ['Bagikan'], source: `${NOTES} Instagram step 4 H; Third round "Bagikan" M` },
  shared: {
    en: ['Your post has been shared', 'Post shared', 'Your reel has been shared'],
    id: ['Postingan Anda telah dibagikan', 'Postingan Anda sudah dibagikan', 'Postingan dibagikan', 'Reel Anda telah dibagikan'],
    source: `${NOTES} Instagram "After Share" H; Third round Indonesian variants and reels M`,
  },
  shareFailed: {
    en: ["Post couldn't be shared", 'Post couldn’t be shared', 'could not be shared', 'Something went wrong'],
    id: [],
    guessed: ['tidak dapat dibagikan', 'gagal dibagikan', 'Terjadi kesalahan'],
    source: `${NOTES} Instagram "Post couldn't be shared" H; Third round "Something went wrong" M; Indonesian ours, G`,
  },
  unsupported: { en: ['This file is not supported'], id: [], guessed: ['File ini tidak didukung', 'file tidak didukung'], source: `${NOTES} Instagram step 1 H; Indonesian G` },
  selectCrop: { en: ['Select crop'], id: ['Pilih potongan'], source: `${NOTES} Third round Instagram: svg[aria-label="Select crop"] ("Pilih potongan"), M` },
  cropOriginal: { en: ['Original'], id: ['Asli'], source: `${NOTES} Third round Instagram: "Original" ("Asli"), "1:1", "4:5"; scripts pick Original, M` },
  discard: { en: ['Discard post?', 'Discard'], id: [], guessed: ['Buang postingan?', 'Buang'], source: `${NOTES} Third round Instagram: Escape mid-flow asks "Discard post?" M; Indonesian G` },
  newReel: { en: ['New reel'], id: [], guessed: ['Reel baru'], source: `${NOTES} Third round Instagram: videos become "New reel" M; Indonesian G` },
  profilePicture: { en: ["{name}'s profile picture"], id: ['Foto profil {name}'], source: `${NOTES} Instagram step 4 avatar alt H; Indonesian M` },
} satisfies TextTable<string>;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const T = INSTAGRAM_TEXTS;
const CAPTION = variants(T.caption).map((label) => `[role="dialog"] [aria-label="${label}"]`).join(', ');
const FILE_INPUT = 'input[type="file"][accept*="image"]';
/** The create dialog's own file input: the page may hold others (outside any dialog). */
const MEDIA_INPUT = `[role="dialog"] ${FILE_INPUT}`;
/**
 * Step 1 as something that renders, wherever the dialog is mounted: the file input is display:none
 * (it never animates and cannot be focused), so the dialog holding it is what composer-watch animates.
 * Measured with the bench's feed mutations, page in front: no rule, this rule and a `:has()` on the
 * input's parent all cost the same within noise. The dialog rather than the input's parent: the
 * parent might not render either. Its price: our 1 ms detection animation stands in for the
 * dialog's own opening animation, if it has one (cosmetic).
 */
const MEDIA_STEP = `[role="dialog"]:has(${FILE_INPUT})`;
const SELECT_CROP = variants(T.selectCrop).map((label) => `svg[aria-label="${label}"]`).join(', ');
const BUTTON = 'button, [role="button"]';
/**
 * After the file is chosen the dialog moves on to Crop: the sign that Instagram took it (the file is
 * read on the device, no upload yet). Short, so a file the site ignored is said on the card within
 * 5 s of Sisipkan (issue 33), not after a silent wait.
 */
const MEDIA_TAKEN_WAIT_MS = 3_000;
/** How long the crop step and its menu may take to show. */
const CROP_WAIT_MS = 2_000;

/** Whether the crop is Original after our image went in, by create dialog. */
const originalCrop = new WeakMap<Element, boolean>();

const textareaTechnique: Technique = (editor, text) => setTextareaValue(editor as HTMLTextAreaElement, text);

/** The caption editor: Instagram's own candidates, then the signed library's site hints (../site-hints.ts). */
const isCaption = (el: Element) => el.matches(hinted('editor', CAPTION));

const buttonSaying = (scope: ParentNode, phrase: Phrase) => [...scope.querySelectorAll<HTMLElement>(BUTTON)].find((b) => isPhrase(b.textContent, phrase)) ?? null;

/**
 * Portrait infographics are cut to 1:1 by default: choose "Original" in the crop step's aspect menu
 * (the scripts in the notes do the same). True once chosen; false when the control was not found.
 */
async function chooseOriginalCrop(root: Element): Promise<boolean> {
  const cropButton = () => root.querySelector(SELECT_CROP)?.closest<HTMLElement>(BUTTON) ?? null;
  if (!(await waitUntil(() => !!cropButton(), CROP_WAIT_MS))) return false;
  cropButton()!.click();
  // The menu may be drawn in the dialog or in a popover of its own.
  const option = () => buttonSaying(root, T.cropOriginal) ?? buttonSaying(root.ownerDocument, T.cropOriginal);
  if (!(await waitUntil(() => !!option(), CROP_WAIT_MS))) {
    cropButton()?.click();
    return false;
  }
  option()!.click();
  return true;
}

export const adapter: SiteAdapter = {
  platform: 'instagram',
  matchPatterns: ['https://www.instagram.com/*'],
  matchesUrl: (url) => /(^|\.)instagram\.com$/.test(url.hostname),
  get editorSelector() {
    return `${hinted('editor', CAPTION)}, ${MEDIA_STEP}`;
  },

  composerFor(el) {
    if (isCaption(el)) {
      const root = el.closest('[role="dialog"]');
      return root && { root, editor: el as HTMLElement };
    }
    // The media step: the innermost dialog around the file input (dialogs may nest) stands for the
    // editor until the caption step appears.
    const root = el.querySelector(MEDIA_INPUT)?.closest('[role="dialog"]');
    return root && !root.querySelector(hinted('editor', CAPTION)) ? { root, editor: root as HTMLElement } : null;
  },

  stage: (composer) => (isCaption(composer.editor) ? { text: true, media: false } : { text: false, media: !!composer.root.querySelector(MEDIA_INPUT) }),

  acceptsImage: (mime) => mime === 'image/jpeg' || mime === 'image/png',

  postButton(composer) {
    if (!isCaption(composer.editor)) return null;
    // Share by its words; a hinted selector after them (a label Instagram renamed).
    const hints = hintSelector('postButton');
    return buttonSaying(composer.root, T.share) ?? (hints ? composer.root.querySelector<HTMLElement>(hints) : null);
  },

  readText(composer) {
    const editor = composer.editor;
    if (!isCaption(editor)) return '';
    if (editor instanceof HTMLTextAreaElement) return editor.value;
    // Lexical renders one block per paragraph; Instagram posts them as lines.
    return blocksText(editor.children).replace(/\u00a0/g, ' ');
  },

  insertText(composer, text) {
    const techniques = composer.editor instanceof HTMLTextAreaElement ? [textareaTechnique] : [pasteText, execInsertText];
    return insertVerified(composer.editor, text, techniques, () => adapter.readText(composer));
  },

  async attachFile(composer, file) {
    const root = composer.root;
    const input = root.querySelector<HTMLInputElement>(MEDIA_INPUT);
    if (!input) return false;
    const taken = () => !root.querySelector(MEDIA_INPUT) && !says(root.textContent, T.unsupported);
    if (!(await attachAndWait(input, composer.editor, file, taken, MEDIA_TAKEN_WAIT_MS))) return false;
    originalCrop.set(root, await chooseOriginalCrop(root));
    return true;
  },

  mediaRemark: (composer: Composer) => (originalCrop.get(composer.root) === false ? 'cropNotOriginal' : undefined),

  // A failed share also removes the editor: only Instagram's own words decide.
  postOutcome(composer) {
    const said = composer.root.isConnected ? composer.root.textContent ?? '' : '';
    if (says(said, hintedPhrase('errorText', T.shareFailed))) return 'failed';
    if (says(said, hintedPhrase('successText', T.shared))) return 'confirmed';
    return undefined;
  },

  // The create flow may have its own addresses: /create/select/, /create/details/ …
  isComposePage: (url) => url.pathname.startsWith('/create/'),

  readAccount(composer) {
    const alt = composer.root.querySelector('img[alt]')?.getAttribute('alt') ?? '';
    for (const pattern of variants(T.profilePicture)) {
      const [before, after] = pattern.split('{name}').map(escape);
      const name = alt.match(new RegExp(`^${before}(.+?)${after}$`))?.[1];
      if (name) return name;
    }
    return '';
  },
};
