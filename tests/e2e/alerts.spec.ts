// An urgent counter-hoax published on the library reaches the officer as a browser notification
// within 70 seconds, with no officer action: the one-minute check finds it, the sync brings it.
import { startLibraryServer } from '../../library/server';
import type { ContentItem } from '../../utils/shared/schema';
import { expect, test } from './harness';
import { SidebarPage } from './pages';

const CONTENT_DIR = new URL('../../library/content/', import.meta.url).pathname;

test('an urgent item published on the library shows as a notification within 70 s, without any officer action', async ({ context, configure, serviceWorker }) => {
  test.setTimeout(150_000);
  // Its own library: this test publishes an item the other tests' shared library must not have.
  const library = await startLibraryServer({ contentDir: CONTENT_DIR });
  try {
    await configure({ libraryUrl: library.url });
    const urgent: ContentItem = {
      id: 'hoaks-daftar-bansos-wa', version: 1, title: '[HOAKS] Pendaftaran bansos lewat WhatsApp', program: 'Klarifikasi Hoaks', tags: ['hoaks'], kind: 'klarifikasi',
      priority: 'urgent', publishedAt: new Date().toISOString(), captions: { default: 'Itu hoaks. Cek di cekbansos.kemensos.go.id.' }, hashtags: ['LawanHoaks'], media: [],
    };
    const published = Date.now();
    library.upsert(urgent);
    const notifications = () => serviceWorker.evaluate(() => chrome.notifications.getAll());
    await expect.poll(async () => Object.keys(await notifications()), { timeout: 70_000, intervals: [500] }).toEqual(['hk-urgent:hoaks-daftar-bansos-wa']);
    test.info().annotations.push({ type: 'publish-to-notification', description: `${Math.round((Date.now() - published) / 1000)} s` });

    // What the alert's X button does (a test cannot click a system notification): a tab, marked for the item, then X's composer.
    const opened = context.waitForEvent('page');
    await serviceWorker.evaluate(async (itemId) => {
      const tab = await chrome.tabs.create({ url: 'about:blank' });
      await chrome.storage.session.set({ [`highlight:${tab.id}`]: itemId });
      await chrome.tabs.update(tab.id!, { url: 'https://x.com/compose/post' });
    }, urgent.id);
    const page = await opened;
    const first = new SidebarPage(page).items().first();
    await expect(first).toHaveAttribute('data-item-id', urgent.id);
    await expect(first).toHaveAttribute('data-highlighted', 'true');
  } finally {
    await library.close();
  }
});
