// An urgent counter-hoax published on the library reaches the officer as a browser notification
// within 70 seconds, with no officer action: the one-minute check finds it, the sync brings it. The
// toolbar badge counts it until it is posted on every network the officer posts on.
import type { Page } from '@playwright/test';
import { startLibraryServer } from '../../library/server';
import type { ContentItem } from '../../utils/shared/schema';
import { expect, readPosts, readStore, test } from './harness';
import { PopupPage, SidebarPage } from './pages';
import { SITE_PAGES } from './sites';

const facebook = SITE_PAGES.find((s) => s.platform === 'facebook')!;
const x = SITE_PAGES.find((s) => s.platform === 'x')!;
const SAMPLE_URGENT = 'hoaks-bansos-link-whatsapp';

/** Sisipkan, then the site's own Post button. */
async function insertAndPost(page: Page, itemId: string, site: typeof x, notice = site.insertedNotice): Promise<void> {
  await new SidebarPage(page).insert(itemId);
  await expect(new SidebarPage(page).notice()).toHaveText(notice);
  await site.postButton(page).click();
}

const CONTENT_DIR = new URL('../../library/content/', import.meta.url).pathname;
/** The promise: an urgent item published on the library is a notification within 70 s. */
const ALERT_BUDGET_MS = 70_000;

test('an urgent item published on the library shows as a notification within 70 s, without any officer action', async ({ context, configure, serviceWorker, extensionId }) => {
  test.setTimeout(180_000);
  // Its own library: this test publishes an item the other tests' shared library must not have.
  const library = await startLibraryServer({ contentDir: CONTENT_DIR });
  try {
    await configure({ libraryUrl: library.url });
    const badge = () => serviceWorker.evaluate(() => chrome.action.getBadgeText({}));
    // The sample library's own urgent counter-hoax is on the to-do (every network, before any post)...
    await expect.poll(badge).toBe('1');
    // ...until this officer posts it on Facebook, the only network their log knows so far.
    const fb = await context.newPage();
    await fb.goto(facebook.url);
    await facebook.openComposer(fb);
    await insertAndPost(fb, SAMPLE_URGENT, facebook);
    await expect.poll(async () => (await readPosts(serviceWorker)).length).toBe(1);
    await expect.poll(badge).toBe('');
    await fb.close();

    const urgent: ContentItem = {
      id: 'hoaks-daftar-bansos-wa', version: 1, title: '[HOAKS] Pendaftaran bansos lewat WhatsApp', program: 'Klarifikasi Hoaks', tags: ['hoaks'], kind: 'klarifikasi',
      priority: 'urgent', publishedAt: new Date().toISOString(), captions: { default: 'Itu hoaks. Cek di cekbansos.kemensos.go.id.' }, hashtags: ['LawanHoaks'], media: [],
    };
    // One 70 s budget from publication to the notification, badge included; the latency annotated
    // is the one asserted (measured when the poll saw it, so at most one poll late).
    const published = Date.now();
    const left = () => Math.max(1, ALERT_BUDGET_MS - (Date.now() - published));
    library.upsert(urgent);
    await expect.poll(badge, { timeout: left() }).toBe('1');
    const notifications = () => serviceWorker.evaluate(() => chrome.notifications.getAll());
    await expect.poll(async () => Object.keys(await notifications()), { timeout: left(), intervals: [500] }).toEqual(['hk-urgent:hoaks-daftar-bansos-wa']);
    const latency = Date.now() - published;
    test.info().annotations.push({ type: 'publish-to-notification', description: `${(latency / 1000).toFixed(1)} s (budget ${ALERT_BUDGET_MS / 1000} s)` });
    expect(latency).toBeLessThanOrEqual(ALERT_BUDGET_MS);

    // What the alert's X button does (a test cannot click a system notification): the alert closes, a
    // tab is marked for the item, then X's composer opens in it. (Playwright navigates that tab: a
    // tabs.update to a routed fixture crashes the renderer of Debian's Chromium 150 here.)
    const opened = context.waitForEvent('page');
    await serviceWorker.evaluate(async (itemId) => {
      await chrome.notifications.clear(`hk-urgent:${itemId}`);
      const tab = await chrome.tabs.create({ url: 'about:blank' });
      await chrome.storage.session.set({ [`highlight:${tab.id}`]: itemId });
    }, urgent.id);
    const page = await opened;
    await page.goto('https://x.com/compose/post');
    const first = new SidebarPage(page).items().first();
    await expect(first).toHaveAttribute('data-item-id', urgent.id);
    await expect(first).toHaveAttribute('data-highlighted', 'true');

    // Posted on X: the popup marks X done and Facebook still open (no Instagram: this officer does not post there).
    // X is now a network this officer posts on, so the earlier counter-hoax is open again, for X.
    await insertAndPost(page, urgent.id, x, 'Teks sudah disisipkan.'); // the counter-hoax has no image
    await expect.poll(async () => (await readPosts(serviceWorker)).filter((e) => e.itemId === urgent.id)).toMatchObject([{ platform: 'x', secondsToPost: expect.any(Number) }]);
    const popup = await PopupPage.open(context, extensionId);
    const todoOf = (id: string) => popup.byTestId('hk-todo-item').and(popup.page.locator(`[data-item-id="${id}"]`));
    const todo = todoOf(urgent.id);
    await expect(todo.getByTestId('hk-todo-mark')).toHaveText(['X ✓', 'Facebook –']);
    await expect(todoOf(SAMPLE_URGENT).getByTestId('hk-todo-mark')).toHaveText(['X –', 'Facebook ✓']);
    await expect.poll(badge).toBe('2');

    // Dismissed with a reason: off the list and the badge, and logged.
    await todo.getByTestId('hk-todo-dismiss').click();
    await todo.getByTestId('hk-dismiss-reason').selectOption('noAccount');
    await todo.getByTestId('hk-dismiss-confirm').click();
    await expect(todo).toHaveCount(0);
    await expect.poll(badge).toBe('1');
    const dismissals = (await readStore<{ dismisses?: string }>(serviceWorker, 'log')).filter((row) => row.dismisses);
    expect(dismissals).toMatchObject([{ dismisses: urgent.id, reason: 'noAccount' }]);
  } finally {
    await library.close();
  }
});
