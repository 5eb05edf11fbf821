// X (Twitter): Draft.js composer on /compose/post (dialog) and inline on /home; a <textarea> in
// the mobile layout. Reply boxes use the same test ids but are not post composers: never logged.
import { blocksText, closedOrEmptied, insertVerified, pasteText, setTextareaValue, textInputEvent, type Technique } from './dom-insert';
import { attachWatched } from './media-signals';
import { hinted, hintedPhrase } from '../site-hints';
import { isPhrase, says } from './texts';
import type { Composer, SiteAdapter } from './types';
import { scheduledTime, X_TEXTS as T } from './x-texts';

const EDITOR = '[data-testid^="tweetTextarea_"]';
const POST_BUTTON = '[data-testid="tweetButton"], [data-testid="tweetButtonInline"]';
const FILE_INPUT = 'input[data-testid="fileInput"], input[type="file"]';
/** X's own upload progress beside the attachment (a guess from its progress ring's role, G). */
const UPLOAD_PROGRESS = '[data-testid="attachments"] [role="progressbar"]';
const ACCOUNT = '[data-testid="SideNav_AccountSwitcher_Button"]';
const TOAST = '[data-testid="toast"]';
const TOAST_LINK = '[data-testid="toast"] a[href*="/status/"]';
/**
 * The composer's banner once a time is chosen in the schedule dialog: "Will send on Thu, Apr 30, 2026
 * at 8:00 AM" (2026 scheduling scripts wait for it; the test id is in X's own bundle) H.
 */
const SCHEDULE_BANNER = '[data-testid="scheduledTweetIndicator"]';
/** X waits for media to upload before Post enables again; an infographic over a slow link takes a while. */
const MEDIA_SHOWN_WAIT_MS = 30_000;

function editableOf(el: Element): HTMLElement | null {
  if (el.matches('[contenteditable="true"], textarea')) return el as HTMLElement;
  return el.querySelector<HTMLElement>('[contenteditable="true"], textarea');
}

/** The Post button of the nearest form or dialog around an editor (replies have one too, reading "Reply"). */
function postButtonNear(editor: HTMLElement): { node: Element; button: HTMLElement } | null {
  for (let node = editor.parentElement; node; node = node.parentElement) {
    const button = node.querySelector<HTMLElement>(hinted('postButton', POST_BUTTON));
    if (button) return { node, button };
    if (node.matches('[role="dialog"], body')) break;
  }
  return null;
}

const textareaTechnique: Technique = (editor, text) => setTextareaValue(editor as HTMLTextAreaElement, text);

export const adapter: SiteAdapter = {
  platform: 'x',
  matchPatterns: ['https://x.com/*', 'https://twitter.com/*'],
  matchesUrl: (url) => url.hostname === 'x.com' || url.hostname === 'twitter.com' || url.hostname.endsWith('.x.com'),
  // The signed library's site hints (../site-hints.ts) come after X's own candidates.
  get editorSelector() {
    return hinted('editor', EDITOR);
  },

  composerFor(el) {
    const editor = editableOf(el);
    // The composer is the nearest ancestor that also holds a Post button (dialog or inline form).
    const near = editor && postButtonNear(editor);
    return near && !isPhrase(near.button.textContent, T.reply) ? { root: near.node, editor: editor! } : null;
  },

  // A reply box, inline on /<user>/status/<id> or a reply dialog over /home: while the officer works
  // in it, the insertion goes there, not into the composer behind (target-composer.ts); a reply is
  // never logged as a post (ui-contract), so the composer watch never sees it.
  replyComposer(el) {
    const editor = editableOf(el);
    const near = editor && postButtonNear(editor);
    return near && isPhrase(near.button.textContent, T.reply) ? { root: near.node, editor: editor! } : null;
  },

  postButton: (composer) => composer.root.querySelector<HTMLElement>(hinted('postButton', POST_BUTTON)),

  readText: (composer) =>
    composer.editor instanceof HTMLTextAreaElement ? composer.editor.value : blocksText(composer.editor.querySelectorAll('[data-block="true"]')),

  // Draft.js: paste updates EditorState; textInput is its second path. execCommand corrupts it.
  insertText: (composer, text) =>
    insertVerified(composer.editor, text, composer.editor instanceof HTMLTextAreaElement ? [textareaTechnique] : [pasteText, textInputEvent], () => adapter.readText(composer)),

  attachFile: (composer, file) => adapter.attachMedia!(composer, file).shown,

  // Any new image/video/blob: preview in the composer counts, not only [data-testid=attachments]
  // (vibecheck PR #2, 2026-09: media is looked for inside the focused composer H; the markup of X's
  // previews changes, G); X also disables Post while the upload runs (notes first round, H).
  attachMedia(composer, file) {
    const inputs = hinted('fileInput', FILE_INPUT);
    const input = composer.root.querySelector<HTMLInputElement>(inputs) ?? document.querySelector<HTMLInputElement>(inputs);
    return attachWatched({
      root: composer.root,
      input,
      editor: composer.editor,
      file,
      postButton: () => adapter.postButton(composer),
      editorEmpty: () => adapter.readText(composer).trim() === '',
      progress: UPLOAD_PROGRESS,
      timeoutMs: MEDIA_SHOWN_WAIT_MS,
    });
  },

  readAccount(composer) {
    const switcher = composer.root.ownerDocument.querySelector(ACCOUNT);
    const handle = switcher?.textContent?.match(/@[A-Za-z0-9_]{1,15}/)?.[0];
    if (handle) return handle;
    const avatar = composer.root.querySelector('[data-testid^="UserAvatar-Container-"]')?.getAttribute('data-testid');
    return avatar ? `@${avatar.slice('UserAvatar-Container-'.length)}` : '';
  },

  // X says both outcomes in toasts/alerts; it can publish while stale composer nodes stay visible,
  // so the "sent" toast counts before the composer's own state.
  postOutcome(composer) {
    const doc = composer.root.ownerDocument;
    if ([...doc.querySelectorAll('[role="alert"]')].some((el) => says(el.textContent, hintedPhrase('errorText', T.postError)))) return 'failed';
    if (says(doc.querySelector(TOAST)?.textContent, hintedPhrase('successText', T.postSent))) return 'confirmed';
    return closedOrEmptied(composer.editor, adapter.readText(composer));
  },

  // A time chosen in the schedule dialog shows as a banner in the composer, and Post reads "Schedule".
  scheduledPost(composer) {
    const banner = composer.root.querySelector(SCHEDULE_BANNER)?.textContent ?? '';
    if (!banner && !isPhrase(adapter.postButton(composer)?.textContent, T.schedule)) return undefined;
    return { at: scheduledTime(banner) };
  },

  findPostUrl(doc) {
    const link = doc.querySelector<HTMLAnchorElement>(TOAST_LINK);
    return link ? new URL(link.getAttribute('href')!, doc.baseURI).href : undefined;
  },

  isComposePage: (url) => /^\/compose\/(post|tweet)\/?$/.test(url.pathname),

  isPostShortcut: (event) => event.key === 'Enter' && (event.ctrlKey || event.metaKey),
};
