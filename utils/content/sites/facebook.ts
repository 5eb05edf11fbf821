// Facebook: Lexical editor inside the "Create post" / "Buat postingan" dialog.
import { attachViaFileInput, blocksText, insertVerified, pasteFile, pasteText } from './dom-insert';
import type { Composer, SiteAdapter } from './types';

const EDITOR = '[role="dialog"] [contenteditable="true"][role="textbox"]';
const POST_BUTTON = '[aria-label="Post"], [aria-label="Posting"], [aria-label="Kirim"]';

export const adapter: SiteAdapter = {
  platform: 'facebook',
  matchPatterns: ['https://www.facebook.com/*', 'https://web.facebook.com/*'],
  matchesUrl: (url) => /(^|\.)facebook\.com$/.test(url.hostname),
  editorSelector: EDITOR,

  composerFor(el) {
    const root = el.closest('[role="dialog"]');
    if (!root || !root.querySelector(POST_BUTTON)) return null;
    return { root, editor: el as HTMLElement };
  },

  postButton: (composer) => composer.root.querySelector<HTMLElement>(POST_BUTTON),

  // Lexical renders one block element per paragraph; Facebook posts them as lines.
  readText: (composer) => blocksText(composer.editor.children),

  // Lexical takes a synthetic paste with text/plain (lines become paragraphs); beforeinput only single lines.
  insertText: (composer, text) => insertVerified(composer.editor, text, [pasteText], () => adapter.readText(composer)),

  async attachFile(composer, file) {
    const input = composer.root.querySelector<HTMLInputElement>('input[type="file"]');
    if (input) attachViaFileInput(input, file);
    else pasteFile(composer.editor, file);
    return true;
  },

  readAccount(composer) {
    // The dialog header names who posts (profile or page) in bold.
    return composer.root.querySelector('strong')?.textContent?.trim() ?? '';
  },
};
