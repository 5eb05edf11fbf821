// Instagram: the create dialog is a flow. Step 1 takes the media (a hidden file input, JPEG/PNG
// only for images), steps 2–3 are crop and edit, step 4 takes the caption in a Lexical editor and
// shares. The sidebar is there from step 1; the caption is kept for step 4 (insert-flow.ts).
import { attachAndWait, blocksText, execInsertText, insertVerified, pasteText, setTextareaValue, type Technique } from './dom-insert';
import type { SiteAdapter } from './types';

const CAPTION_LABELS = ['Write a caption...', 'Write a caption…', 'Tulis keterangan...', 'Tulis keterangan…'];
const CAPTION = CAPTION_LABELS.map((label) => `[role="dialog"] [aria-label="${label}"]`).join(', ');
const MEDIA_INPUT = '[role="dialog"] input[type="file"][accept*="image/jpeg"]';
const SHARE_TEXT = /^(share|bagikan)$/i;
const SHARED = /your post has been shared|post shared|postingan anda telah dibagikan|postingan dibagikan/i;
const SHARE_FAILED = /couldn['’]t be shared|could not be shared|tidak dapat dibagikan|gagal dibagikan/i;
const UNSUPPORTED = /file is not supported|file tidak didukung/i;
/** After the file is chosen the dialog moves on to Crop: the sign that Instagram took it. */
const MEDIA_TAKEN_WAIT_MS = 5_000;

const textareaTechnique: Technique = (editor, text) => setTextareaValue(editor as HTMLTextAreaElement, text);

const isCaption = (el: Element) => el.matches(CAPTION);

export const adapter: SiteAdapter = {
  platform: 'instagram',
  matchPatterns: ['https://www.instagram.com/*'],
  matchesUrl: (url) => /(^|\.)instagram\.com$/.test(url.hostname),
  editorSelector: `${CAPTION}, ${MEDIA_INPUT}`,

  composerFor(el) {
    const root = el.closest('[role="dialog"]');
    if (!root) return null;
    if (isCaption(el)) return { root, editor: el as HTMLElement };
    // The media step: the dialog itself stands for the editor until the caption step appears.
    return root.querySelector(CAPTION) ? null : { root, editor: root as HTMLElement };
  },

  stage: (composer) => (isCaption(composer.editor) ? { text: true, media: false } : { text: false, media: !!composer.root.querySelector(MEDIA_INPUT) }),

  acceptsImage: (mime) => mime === 'image/jpeg' || mime === 'image/png',

  postButton(composer) {
    if (!isCaption(composer.editor)) return null;
    const buttons = composer.root.querySelectorAll<HTMLElement>('button, [role="button"]');
    return [...buttons].find((b) => SHARE_TEXT.test(b.textContent?.trim() ?? '')) ?? null;
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
    const input = composer.root.querySelector<HTMLInputElement>(MEDIA_INPUT);
    if (!input) return false;
    const taken = () => !composer.root.querySelector(MEDIA_INPUT) && !UNSUPPORTED.test(composer.root.textContent ?? '');
    return attachAndWait(input, composer.editor, file, taken, MEDIA_TAKEN_WAIT_MS);
  },

  // A failed share also removes the editor: only Instagram's own words decide.
  postOutcome(composer) {
    const said = composer.root.isConnected ? composer.root.textContent ?? '' : '';
    if (SHARE_FAILED.test(said)) return 'failed';
    if (SHARED.test(said)) return 'confirmed';
    return undefined;
  },

  // The create flow may have its own addresses: /create/select/, /create/details/ …
  isComposePage: (url) => url.pathname.startsWith('/create/'),

  readAccount(composer) {
    const alt = composer.root.querySelector('img[alt]')?.getAttribute('alt') ?? '';
    return alt.match(/^(.+?)'s profile picture$/)?.[1] ?? alt.match(/^Foto profil (.+)$/)?.[1] ?? '';
  },
};
