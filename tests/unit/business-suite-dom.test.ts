// @vitest-environment happy-dom
// The Meta Business Suite adapter on the markup the public evidence describes (see
// tests/support/fixtures/business.facebook.com.ts for sources and guesses): the composer found past
// the search box, the selected placements with their accounts, Publish / Publikasikan, and success
// shown as a toast, the Boost modal or the planner address.
import { beforeEach, describe, expect, it } from 'vitest';
import { adapter } from '../../utils/content/sites/business-suite';

function mount(lang: 'en' | 'id', instagram = true) {
  const publish = lang === 'id' ? 'Publikasikan' : 'Publish';
  document.body.innerHTML = `
    <input type="search" role="combobox" aria-label="Search">
    <div role="main">
      <div role="region"><div role="checkbox" aria-checked="true" aria-label="Facebook: Humas Kota Malang"></div>
        <div role="checkbox" aria-checked="${instagram}" aria-label="humas.malang (Instagram)"></div></div>
      <div role="region"><div role="button">Add photo/video</div><input type="file" accept="video/mp4" style="display:none"><input type="file" accept="image/jpeg,image/png" style="display:none"></div>
      <div role="region"><div contenteditable="true" role="combobox" data-lexical-editor="true"><p>teks</p></div></div>
      <div role="button" aria-busy="false" aria-disabled="true"><div>${publish}</div></div>
    </div><div id="notices"></div>`;
  const composer = adapter.composerFor(document.querySelector(adapter.editorSelector)!)!;
  return { composer, say: (html: string) => (document.getElementById('notices')!.innerHTML = html) };
}

describe('Meta Business Suite adapter', () => {
  beforeEach(() => history.replaceState({}, '', '/latest/composer/?asset_id=1'));

  it('finds the composer past the search box, its Publish, placements and accounts', () => {
    for (const lang of ['en', 'id'] as const) {
      const { composer } = mount(lang);
      expect(composer.root.getAttribute('role')).toBe('main');
      expect(adapter.postButton(composer)?.textContent).toBe(lang === 'id' ? 'Publikasikan' : 'Publish');
      expect(adapter.placements!(composer)).toEqual([
        { platform: 'facebook', account: 'Humas Kota Malang' },
        { platform: 'instagram', account: 'humas.malang' },
      ]);
      expect(adapter.readAccount(composer)).toBe('Humas Kota Malang');
      expect(adapter.readText(composer)).toBe('teks');
      expect(adapter.scheduledPost!(composer)).toBeUndefined();
    }
    expect(adapter.placements!(mount('en', false).composer).map((p) => p.platform)).toEqual(['facebook']);
  });

  it('puts the image into the photo input, not the video one', async () => {
    const { composer } = mount('en');
    const [video, photo] = composer.root.querySelectorAll('input');
    photo!.addEventListener('change', () => composer.root.insertAdjacentHTML('beforeend', '<div role="button" aria-label="Remove photo"></div>'));
    expect(await adapter.attachFile(composer, new File(['x'], 'a.jpg', { type: 'image/jpeg' }))).toBe(true);
    expect(photo!.files?.length).toBe(1);
    expect(video!.files?.length ?? 0).toBe(0);
  });

  it('reads success as the toast, the Boost modal or the planner, and failure as an error', () => {
    const { composer, say } = mount('id');
    expect(adapter.postOutcome!(composer)).toBeUndefined();
    say('<div role="status">Memublikasikan postingan Anda</div>');
    expect(adapter.postOutcome!(composer)).toBeUndefined();
    say('<div role="alert">Postingan Anda sekarang dipublikasikan.</div>');
    expect(adapter.postOutcome!(composer)).toBe('confirmed');
    say('<div role="dialog"><h2>Boost your post</h2></div>');
    expect(adapter.postOutcome!(composer)).toBe('confirmed');
    say('<div role="alert">Something went wrong. Please try again.</div>');
    expect(adapter.postOutcome!(composer)).toBe('failed');
    say('');
    history.pushState({}, '', '/latest/content_calendar/?asset_id=1');
    expect(adapter.postOutcome!(composer)).toBe('confirmed');
  });
});
