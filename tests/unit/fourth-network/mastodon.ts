// The fourth network's adapter, named as its file in utils/content/sites/ would be: a textarea
// composer in a form, a file input, a Publish button.
import { attachViaFileInput, insertVerified, setTextareaValue, waitUntil } from '../../../utils/content/sites/dom-insert';
import type { SiteAdapter } from '../../../utils/content/sites/types';
import { profile } from './profile';

const EDITOR = 'form.compose-form textarea[name="status"]';

export const adapter: SiteAdapter = {
  platform: profile.id,
  matchPatterns: ['https://mastodon.social/*'],
  matchesUrl: (url) => url.hostname === 'mastodon.social',
  editorSelector: EDITOR,
  composerFor(el) {
    const root = el.closest('form.compose-form');
    return root ? { root, editor: el as HTMLElement } : null;
  },
  postButton: (composer) => composer.root.querySelector<HTMLElement>('button[type="submit"]'),
  readText: (composer) => (composer.editor as HTMLTextAreaElement).value,
  insertText: (composer, text) =>
    insertVerified(composer.editor, text, [(editor, t) => setTextareaValue(editor as HTMLTextAreaElement, t)], () => adapter.readText(composer)),
  async attachFile(composer, file) {
    const input = composer.root.querySelector<HTMLInputElement>('input[type="file"]');
    if (!input) return false;
    attachViaFileInput(input, file);
    return waitUntil(() => composer.root.querySelectorAll('.compose-form__upload').length > 0, 1000);
  },
  readAccount: (composer) => composer.root.ownerDocument.querySelector('.account__display-name')?.textContent?.trim() ?? '',
};
