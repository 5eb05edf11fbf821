// When a site changes its markup, the adapter no longer recognises the composer. On a page whose
// address says "compose" (X's /compose/post, Instagram's /create/…) we still know the officer is
// writing a post, so after a grace period the sidebar opens in copy/download mode instead of vanishing.

export interface ComposePageWatch {
  /** Re-evaluate: after a navigation or when a composer opens or closes. */
  check(): void;
  stop(): void;
}

export interface ComposePageOptions {
  isComposePage(url: URL): boolean;
  hasComposer(): boolean;
  onDegraded(degraded: boolean): void;
  /** The page's address now (tests pass their own). */
  currentUrl?: () => string;
  /** How long a compose page may take to render its composer before we call it unrecognised. */
  graceMs?: number;
}

/** Navigations are reported before the address changes, so leaving is checked shortly after too. */
const LEAVE_CHECK_MS = 100;

export function watchComposePage(options: ComposePageOptions): ComposePageWatch {
  const grace = options.graceMs ?? 1500;
  let degraded = false;
  let timers: ReturnType<typeof setTimeout>[] = [];
  const set = (next: boolean) => {
    if (next === degraded) return;
    degraded = next;
    options.onDegraded(next);
  };
  const currentUrl = options.currentUrl ?? (() => location.href);
  const onComposePage = () => options.isComposePage(new URL(currentUrl()));
  const clear = () => {
    timers.forEach(clearTimeout);
    timers = [];
  };
  const check = () => {
    clear();
    if (options.hasComposer()) return set(false);
    timers.push(
      setTimeout(() => !onComposePage() && set(false), LEAVE_CHECK_MS),
      setTimeout(() => set(onComposePage() && !options.hasComposer()), grace),
    );
  };
  return { check, stop: clear };
}
