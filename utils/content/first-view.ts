// The sidebar's first page (no search, no filter), asked for while the page loads and again after
// each library change, so the panel's first frame already lists its cards instead of "loading"
// (bench: composer → first card painted). The sidebar still asks once mounted: this only fills the
// first frame, never decides what stays on screen.
import type { LibraryView } from '../shared/messages';

export interface FirstView {
  /** The latest answer, if one has arrived. */
  current(): LibraryView | undefined;
  /** Asks again. One question at a time: changes arriving meanwhile (images stored one by one) make one more. */
  refresh(): void;
}

export function firstView(load: () => Promise<LibraryView>): FirstView {
  let view: LibraryView | undefined;
  let asking = false;
  let askAgain = false;
  const refresh = () => {
    if (asking) {
      askAgain = true;
      return;
    }
    asking = true;
    load()
      .then(
        (next) => {
          view = next;
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
  return { current: () => view, refresh };
}
