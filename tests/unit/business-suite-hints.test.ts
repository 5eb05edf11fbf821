// @vitest-environment happy-dom
// The Meta Business Suite adapter with the signed library's site hints (its own network id,
// `business-suite`): a photo input whose `accept` no longer says "image" is found only through a
// hinted selector, and hinted success and error texts decide the outcome after the adapter's own.
import { afterEach, describe, expect, it } from 'vitest';
import { setSiteHints } from '../../utils/content/site-hints';
import { adapter } from '../../utils/content/sites/business-suite';

function mount() {
  document.body.innerHTML = `
    <div role="main">
      <div role="checkbox" aria-checked="true" aria-label="Facebook: Humas Kota Malang"></div>
      <input type="file" accept=".jpg,.png" data-testid="media-input" style="display:none">
      <div contenteditable="true" role="textbox" data-lexical-editor="true"><p>teks</p></div>
      <div role="button">Publish</div>
    </div><div id="notices"></div>`;
  const composer = adapter.composerFor(document.querySelector(adapter.editorSelector)!)!;
  return { composer, say: (text: string) => (document.getElementById('notices')!.innerHTML = `<div role="alert">${text}</div>`) };
}

describe('Meta Business Suite adapter with site hints', () => {
  afterEach(() => setSiteHints({}));

  it('asks for hints under its own network id', () => {
    expect(adapter.hintsNetwork).toBe('business-suite');
  });

  it('gives the photo to a hinted file input when its own rule finds none', async () => {
    const { composer } = mount();
    const photo = new File([new Uint8Array([0xff, 0xd8, 0xff])], 'a.jpg', { type: 'image/jpeg' });
    const input = document.querySelector<HTMLInputElement>('[data-testid="media-input"]')!;
    let changed = 0;
    input.addEventListener('change', () => changed++);
    // Without a hint: no input of its kind, nothing attached, at once.
    expect(await adapter.attachFile(composer, photo)).toBe(false);
    expect(changed).toBe(0);
    setSiteHints({ fileInput: ['input[type="file"][data-testid="media-input"]'] });
    void adapter.attachFile(composer, photo);
    expect(changed).toBe(1);
    expect(input.files?.[0]?.name).toBe('a.jpg');
  });

  it('takes hinted success and error texts', () => {
    const { composer, say } = mount();
    say('Postingan sudah tayang');
    expect(adapter.postOutcome!(composer)).toBeUndefined();
    say('Gagal memublikasikan');
    expect(adapter.postOutcome!(composer)).toBeUndefined();
    setSiteHints({ successText: ['Postingan sudah tayang'], errorText: ['Gagal memublikasikan'] });
    say('Postingan sudah tayang');
    expect(adapter.postOutcome!(composer)).toBe('confirmed');
    say('Gagal memublikasikan');
    expect(adapter.postOutcome!(composer)).toBe('failed');
  });
});
