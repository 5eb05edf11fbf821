// Accessibility: axe-core finds no serious or critical problems in the sidebar, popup, dashboard
// and settings; the sidebar works from the keyboard alone.
import type { Page } from '@playwright/test';
import { seriousViolations } from '../support/axe';
import { expect, test } from './harness';
import { fixture, SidebarPage } from './pages';

test('sidebar, popup, dashboard and settings have no serious accessibility violations', async ({ context, configure, extensionId }) => {
  await configure();
  const page = await context.newPage();
  await page.goto('https://x.com/compose/post');
  await expect(new SidebarPage(page).items()).toHaveCount(31);
  expect(await seriousViolations(page, 'humas-kanal-sidebar')).toEqual([]);
  // Each page is checked once it has rendered what it loads (its own ready mark), not after a pause.
  const rendered: Record<string, (page: Page) => Promise<unknown>> = {
    popup: (page) => expect(page.getByTestId('hk-posts-today')).toBeVisible(),
    dashboard: (page) => page.waitForFunction(() => performance.getEntriesByName('hk-stats-ready').length > 0),
    options: (page) => expect(page.getByTestId('hk-settings-form')).not.toHaveAttribute('aria-busy', 'true'),
  };
  for (const [name, ready] of Object.entries(rendered)) {
    const extensionPage = await context.newPage();
    await extensionPage.goto(`chrome-extension://${extensionId}/${name}.html`);
    await ready(extensionPage);
    expect(await seriousViolations(extensionPage), name).toEqual([]);
  }
});

test('an officer can search and insert with the keyboard alone', async ({ context, configure }) => {
  await configure();
  const page = await context.newPage();
  await page.goto('https://x.com/compose/post');
  const sidebar = new SidebarPage(page);
  await expect(sidebar.items()).toHaveCount(31);
  await sidebar.search().focus();
  await page.keyboard.type('imunisasi');
  await expect(sidebar.items()).toHaveCount(1);
  // Tab from the search box through the filters and status to the card's first button.
  for (let i = 0; i < 8 && !(await sidebar.item('imunisasi-anak-lengkap').locator('[data-testid="hk-insert"]').evaluate((b) => b.matches(':focus'))); i++) {
    await page.keyboard.press('Tab');
  }
  await page.keyboard.press('Enter');
  await expect.poll(() => fixture.text(page)).toContain('Lindungi buah hati dengan imunisasi dasar lengkap');
});
