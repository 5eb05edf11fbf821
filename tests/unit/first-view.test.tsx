// @vitest-environment happy-dom
// The sidebar's first frame: with the first page already at hand it lists the cards at once (no
// "loading" frame); the early answer follows library changes one question at a time.
import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { Sidebar, type SidebarApi } from '../../components/Sidebar';
import { firstView } from '../../utils/content/first-view';
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

  it('says the library is loading when nothing is at hand yet', () => {
    const host = document.createElement('div');
    render(<Sidebar api={sidebarApi(undefined)} side="right" />, host);
    expect(host.querySelector('[data-item-id]')).toBeNull();
    expect(host.querySelector('[data-testid="hk-status"]')?.textContent).toMatch(/Memuat pustaka|Loading the library/);
  });
});

describe('firstView', () => {
  it('asks once at a time: changes during a question make exactly one more, whose answer is kept', async () => {
    const answers: ((v: LibraryView) => void)[] = [];
    const first = firstView(() => new Promise((resolve) => answers.push(resolve)));
    first.refresh();
    first.refresh();
    first.refresh();
    expect(answers).toHaveLength(1);
    answers[0]!(view('lama'));
    await Promise.resolve();
    await new Promise((r) => setTimeout(r, 0));
    expect(first.current()?.cards[0]?.title).toBe('lama');
    expect(answers).toHaveLength(2);
    answers[1]!(view('baru'));
    await new Promise((r) => setTimeout(r, 0));
    expect(first.current()?.cards[0]?.title).toBe('baru');
    expect(answers).toHaveLength(2);
  });

  it('keeps the last good answer when a question fails', async () => {
    let fail = false;
    const first = firstView(() => (fail ? Promise.reject(new Error('worker stopped')) : Promise.resolve(view('tetap'))));
    first.refresh();
    await new Promise((r) => setTimeout(r, 0));
    fail = true;
    first.refresh();
    await new Promise((r) => setTimeout(r, 0));
    expect(first.current()?.cards[0]?.title).toBe('tetap');
  });
});
