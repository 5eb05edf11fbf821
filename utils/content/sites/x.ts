// X (Twitter): Draft.js composer on /compose/post (dialog) and inline on /home.
import { attachViaFileInput, blocksText, insertVerified, pasteFile, pasteText, textInputEvent } from './dom-insert';
import type { Composer, SiteAdapter } from './types';

const EDITOR = '[data-testid^="tweetTextarea_"]';
const POST_BUTTON = '[data-testid="tweetButton"], [data-testid="tweetButtonInline"]';
const FILE_INPUT = 'input[data-testid="fileInput"], input[type="file"]';
const ACCOUNT = '[data-testid="SideNav_AccountSwitcher_Button"]';
const TOAST_LINK = '[data-testid="toast"] a[href*="/status/"]';
const POST_ERROR = /something went wrong|try again|terjadi kesalahan|coba lagi|gagal/i;

function editableOf(el: Element): HTMLElement | null {
  return el.matches('[contenteditable="true"]') ? (el as HTMLElement) : el.querySelector<HTMLElement>('[contenteditable="true"]');
}

export const adapter: SiteAdapter = {
  platform: 'x',
  matchPatterns: ['https://x.com/*', 'https://twitter.com/*'],
  matchesUrl: (url) => url.hostname === 'x.com' || url.hostname === 'twitter.com' || url.hostname.endsWith('.x.com'),
  editorSelector: EDITOR,

  composerFor(el) {
    const editor = editableOf(el);
    if (!editor) return null;
    // The composer is the nearest ancestor that also holds a Post button (dialog or inline form).
    for (let node = editor.parentElement; node; node = node.parentElement) {
      if (node.querySelector(POST_BUTTON)) return { root: node, editor };
      if (node.matches('[role="dialog"], body')) break;
    }
    return null;
  },

  postButton: (composer) => composer.root.querySelector<HTMLElement>(POST_BUTTON),

  readText: (composer) => blocksText(composer.editor.querySelectorAll('[data-block="true"]')),

  // Draft.js: paste updates EditorState; textInput is its second path. execCommand corrupts it.
  insertText: (composer, text) => insertVerified(composer.editor, text, [pasteText, textInputEvent], () => adapter.readText(composer)),

  async attachFile(composer, file) {
    const input = composer.root.querySelector<HTMLInputElement>(FILE_INPUT) ?? document.querySelector<HTMLInputElement>(FILE_INPUT);
    if (input) attachViaFileInput(input, file);
    else pasteFile(composer.editor, file);
    return true;
  },

  readAccount(composer) {
    const switcher = composer.root.ownerDocument.querySelector(ACCOUNT);
    const handle = switcher?.textContent?.match(/@[A-Za-z0-9_]{1,15}/)?.[0];
    if (handle) return handle;
    const avatar = composer.root.querySelector('[data-testid^="UserAvatar-Container-"]')?.getAttribute('data-testid');
    return avatar ? `@${avatar.slice('UserAvatar-Container-'.length)}` : '';
  },

  postFailed: (composer) => [...composer.root.ownerDocument.querySelectorAll('[role="alert"]')].some((el) => POST_ERROR.test(el.textContent ?? '')),

  findPostUrl(doc) {
    const link = doc.querySelector<HTMLAnchorElement>(TOAST_LINK);
    return link ? new URL(link.getAttribute('href')!, doc.baseURI).href : undefined;
  },

  isComposePage: (url) => /^\/compose\/(post|tweet)\/?$/.test(url.pathname),

  isPostShortcut: (event) => event.key === 'Enter' && (event.ctrlKey || event.metaKey),
};
