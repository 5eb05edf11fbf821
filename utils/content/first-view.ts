// The sidebar's first page (no search, no filter), asked for while the page loads, so the panel's
// first frame already lists its cards instead of "loading" (bench: composer → first card painted).
// Only the first frame: the sidebar asks again at once and its answer replaces this one. Never older
// than MAX_AGE_MS (a withdrawn or expired item must not come back from a page loaded hours ago): asked
// again every REFRESH_MS while the tab is visible, and when it becomes visible; an answer older than
// that is not used. Asked as `early`, so the tab gets no change notices from the worker: on a busy
// first sync those come every second, to every sidebar.
import type { LibraryView } from '../shared/messages';

export const REFRESH_MS = 45_000;
export const MAX_AGE_MS = 60_000;

export interface FirstView {
  /** The latest answer if younger than MAX_AGE_MS, without cards that have expired since. */
  current(): LibraryView | undefined;
  /** Asks again now (one question at a time: a call during one makes one more after it). */
  refresh(): void;
  stop(): void;
}

export function firstView(load: () => Promise<LibraryView>, doc: Document = document, now: () => number = Date.now): FirstView {
  let answer: { view: LibraryView; at: number } | undefined;
  let asking = false;
  let askAgain = false;
  const refresh = () => {
    if (asking) {
      askAgain = true;
      return;
    }
    asking = true;
    const askedAt = now();
    load()
      .then(
        (view) => {
          answer = { view, at: askedAt };
        },
        // A failed early ask leaves the sidebar to its own query and its own error message.
        () => undefined,
      )
      .finally(() => {
        asking = false;
        if (!askAgain) return;
        askAgain = false;
        refresh();
      });
  };
  const whenVisible = () => {
    if (doc.visibilityState === 'visible') refresh();
  };
  const timer = setInterval(whenVisible, REFRESH_MS);
  doc.addEventListener('visibilitychange', whenVisible);
  return {
    current() {
      if (!answer || now() - answer.at > MAX_AGE_MS) return undefined;
      const t = now();
      const cards = answer.view.cards.filter((card) => !card.expiresAt || Date.parse(card.expiresAt) > t);
      return cards.length === answer.view.cards.length ? answer.view : { ...answer.view, cards };
    },
    refresh,
    stop() {
      clearInterval(timer);
      doc.removeEventListener('visibilitychange', whenVisible);
    },
  };
}
