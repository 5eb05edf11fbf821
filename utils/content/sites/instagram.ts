// Instagram: the create dialog's caption (contenteditable or textarea) with a file input for media.
import { attachViaFileInput, execInsertText, insertVerified, pasteText, setTextareaValue, type Technique } from './dom-insert';
import type { Composer, SiteAdapter } from './types';

const CAPTION_LABELS = ['Write a caption...', 'Write a caption…', 'Tulis keterangan...', 'Tulis keterangan…'];
const EDITOR = CAPTION_LABELS.map((label) => `[role="dialog"] [aria-label="${label}"]`).join(', ');
const SHARE_TEXT = /^(share|bagikan)$/i;

const textareaTechnique: Technique = (editor, text) => setTextareaValue(editor as HTMLTextAreaElement, text);

export const adapter: SiteAdapter = {
  platform: 'instagram',
  matchPatterns: ['https://www.instagram.com/*'],
  matchesUrl: (url) => /(^|\.)instagram\.com$/.test(url.hostname),
  editorSelector: EDITOR,

  composerFor(el) {
    const root = el.closest('[role="dialog"]');
    return root ? { root, editor: el as HTMLElement } : null;
  },

  postButton(composer) {
    const buttons = composer.root.querySelectorAll<HTMLElement>('button, [role="button"]');
    return [...buttons].find((b) => SHARE_TEXT.test(b.textContent?.trim() ?? '')) ?? null;
  },

  readText(composer) {
    const editor = composer.editor;
    return editor instanceof HTMLTextAreaElement ? editor.value : editor.innerText.replace(/\n$/, '').replace(/\u00a0/g, ' ');
  },

  insertText(composer, text) {
    const techniques = composer.editor instanceof HTMLTextAreaElement ? [textareaTechnique] : [pasteText, execInsertText];
    return insertVerified(composer.editor, text, techniques, () => adapter.readText(composer));
  },

  async attachFile(composer, file) {
    const input = composer.root.querySelector<HTMLInputElement>('input[type="file"]');
    if (!input) return false;
    attachViaFileInput(input, file);
    return true;
  },

  // The create flow has its own addresses: /create/select/, /create/details/ …
  isComposePage: (url) => url.pathname.startsWith('/create/'),

  readAccount(composer) {
    const alt = composer.root.querySelector('img[alt]')?.getAttribute('alt') ?? '';
    return alt.match(/^(.+?)'s profile picture$/)?.[1] ?? alt.match(/^Foto profil (.+)$/)?.[1] ?? '';
  },
};
