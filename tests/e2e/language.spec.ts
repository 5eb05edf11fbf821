// The officer's language: Bahasa Indonesia by default, English when the browser is in English.
import { expect, test } from './harness';
import { DashboardPage, PopupPage, SettingsPage, SidebarPage } from './pages';

test('an Indonesian browser shows the sidebar, popup and settings in Bahasa Indonesia', async ({ context, configure, extensionId }) => {
  await configure();
  const page = await context.newPage();
  await page.goto('https://x.com/compose/post');
  const sidebar = new SidebarPage(page);
  await expect(sidebar.item('cek-bansos-resmi').locator('[data-testid="hk-insert"]')).toHaveText('Sisipkan');
  await expect(sidebar.status()).toContainText('31 konten');
  await expect(sidebar.search()).toHaveAttribute('placeholder', 'Cari konten resmi…');

  const popup = await PopupPage.open(context, extensionId);
  await expect(popup.byTestId('hk-open-settings')).toHaveText('Pengaturan');
  await expect(popup.page.locator('html')).toHaveAttribute('lang', 'id');
});

test.describe('in an English browser', () => {
  test.use({ language: 'en' });

  test('the sidebar, popup, dashboard and settings speak English, with English number formats', async ({ context, configure, extensionId }) => {
    await configure();
    const page = await context.newPage();
    await page.goto('https://x.com/compose/post');
    const sidebar = new SidebarPage(page);
    const card = sidebar.item('cek-bansos-resmi');
    await expect(card.locator('[data-testid="hk-insert"]')).toHaveText('Insert');
    await expect(card.locator('[data-testid="hk-copy"]')).toHaveText('Copy text');
    await expect(sidebar.status()).toContainText('31 items');
    await expect(sidebar.status()).toContainText('last synced');
    await expect(sidebar.root.locator('[data-testid="hk-sync-now"]')).toHaveText('Sync now');
    await card.locator('[data-testid="hk-insert"]').click();
    await expect(sidebar.notice()).toHaveText('Official text and image inserted.');

    const popup = await PopupPage.open(context, extensionId);
    await expect(popup.byTestId('hk-open-dashboard')).toHaveText('Posting log');
    await expect(popup.page.locator('html')).toHaveAttribute('lang', 'en');

    const dashboard = await DashboardPage.open(context, extensionId);
    await expect(dashboard.page).toHaveTitle('Humas Kanal posting log');
    await expect(dashboard.byTestId('hk-export-csv')).toHaveText('Export CSV');

    const settings = await SettingsPage.open(context, extensionId);
    await settings.fill({ libraryUrl: 'ftp://pustaka.example' });
    await settings.save();
    await expect(settings.error('libraryUrl')).toContainText('must use https://');
  });
});
