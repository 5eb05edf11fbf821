// @vitest-environment happy-dom
// The sidebar's first frame: with the first page already at hand it lists the cards at once (no
// "loading" frame); the early answer is asked one question at a time, kept fresh while the tab is
// visible, and never used once older than a minute (a withdrawn item must not come back).
import { render } from 'preact';
import { describe, expect, it, vi } from 'vitest';
import { Sidebar, type SidebarApi } from '../../components/Sidebar';
import { firstView, MAX_AGE_MS, REFRESH_MS } from '../../utils/content/first-view';
import type { LibraryCard, LibraryView } from '../../utils/shared/messages';

const card = (id: string, title: string): LibraryCard => ({
  id,
  version: 1,
  title,
  program: 'Kesehatan',
  kind: 'infografis',
  urgent: false,
  publishedAt: '2026-12-07T08:00:00Z',
  text: `${title} #SehatBersama`,
  check: { count: 20, limit: 280, hashtags: 1, ok: true, warning: '' },
});

const view = (...titles: string[]): LibraryView => ({ cards: titles.map((t, i) => card(`item-${i}`, t)), programs: ['Kesehatan'], status: 'Pustaka: 1 item' });

function sidebarApi(first: LibraryView | undefined): SidebarApi {
  const never = () => new Promise<never>(() => undefined);
  return {
    platform: 'x',
    query: never,
    syncNow: never,
    insert: never,
    quote: never,
    check: never,
    copy: never,
    download: never,
    collapsed: false,
    setCollapsed: () => undefined,
    firstView: () => first,
    onLibraryChanged: () => () => undefined,
    onNotice: () => () => undefined,
    onProgress: () => () => undefined,
  };
}

describe("the sidebar's first frame", () => {
  it('lists the cards already at hand, before its own query answers', () => {
    const host = document.createElement('div');
    render(<Sidebar api={sidebarApi(view('Imunisasi anak gratis'))} side="right" />, host);
    expect(host.querySelector('[data-item-id="item-0"]')?.textContent).toContain('Imunisasi anak gratis');
    expect(host.querySelector('[data-testid="hk-status"]')?.textContent).toBe('Pustaka: 1 item');
  });

  it("drops the early cards when its own query fails: the error shows alone", async () => {
    const host = document.createElement('div');
    const api = { ...sidebarApi(view('Ditarik kemarin')), query: () => Promise.reject(new Error('pustaka rusak')) };
    render(<Sidebar api={api} side="right" />, host);
    // Effects run after the frame: the completion signal is the error in the status line.
    await vi.waitFor(() => expect(host.querySelector('[data-testid="hk-status"]')?.textContent).toContain('pustaka rusak'));
    expect(host.querySelector('[data-item-id]')).toBeNull();
  });

  it('says the library is loading when nothing is at hand yet', () => {
    const host = document.createElement('div');
    render(<Sidebar api={sidebarApi(undefined)} side="right" />, host);
    expect(host.querySelector('[data-item-id]')).toBeNull();
    expect(host.querySelector('[data-testid="hk-status"]')?.textContent).toMatch(/Memuat pustaka|Loading the library/);
  });
});

describe('firstView', () => {
  const settle = () => new Promise((r) => setTimeout(r, 0));

  it('asks once at a time: a refresh during a question makes exactly one more, whose answer is kept', async () => {
    const answers: ((v: LibraryView) => void)[] = [];
    const first = firstView(() => new Promise((resolve) => answers.push(resolve)));
    first.refresh();
    first.refresh();
    first.refresh();
    expect(answers).toHaveLength(1);
    answers[0]!(view('lama'));
    await settle();
    expect(first.current()?.cards[0]?.title).toBe('lama');
    expect(answers).toHaveLength(2);
    answers[1]!(view('baru'));
    await settle();
    expect(first.current()?.cards[0]?.title).toBe('baru');
    expect(answers).toHaveLength(2);
    first.stop();
  });

  it('keeps the last good answer when a question fails', async () => {
    let fail = false;
    const first = firstView(() => (fail ? Promise.reject(new Error('worker stopped')) : Promise.resolve(view('tetap'))));
    first.refresh();
    await settle();
    fail = true;
    first.refresh();
    await settle();
    expect(first.current()?.cards[0]?.title).toBe('tetap');
    first.stop();
  });

  it('never hands out an answer older than a minute, nor a card that has expired since', async () => {
    let clock = Date.parse('2026-12-07T09:00:00Z');
    const answer = view('Imunisasi', 'Vaksin');
    answer.cards[1]!.expiresAt = '2026-12-07T09:00:30Z';
    const first = firstView(() => Promise.resolve(answer), document, () => clock);
    first.refresh();
    await settle();
    expect(first.current()?.cards.map((c) => c.title)).toEqual(['Imunisasi', 'Vaksin']);
    clock += 31_000;
    expect(first.current()?.cards.map((c) => c.title)).toEqual(['Imunisasi']);
    clock += MAX_AGE_MS;
    expect(first.current()).toBeUndefined();
    first.stop();
  });

  it('asks again every REFRESH_MS while the tab is visible, and when it becomes visible', async () => {
    vi.useFakeTimers();
    try {
      let asked = 0;
      let visibility: DocumentVisibilityState = 'visible';
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility });
      const first = firstView(() => (asked++, Promise.resolve(view('x'))));
      await vi.advanceTimersByTimeAsync(REFRESH_MS);
      expect(asked).toBe(1);
      visibility = 'hidden';
      await vi.advanceTimersByTimeAsync(REFRESH_MS * 3);
      expect(asked).toBe(1);
      visibility = 'visible';
      document.dispatchEvent(new Event('visibilitychange'));
      await vi.advanceTimersByTimeAsync(0);
      expect(asked).toBe(2);
      first.stop();
      await vi.advanceTimersByTimeAsync(REFRESH_MS * 3);
      expect(asked).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
