// @vitest-environment happy-dom
// Several composers at once (X: a quote or reply dialog over the /home inline composer): the click
// acts on the top-most layer's composer, the focused one within it; a reply box on top is the
// target (as a reply, not logged), never the composer behind it.
import { afterEach, describe, expect, it } from 'vitest';
import { adapter as x } from '../../utils/content/sites/x';
import type { Composer } from '../../utils/content/sites';
import { isAbove, isReply, pickTarget, trackFocus } from '../../utils/content/target-composer';

/** An X composer as the fixture builds it: editor, Post button reading `label`. */
function composer(parent: Element, label: string, testId = 'tweetTextarea_0'): HTMLElement {
  const form = document.createElement('div');
  form.innerHTML = `<div contenteditable="true" role="textbox" data-testid="${testId}"></div><input type="file" data-testid="fileInput"><div role="button" data-testid="tweetButton">${label}</div>`;
  parent.append(form);
  return form.querySelector<HTMLElement>('[contenteditable]')!;
}

function dialog(): HTMLElement {
  const el = document.createElement('div');
  el.setAttribute('role', 'dialog');
  document.body.append(el);
  return el;
}

const opened = (...editors: HTMLElement[]): Composer[] => editors.map((e) => x.composerFor(e)!);
/** The target's editor, a reply's as `{ reply }`. */
const editorOf = (target: ReturnType<typeof pickTarget>) => (isReply(target) ? { reply: target.reply.editor } : target?.editor);

afterEach(() => {
  document.body.innerHTML = '';
});

describe('pickTarget', () => {
  it('one composer: that one, as before', () => {
    const inline = composer(document.body, 'Post');
    expect(editorOf(pickTarget(x, document, opened(inline), null))).toBe(inline);
  });

  it('a quote dialog over the inline composer gets the click, even when the inline one opened last or kept focus', () => {
    const inline = composer(document.body, 'Post');
    const quote = composer(dialog(), 'Post');
    expect(editorOf(pickTarget(x, document, opened(quote, inline), inline))).toBe(quote);
    // Not yet seen by the composer watch (it opened a frame ago): found at the click all the same.
    expect(editorOf(pickTarget(x, document, opened(inline), null))).toBe(quote);
  });

  it('a reply dialog over the inline composer: the reply, not the composer behind it', () => {
    const inline = composer(document.body, 'Post');
    const reply = composer(dialog(), 'Reply');
    expect(x.composerFor(reply)).toBeNull();
    expect(editorOf(pickTarget(x, document, opened(inline), reply))).toEqual({ reply });
    expect(editorOf(pickTarget(x, document, opened(inline), inline))).toEqual({ reply });
  });

  it('the reply dialog closed: the inline composer again', () => {
    const inline = composer(document.body, 'Post');
    const replyDialog = dialog();
    const reply = composer(replyDialog, 'Balas');
    expect(editorOf(pickTarget(x, document, opened(inline), null))).toEqual({ reply });
    replyDialog.remove();
    expect(editorOf(pickTarget(x, document, opened(inline), null))).toBe(inline);
  });

  it('within one layer the focused composer, else the one that opened last', () => {
    const thread = dialog();
    const first = composer(thread, 'Post');
    const second = composer(thread, 'Post', 'tweetTextarea_1');
    const both = opened(first, second);
    expect(editorOf(pickTarget(x, document, both, null))).toBe(second);
    expect(editorOf(pickTarget(x, document, both, first))).toBe(first);
  });

  it('a later or nested dialog is above an earlier one and the page', () => {
    const a = dialog();
    const b = dialog();
    const nested = document.createElement('div');
    nested.setAttribute('role', 'dialog');
    a.append(nested);
    expect([isAbove(b, a), isAbove(a, b), isAbove(a, null), isAbove(null, a), isAbove(nested, a), isAbove(a, nested)]).toEqual([true, false, true, false, true, false]);
  });
});

describe('trackFocus', () => {
  it('remembers page focus, not the sidebar taking it at the Insert click', () => {
    const inline = composer(document.body, 'Post');
    const sidebar = document.createElement('humas-kanal-sidebar');
    sidebar.tabIndex = 0;
    document.body.append(sidebar);
    const focus = trackFocus(document);
    inline.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    sidebar.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    expect(focus.last()).toBe(inline);
    focus.stop();
  });
});
