import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchComposePage } from '@/utils/content/compose-page-watch';
import { adapter as x } from '@/utils/content/sites/x';

describe('compose page without a recognised composer', () => {
  let url = 'https://x.com/compose/post';
  let composers = 0;
  const changes: boolean[] = [];
  const watch = () =>
    watchComposePage({ isComposePage: (u) => x.isComposePage!(u), hasComposer: () => composers > 0, onDegraded: (d) => changes.push(d), currentUrl: () => url });

  beforeEach(() => {
    vi.useFakeTimers();
    url = 'https://x.com/compose/post';
    composers = 0;
    changes.length = 0;
  });
  afterEach(() => vi.useRealTimers());

  it('gives the site a grace period, then falls back to copy/download mode', () => {
    watch().check();
    vi.advanceTimersByTime(1000);
    expect(changes).toEqual([]);
    vi.advanceTimersByTime(600);
    expect(changes).toEqual([true]);
  });

  it('never falls back when the composer shows up in time, and recovers when it shows up late', () => {
    const w = watch();
    w.check();
    composers = 1;
    w.check();
    vi.advanceTimersByTime(5000);
    expect(changes).toEqual([]);
    composers = 0;
    w.check();
    vi.advanceTimersByTime(1500);
    composers = 1;
    w.check();
    expect(changes).toEqual([true, false]);
  });

  it('leaves copy/download mode soon after the officer leaves the compose page', () => {
    const w = watch();
    w.check();
    vi.advanceTimersByTime(1500);
    url = 'https://x.com/home';
    w.check();
    vi.advanceTimersByTime(100);
    expect(changes).toEqual([true, false]);
  });

  it('ignores pages that are not compose pages', () => {
    url = 'https://x.com/home';
    watch().check();
    vi.advanceTimersByTime(5000);
    expect(changes).toEqual([]);
  });
});
