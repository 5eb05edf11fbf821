// @vitest-environment happy-dom
// After the text went in, the composer is watched until Post: a site that wipes it (X's draft-copy
// re-render) gets it back once; a composer emptied by posting, or still holding the text, never does.
// The site's image is taken from several signals, not from one guessed preview selector.
import { describe, expect, it } from 'vitest';
import { rememberContent, takeContent } from '../../utils/content/composer-content';
import type { Composer, SiteAdapter } from '../../utils/content/sites';
import { attachWatched } from '../../utils/content/sites/media-signals';
import { watchText } from '../../utils/content/text-watch';

const TEXT = 'Cek Kesehatan Gratis di puskesmas terdekat. #CekKesehatanGratis';

/** A composer whose editor holds plain text, and the site's "re-render" that replaces the editor. */
function site() {
  const root = document.createElement('form');
  root.innerHTML = '<div contenteditable="true" class="ed"></div><div role="button" aria-disabled="true" class="post">Post</div><input type="file">';
  document.body.append(root);
  let inserts = 0;
  const adapter = {
    editorSelector: '.ed',
    composerFor: (editor: Element) => ({ root, editor: editor as HTMLElement }),
    readText: (c: Composer) => c.editor.textContent ?? '',
    insertText: async (c: Composer, text: string) => {
      inserts++;
      c.editor.append(text);
      return true;
    },
    postButton: () => root.querySelector<HTMLElement>('.post'),
  } as unknown as SiteAdapter;
  const composer = (): Composer => ({ root, editor: root.querySelector<HTMLElement>('.ed')! });
  /** The draft-copy re-render: a new editor holding what the copy held (nothing). */
  const wipe = () => root.querySelector('.ed')!.replaceWith(Object.assign(document.createElement('div'), { className: 'ed', contentEditable: 'true' }));
  return { root, adapter, composer, wipe, inserts: () => inserts };
}

async function inserted(s: ReturnType<typeof site>, token: string) {
  const content = { token, text: TEXT };
  await s.adapter.insertText(s.composer(), TEXT);
  rememberContent(s.composer(), content);
  return content;
}

describe('the text after it went in', () => {
  it('wiped 1 s later (past the old fixed 400 ms settle): inserted once more, once', async () => {
    const s = site();
    const content = await inserted(s, 'wipe-late');
    setTimeout(s.wipe, 1_000);
    expect(await watchText(s.adapter, s.composer(), content, Promise.resolve(), 1_500)).toBe('reinserted');
    expect(s.adapter.readText(s.composer())).toBe(TEXT);
    expect(s.inserts()).toBe(2);
  });

  it('wiped when the media preview lands long after: the watch lasts until the media settled', async () => {
    const s = site();
    const content = await inserted(s, 'wipe-media');
    const settled = new Promise((resolve) => setTimeout(() => (s.wipe(), resolve(true)), 600));
    expect(await watchText(s.adapter, s.composer(), content, settled, 100)).toBe('reinserted');
    expect(s.adapter.readText(s.composer())).toBe(TEXT);
  });

  it('emptied by the Post click: never put back', async () => {
    const s = site();
    const content = await inserted(s, 'posted');
    setTimeout(() => (takeContent(s.composer()), s.wipe()), 100);
    expect(await watchText(s.adapter, s.composer(), content, Promise.resolve(), 500)).toBe('kept');
    expect(s.adapter.readText(s.composer())).toBe('');
    expect(s.inserts()).toBe(1);
  });

  it('changed around it but still there: never inserted again (duplicates)', async () => {
    const s = site();
    const content = await inserted(s, 'kept');
    setTimeout(() => s.composer().editor.prepend('Halo! '), 50);
    expect(await watchText(s.adapter, s.composer(), content, Promise.resolve(), 300)).toBe('kept');
    expect(s.adapter.readText(s.composer())).toBe(`Halo! ${TEXT}`);
    expect(s.inserts()).toBe(1);
  });
});

describe('the site took the image', () => {
  const file = new File(['x'], 'a.jpg', { type: 'image/jpeg' });
  const watched = (s: ReturnType<typeof site>, timeoutMs: number) =>
    attachWatched({ root: s.root, input: s.root.querySelector('input'), editor: s.composer().editor, file, postButton: () => s.root.querySelector('.post'), editorEmpty: () => true, timeoutMs });

  it('shown by a preview in markup nobody guessed (a blob: image anywhere in the composer)', async () => {
    const s = site();
    s.root.querySelector('input')!.addEventListener('change', () => setTimeout(() => s.root.append(Object.assign(document.createElement('img'), { src: 'blob:https://x.com/1' })), 50));
    const media = watched(s, 2_000);
    expect(await media.shown).toBe(true);
    expect(await media.taken).toBe(true);
  });

  it('taken (its upload progress) but never shown: said as such, not as shown', async () => {
    const s = site();
    s.root.querySelector('input')!.addEventListener('change', () => s.root.append(Object.assign(document.createElement('span'), { role: 'progressbar' })));
    const media = watched(s, 300);
    expect(await media.taken).toBe(true);
    expect(await media.shown).toBe(false);
  });

  it('shown by Post enabled while the editor is empty (only the media can have enabled it)', async () => {
    const s = site();
    s.root.querySelector('input')!.addEventListener('change', () => setTimeout(() => s.root.querySelector('.post')!.removeAttribute('aria-disabled'), 50));
    expect(await watched(s, 2_000).shown).toBe(true);
  });
});
