// @vitest-environment happy-dom
// The content script's side of drift reports: an insertion that fails its verification, or an image
// the site never shows, is reported to the background with the network, the step and the page's
// path — never the page's query, never its content.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const sent: { type: string; req: unknown }[] = [];
vi.mock('../../utils/shared/send-message', () => ({
  sendMessage: vi.fn(async (type: string, req: unknown) => {
    sent.push({ type, req });
    if (type === 'insert.prepare') return { token: 't-1', text: 'Teks resmi dari pustaka', file: { name: 'a.png', mime: 'image/png', blob: new Blob([new Uint8Array([1])], { type: 'image/png' }) } };
    return { queued: true };
  }),
}));
vi.mock('../../utils/content/site-image', () => ({ siteReadyImage: async (file: File) => file }));

const { insertCard } = await import('../../utils/content/insert-flow');
const { reportSiteProblem } = await import('../../utils/content/site-problem-report');
import type { Composer, SiteAdapter } from '../../utils/content/sites';
import type { LibraryCard } from '../../utils/shared/messages';

const reports = () => sent.filter((m) => m.type === 'siteProblem.report').map((m) => m.req);
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('drift reports from the content script', () => {
  beforeEach(() => {
    sent.length = 0;
    history.replaceState({}, '', '/compose/post?text=rahasia#x');
  });

  it('says the network, the step and the path only', async () => {
    reportSiteProblem('x', 'composer');
    await settle();
    expect(reports()).toEqual([{ network: 'x', step: 'composer', path: '/compose/post' }]);
  });

  it('reports a text insertion that fails its verification and an image the site never showed', async () => {
    document.body.innerHTML = '<form><div contenteditable="true"></div><button>Post</button></form>';
    const root = document.querySelector('form')!;
    const composer: Composer = { root, editor: root.querySelector('div')! };
    const adapter = {
      platform: 'facebook',
      editorSelector: '[contenteditable]',
      composerFor: () => composer,
      readText: () => '',
      insertText: async () => false,
      attachFile: async () => false,
      postButton: () => root.querySelector('button'),
    } as unknown as SiteAdapter;
    const card = { id: 'item', title: 'x' } as LibraryCard;
    await insertCard(adapter, composer, card);
    await settle();
    expect(reports()).toEqual([
      { network: 'facebook', step: 'media', path: '/compose/post' },
      { network: 'facebook', step: 'text', path: '/compose/post' },
    ]);
    // Nothing of the page or the text travels with them.
    expect(JSON.stringify(reports())).not.toContain('Teks resmi');
  });
});
