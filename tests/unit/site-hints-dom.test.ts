// @vitest-environment happy-dom
// The X adapter with the signed library's site hints: X ships new test ids (as the `?redesign`
// fixture does); without hints nothing is recognised (copy mode), with a hint naming the new editor
// and Post button the composer is found, and a hinted success text confirms a post.
import { afterEach, describe, expect, it } from 'vitest';
import { setSiteHints } from '../../utils/content/site-hints';
import { adapter } from '../../utils/content/sites/x';

function mount() {
  document.body.innerHTML = `
    <div role="dialog">
      <div data-testid="postComposer_body"><div contenteditable="true" role="textbox"></div></div>
      <input type="file" data-testid="postComposer_media">
      <button data-testid="postComposer_submit">Post</button>
    </div>
    <div data-testid="toast"></div>`;
  return document.querySelector('[data-testid="postComposer_body"]')!;
}

describe('X adapter with site hints', () => {
  afterEach(() => setSiteHints({}));

  it('recognises a composer that lost its test ids only once a hint names them, after its own candidates', () => {
    const editor = mount();
    expect(editor.matches(adapter.editorSelector)).toBe(false);
    expect(adapter.composerFor(editor)).toBeNull();

    expect(setSiteHints({ editor: ['[data-testid="postComposer_body"]'], postButton: ['[data-testid="postComposer_submit"]'] })).toBe(true);
    expect(setSiteHints({ editor: ['[data-testid="postComposer_body"]'], postButton: ['[data-testid="postComposer_submit"]'] })).toBe(false);
    expect(adapter.editorSelector.startsWith('[data-testid^="tweetTextarea_"], ')).toBe(true);
    expect(editor.matches(adapter.editorSelector)).toBe(true);
    const composer = adapter.composerFor(editor)!;
    expect(composer.root.getAttribute('role')).toBe('dialog');
    expect(composer.editor.getAttribute('role')).toBe('textbox');
    expect(adapter.postButton(composer)?.getAttribute('data-testid')).toBe('postComposer_submit');
  });

  it('takes a hinted success text as confirmation; a selector the browser cannot use is dropped, not thrown', () => {
    const editor = mount();
    setSiteHints({ editor: ['[data-testid="postComposer_body"]', '[data-testid="x"]:::'], postButton: ['[data-testid="postComposer_submit"]'], successText: ['Kiriman Anda sudah tayang'] });
    const composer = adapter.composerFor(editor)!;
    composer.editor.innerHTML = '<div data-block="true">teks</div>';
    document.querySelector('[data-testid="toast"]')!.textContent = 'Kiriman Anda sudah tayang. Lihat';
    expect(adapter.postOutcome!(composer)).toBe('confirmed');
  });
});

describe('Facebook and Instagram adapters with site hints', () => {
  afterEach(() => setSiteHints({}));

  it('Facebook: a renamed editor and Post button are found through hints', async () => {
    const { adapter: facebook } = await import('../../utils/content/sites/facebook');
    document.body.innerHTML = `<div role="dialog"><div contenteditable="true" data-lexical-editor="true" aria-label="Tulis sesuatu"></div><div role="button" data-testid="composer-post">Kirim</div></div>`;
    const editor = document.querySelector('[data-lexical-editor]')!;
    expect(editor.matches(facebook.editorSelector)).toBe(false);
    setSiteHints({ editor: ['[role="dialog"] [data-lexical-editor="true"]'], postButton: ['[data-testid="composer-post"]'] });
    const composer = facebook.composerFor(editor)!;
    expect(facebook.postButton(composer)?.textContent).toBe('Kirim');
  });

  it('Instagram: a hinted caption editor, Share button and success text', async () => {
    const { adapter: instagram } = await import('../../utils/content/sites/instagram');
    document.body.innerHTML = `<div role="dialog"><div contenteditable="true" role="textbox" aria-label="Tambahkan keterangan"></div><div role="button" data-testid="share-post">Kirim</div></div>`;
    const editor = document.querySelector('[role="textbox"]')!;
    expect(editor.matches(instagram.editorSelector)).toBe(false);
    setSiteHints({ editor: ['[role="dialog"] [aria-label="Tambahkan keterangan"]'], postButton: ['[data-testid="share-post"]'], successText: ['Kiriman dibagikan'] });
    const composer = instagram.composerFor(editor)!;
    expect(instagram.stage!(composer)).toEqual({ text: true, media: false });
    expect(instagram.postButton(composer)?.textContent).toBe('Kirim');
    document.querySelector('[role="dialog"]')!.append('Kiriman dibagikan.');
    expect(instagram.postOutcome!(composer)).toBe('confirmed');
  });
});
