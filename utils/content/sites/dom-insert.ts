// Insertion techniques measured in ../shared/notes/insertion-findings.md. Adapters pick and order them.

/** Whitespace-free form, so editors that render line breaks differently still compare equal. */
export function squash(text: string): string {
  return text.replace(/\s+/g, '');
}

export function countOccurrences(haystack: string, needle: string): number {
  if (!needle) return 0;
  let count = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) count++;
  return count;
}

export function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/** Remembers where the officer's caret was in each editor, since clicking the sidebar moves focus away. */
const lastRanges = new WeakMap<HTMLElement, Range>();

export function rememberCaret(editor: HTMLElement): () => void {
  const onChange = () => {
    const sel = editor.ownerDocument.getSelection();
    if (sel && sel.rangeCount && editor.contains(sel.getRangeAt(0).startContainer)) lastRanges.set(editor, sel.getRangeAt(0).cloneRange());
  };
  editor.ownerDocument.addEventListener('selectionchange', onChange);
  return () => editor.ownerDocument.removeEventListener('selectionchange', onChange);
}

/** Focuses the editor with the caret where the officer left it, or at the end. */
export async function focusAtCaret(editor: HTMLElement): Promise<void> {
  if (editor instanceof HTMLTextAreaElement || editor instanceof HTMLInputElement) {
    editor.focus();
    return;
  }
  editor.focus();
  const sel = editor.ownerDocument.getSelection();
  if (!sel) return;
  const saved = lastRanges.get(editor);
  if (saved && editor.contains(saved.startContainer)) {
    sel.removeAllRanges();
    sel.addRange(saved);
  } else if (!sel.rangeCount || !editor.contains(sel.getRangeAt(0).startContainer)) {
    const range = editor.ownerDocument.createRange();
    range.selectNodeContents(editor);
    range.collapse(false);
    sel.removeAllRanges();
    sel.addRange(range);
  }
  // Editors pick up the DOM selection asynchronously (Draft on select, Lexical on selectionchange).
  await nextFrame();
}

export function pasteText(editor: HTMLElement, text: string): void {
  const data = new DataTransfer();
  data.setData('text/plain', text);
  editor.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
}

export function textInputEvent(editor: HTMLElement, text: string): void {
  const event = editor.ownerDocument.createEvent('TextEvent') as Event & { initTextEvent(...args: unknown[]): void };
  event.initTextEvent('textInput', true, true, editor.ownerDocument.defaultView, text);
  editor.dispatchEvent(event);
}

/** Plain contenteditable: one line at a time with `<br>` between, so lines stay lines (no stray blocks). */
export function execInsertText(editor: HTMLElement, text: string): void {
  const doc = editor.ownerDocument;
  text.split('\n').forEach((line, i) => {
    if (i > 0) doc.execCommand('insertLineBreak');
    if (line) doc.execCommand('insertText', false, line);
  });
}

/** React-controlled textareas ignore `.value =`; the prototype setter plus `input` updates their state. */
export function setTextareaValue(area: HTMLTextAreaElement, text: string): void {
  const start = area.selectionStart ?? area.value.length;
  const end = area.selectionEnd ?? area.value.length;
  const value = area.value.slice(0, start) + text + area.value.slice(end);
  Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!.call(area, value);
  area.dispatchEvent(new Event('input', { bubbles: true }));
  area.setSelectionRange(start + text.length, start + text.length);
}

export type Technique = (editor: HTMLElement, text: string) => void;

/**
 * Tries techniques in order, checking the site's own text after each, and stops at the first that
 * added the text exactly once. A technique that changed the text wrongly ends the attempt: trying
 * another would risk duplicate text.
 */
export async function insertVerified(editor: HTMLElement, text: string, techniques: Technique[], read: () => string): Promise<boolean> {
  await focusAtCaret(editor);
  const want = squash(text);
  for (const technique of techniques) {
    const before = squash(read());
    const countBefore = countOccurrences(before, want);
    try {
      technique(editor, text);
    } catch {
      continue;
    }
    await nextFrame();
    const after = squash(read());
    if (countOccurrences(after, want) === countBefore + 1) return true;
    if (after !== before) return false;
  }
  return false;
}

export function attachViaFileInput(input: HTMLInputElement, file: File): void {
  const data = new DataTransfer();
  data.items.add(file);
  input.files = data.files;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

export function pasteFile(editor: HTMLElement, file: File): void {
  const data = new DataTransfer();
  data.items.add(file);
  editor.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
}

/** Text of block-level children joined by newlines, `<br>` counted as a newline: how editors serialise posts. */
export function blocksText(blocks: Iterable<Element>): string {
  return [...blocks].map((block) => lineText(block)).join('\n');
}

function lineText(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return node.nodeValue ?? '';
  if (node instanceof HTMLBRElement) return node.hasAttribute('data-text') || node.parentElement?.childNodes.length === 1 ? '' : '\n';
  return [...node.childNodes].map(lineText).join('');
}

export function isButtonEnabled(button: HTMLElement | null): boolean {
  return !!button && !(button as HTMLButtonElement).disabled && button.getAttribute('aria-disabled') !== 'true';
}

/**
 * Resolves true as soon as `check` holds, false after `timeoutMs`. Checked on every DOM change (the
 * site showing a preview or enabling Post answers within the same frame, not at the next poll), and
 * every `everyMs` for what shows without a mutation (layout).
 */
export function waitUntil(check: () => boolean, timeoutMs: number, everyMs = 200): Promise<boolean> {
  if (check()) return Promise.resolve(true);
  return new Promise((resolve) => {
    const finish = (result: boolean) => {
      observer.disconnect();
      clearInterval(poll);
      clearTimeout(deadline);
      resolve(result);
    };
    const test = () => {
      if (check()) finish(true);
    };
    const observer = new MutationObserver(test);
    observer.observe(document.documentElement, { subtree: true, childList: true, attributes: true, characterData: true });
    const poll = setInterval(test, everyMs);
    const deadline = setTimeout(() => finish(check()), timeoutMs);
  });
}

/**
 * Gives the site a file through its file input (or as a paste where it has none) and resolves true
 * only once `shown` says the site displays it (a preview, an attachment), false after `timeoutMs`.
 */
export function attachAndWait(input: HTMLInputElement | null, editor: HTMLElement, file: File, shown: () => boolean, timeoutMs: number): Promise<boolean> {
  if (input) attachViaFileInput(input, file);
  else pasteFile(editor, file);
  return waitUntil(shown, timeoutMs);
}

export function isShown(el: Element): boolean {
  return el.isConnected && el.getClientRects().length > 0;
}

/** The usual sign that a site posted: its composer closed or emptied. */
export function closedOrEmptied(editor: HTMLElement, text: string): 'confirmed' | undefined {
  return !isShown(editor) || text.trim() === '' ? 'confirmed' : undefined;
}

/**
 * What a scheduling form's native date and time inputs hold, as `ScheduledPost`: `{ at }` read in the
 * browser's time zone (as the officer picked it), `{}` when they hold no complete time.
 */
export function pickedTime(scope: ParentNode): { at?: Date } {
  const date = scope.querySelector<HTMLInputElement>('input[type="date"]')?.value.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  const time = scope.querySelector<HTMLInputElement>('input[type="time"]')?.value.match(/^(\d{2}):(\d{2})/);
  if (!date || !time) return {};
  return { at: new Date(Number(date[1]), Number(date[2]) - 1, Number(date[3]), Number(time[1]), Number(time[2])) };
}
