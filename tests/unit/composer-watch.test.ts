// @vitest-environment happy-dom
// Instagram's step 1 rendered by a click inside the app's own root (not a new child of <body>), its
// file input display:none: nothing to focus, no body child added. The look after the click finds it
// in the next task; the CSS animation (which happy-dom does not run) is only the fallback.
import { afterEach, describe, expect, it } from 'vitest';
import { watchComposers } from '../../utils/content/composer-watch';
import { adapter } from '../../utils/content/sites/instagram';
import type { Composer } from '../../utils/content/sites';

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

function instagramPage() {
  document.body.innerHTML = '<div id="root"><div><nav></nav><a role="menuitem" href="#">Post</a></div></div>';
  const app = document.querySelector('#root > div')!;
  const item = document.querySelector<HTMLElement>('[role="menuitem"]')!;
  item.addEventListener('click', () => {
    app.insertAdjacentHTML('beforeend', '<div role="dialog" aria-label="Create new post"><div role="button">Select from computer</div><form><input type="file" accept="image/jpeg,image/png" style="display:none"></form></div>');
  });
  return item;
}

describe('composer watch', () => {
  let stop: (() => void) | undefined;
  afterEach(() => stop?.());

  it('finds a dialog a click rendered inside the app root, in the task after the click', async () => {
    const postItem = instagramPage();
    const opened: Composer[] = [];
    stop = watchComposers(document, adapter, { onOpen: (c) => opened.push(c), onClose: () => undefined });
    expect(opened).toHaveLength(0);
    postItem.click();
    await nextTask();
    expect(opened).toHaveLength(1);
    expect(opened[0]!.root.getAttribute('aria-label')).toBe('Create new post');
  });

  it('leaves a composer kept hidden under another dialog closed at a click, and takes it once shown', async () => {
    const postItem = instagramPage();
    const opened: Composer[] = [];
    stop = watchComposers(document, adapter, { onOpen: (c) => opened.push(c), onClose: () => undefined });
    // happy-dom lays nothing out: a hidden element is one without client rects, as in a browser.
    postItem.addEventListener('click', () => (document.querySelector<HTMLElement>('[role="dialog"]')!.getClientRects = () => [] as unknown as DOMRectList));
    postItem.click();
    await nextTask();
    expect(opened).toHaveLength(0);
    const dialog = document.querySelector<HTMLElement>('[role="dialog"]')!;
    delete (dialog as Partial<HTMLElement>).getClientRects;
    document.body.click();
    await nextTask();
    expect(opened).toHaveLength(1);
  });

  it('does not look after a stop', async () => {
    const postItem = instagramPage();
    const opened: Composer[] = [];
    stop = watchComposers(document, adapter, { onOpen: (c) => opened.push(c), onClose: () => undefined });
    postItem.click();
    stop();
    stop = undefined;
    await nextTask();
    expect(opened).toHaveLength(0);
  });

  it('looks after Enter, not after other keys', async () => {
    instagramPage();
    const opened: Composer[] = [];
    stop = watchComposers(document, adapter, { onOpen: (c) => opened.push(c), onClose: () => undefined });
    document.querySelector('#root > div')!.insertAdjacentHTML('beforeend', '<div role="dialog"><input type="file" accept="image/png" style="display:none"></div>');
    for (const key of ['a', ' ']) document.body.dispatchEvent(new KeyboardEvent('keyup', { key, bubbles: true }));
    await nextTask();
    expect(opened).toHaveLength(0);
    document.body.dispatchEvent(new KeyboardEvent('keyup', { key: 'Enter', bubbles: true }));
    await nextTask();
    expect(opened).toHaveLength(1);
  });
});
