// The content-script side of the sidebar: every action goes to the background or to the adapter.
import { i18n } from '#i18n';
import { browser } from 'wxt/browser';
import { SIDEBAR_PAGE, type SidebarApi } from '@/components/Sidebar';
import { copyText } from './clipboard';
import { insertCard, insertReply, toFile, type InsertChoice } from './insert-flow';
import { firstView } from './first-view';
import { fetchImageNow } from './late-image';
import type { LibraryCard } from '../shared/messages';
import { LIBRARY_CHANGED, REQUEST_PORT } from '../shared/messages';
import { portRequester, type RequestPortLike } from '../shared/port-requests';
import { saveFile } from '../shared/save-file';
import type { ContentItem } from '../shared/schema';
import { sendMessage } from '../shared/send-message';
import type { SiteAdapter } from './sites';
import { isReply, type Target } from './target-composer';

const COLLAPSED_KEY = 'sidebarCollapsed';

/** What the content script holds besides the sidebar's own calls. */
export type ContentSidebarApi = SidebarApi & { say(notice: string): void; stop(): void };

/** `target` answers at each click which composer the officer works in (target-composer.ts). */
export async function createSidebarApi(adapter: SiteAdapter, target: () => Target): Promise<ContentSidebarApi> {
  const noticeListeners = new Set<(notice: string) => void>();
  const progressListeners = new Set<(itemId: string, progress: { received: number; total: number } | undefined) => void>();
  const showProgress = (itemId: string, progress: { received: number; total: number } | undefined) => progressListeners.forEach((listener) => listener(itemId, progress));
  const request = portRequester(() => browser.runtime.connect({ name: REQUEST_PORT }) as unknown as RequestPortLike, sendMessage);
  const insertInto = async (card: LibraryCard, choice: InsertChoice) => {
    const composer = target();
    if (isReply(composer)) return insertReply(adapter, composer.reply, card, choice);
    if (!composer) return i18n.t('insert.openComposer');
    return insertCard(adapter, composer, card, { say: api.say, progress: showProgress }, choice);
  };
  // One message, not the port: a feed tab that never opens a composer keeps no port to the worker.
  const first = firstView(() => sendMessage('library.query', { query: { text: '', platform: adapter.platform, limit: SIDEBAR_PAGE }, early: true }));
  first.refresh();
  const api: ContentSidebarApi = {
    say: (notice) => noticeListeners.forEach((listener) => listener(notice)),
    stop: first.stop,
    onNotice(listener) {
      noticeListeners.add(listener);
      return () => noticeListeners.delete(listener);
    },
    onProgress(listener) {
      progressListeners.add(listener);
      return () => progressListeners.delete(listener);
    },
    platform: adapter.platform,
    collapsed: (await browser.storage.local.get(COLLAPSED_KEY))[COLLAPSED_KEY] === true,
    onLibraryChanged(listener) {
      const onMessage = (message: unknown) => {
        if ((message as { type?: string })?.type === LIBRARY_CHANGED.type) listener();
      };
      browser.runtime.onMessage.addListener(onMessage);
      return () => browser.runtime.onMessage.removeListener(onMessage);
    },
    setCollapsed(value) {
      api.collapsed = value;
      void browser.storage.local.set({ [COLLAPSED_KEY]: value });
    },
    query: (text, program, kind, limit, source) =>
      request('library.query', {
        query: { text, program: program || undefined, kind: (kind || undefined) as ContentItem['kind'] | undefined, platform: adapter.platform, limit, source: source || undefined },
      }),
    firstView: first.current,
    syncNow: async () => (await sendMessage('library.syncNow', {})).status,
    insert: (card: LibraryCard, firstLine: string) => insertInto(card, { firstLine }),
    quote: (card, firstLine) => insertInto(card, { firstLine, quote: true }),
    check: (card, firstLine) => request('insert.check', { itemId: card.id, platform: adapter.platform, firstLine }),
    copy: async (card) => ((await copyText(card.text)) ? i18n.t('insert.copied') : i18n.t('insert.copyFailed')),
    download: async (card) => {
      if (card.image && !card.image.available && !(await fetchImageNow(card.id, showProgress))) return i18n.t('insert.downloadFailed');
      const file = toFile(await sendMessage('media.get', { itemId: card.id }));
      saveFile(file.name, file);
      return i18n.t('insert.downloaded');
    },
  };
  return api;
}
