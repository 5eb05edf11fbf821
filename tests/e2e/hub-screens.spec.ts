// The hub's screens as supervisors read them, on a laptop (1366 × 900) and a phone (390 × 844):
// item titles rather than ids (the id on hover), every day of the last 30 in the per-day chart,
// charts and coverage on the first screen, no sideways scrolling on the phone, and no serious
// accessibility problems.
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import type { RunningHub } from '../../hub/server';
import { seriousViolations } from '../support/axe';
import { DEMO_PASSWORD, DEMO_TIME_ZONE, demoDay, HISTORY, startDemoHub, UNKNOWN_ITEM } from '../support/demo-hub';
import { CHROMIUM } from '../support/launch';

const URGENT = { id: 'hoaks-bansos-whatsapp', title: '[HOAKS] Pendaftaran bansos lewat WhatsApp' };
const TITLES: Record<string, string> = {
  [URGENT.id]: URGENT.title,
  'vaksinasi-lansia': 'Vaksinasi lansia gratis di puskesmas',
  'makan-bergizi-gratis': 'Makan Bergizi Gratis untuk siswa SD',
  'pajak-kendaraan-diskon': 'Diskon pajak kendaraan bulan ini',
};

let hub: RunningHub;
let browser: Browser;
const now = Date.now();

test.beforeAll(async () => {
  hub = await startDemoHub(now);
  browser = await chromium.launch({ executablePath: CHROMIUM });
});
test.afterAll(async () => {
  await browser?.close();
  await hub?.close();
});

async function signIn(viewport: { width: number; height: number }, username = 'pengawas-malang'): Promise<Page> {
  const context = await browser.newContext({ viewport, timezoneId: DEMO_TIME_ZONE, locale: 'id-ID' });
  const page = await context.newPage();
  await page.goto(`${hub.url}/login`);
  await page.getByTestId('hub-username').fill(username);
  await page.getByTestId('hub-password').fill(DEMO_PASSWORD);
  await page.getByTestId('hub-login').click();
  await expect(page.getByTestId('hub-scope')).toContainText(username);
  await expect(page.getByTestId('hk-log-count')).toHaveText(/^[\d.]+ entri$/);
  return page;
}

/** Every row in view shows its item's title (then a withdrawn flag, if any), the id on hover; an item the hub never read shows its id. */
async function expectTitledRows(page: Page): Promise<void> {
  const cells = page.locator('[data-testid="hk-log-row"] [data-field="itemId"]');
  await expect(cells.first()).toBeVisible();
  // The rows come newest first: scroll the table to its end for the oldest (the unknown item's) post.
  await page.locator('.hk-scroll').evaluate((box) => box.scrollTo(0, box.scrollHeight));
  await expect(page.locator(`[data-testid="hk-log-row"] [data-field="itemId"][data-value="${UNKNOWN_ITEM}"]`)).toHaveText(UNKNOWN_ITEM);
  const shown = await cells.evaluateAll((list) => list.map((cell) => ({ id: cell.getAttribute('data-value')!, text: cell.firstChild?.textContent, hover: cell.getAttribute('title') })));
  expect(shown.length).toBeGreaterThan(3);
  for (const cell of shown) expect(cell).toEqual({ id: cell.id, text: TITLES[cell.id] ?? UNKNOWN_ITEM, hover: cell.id });
  await page.locator('.hk-scroll').evaluate((box) => box.scrollTo(0, 0));
  const urgent = page.locator(`[data-testid="hk-log-row"] [data-field="itemId"][data-value="${URGENT.id}"]`).first();
  await expect(urgent).toHaveText(URGENT.title);
  await expect(urgent).toHaveAttribute('title', URGENT.id);
}

test('on a laptop: titles in the posts table and coverage, 30 days in the chart, charts and coverage on the first screen', async () => {
  test.setTimeout(90_000);
  const page = await signIn({ width: 1366, height: 900 });
  await expectTitledRows(page);

  // The coverage picker names the item by its title, the urgent one first.
  const picker = page.getByTestId('hub-coverage-item');
  await expect(picker).toHaveValue(URGENT.id);
  await expect(picker.locator('option:checked')).toHaveText(`MENDESAK · ${URGENT.title}`);
  await expect(picker.locator('option:checked')).toHaveAttribute('title', URGENT.id);

  // Posts per day: one bar for each of the last 30 days (in the hub's zone), zero days included.
  const bars = page.getByTestId('hk-chart-per-day').locator('[data-day]');
  await expect(bars).toHaveCount(30);
  const days = Array.from({ length: 30 }, (_, i) => demoDay(now - (29 - i) * 86_400_000));
  await expect.poll(() => bars.evaluateAll((list) => list.map((bar) => bar.getAttribute('data-day')))).toEqual(days);
  for (const [daysAgo, posts] of Object.entries(HISTORY)) {
    await expect(bars.nth(29 - Number(daysAgo))).toHaveAttribute('data-posts', String(posts));
  }
  await expect(page.getByTestId('hk-chart-per-day').locator('[data-posts="0"]')).not.toHaveCount(0);

  // On the first screen, before any scrolling: the three charts and the coverage summary.
  await expect(page.getByTestId('hub-coverage-summary')).toContainText('posting oleh');
  expect(await page.evaluate(() => document.scrollingElement!.scrollTop)).toBe(0);
  for (const figure of await page.locator('.hk-charts figure').all()) await expect(figure).toBeInViewport({ ratio: 1 });
  await expect(page.getByTestId('hub-coverage-summary')).toBeInViewport({ ratio: 1 });

  expect(await seriousViolations(page)).toEqual([]);
});

for (const username of ['pengawas-malang', 'nasional']) {
  test(`on a phone (${username}): cards with titles, nothing wider than the screen`, async () => {
    test.setTimeout(90_000);
    const page = await signIn({ width: 390, height: 844 }, username);
    await expectTitledRows(page);
    // Cards: no column headers in a row, the title spanning the card's width.
    await expect(page.locator('.hk-table .hk-head')).toBeHidden();
    const card = page.getByTestId('hk-log-row').first();
    const title = card.locator('[data-field="itemId"]');
    expect((await title.boundingBox())!.width).toBeGreaterThan(0.8 * (await card.boundingBox())!.width);
    await expect(page.getByTestId('hk-chart-per-day').locator('[data-day]')).toHaveCount(30);
    if (username === 'nasional') {
      // Per-agency totals name their day as people write it, not as ISO.
      const day = page.getByTestId('hub-agency-totals').locator('td[data-day]').first();
      await expect(day).toBeVisible();
      const iso = (await day.getAttribute('data-day'))!;
      await expect(day).toHaveText(new Intl.DateTimeFormat('id-ID', { dateStyle: 'medium' }).format(new Date(`${iso}T12:00:00`)));
    }
    // Nothing wider than the phone, once every section has drawn what it loads: the page never scrolls sideways.
    await expect(page.getByTestId('hub-install').first()).toBeAttached();
    await expect(page.getByTestId('hub-coverage-timing')).toBeAttached();
    const widths = await page.evaluate(() => ({ scroll: document.scrollingElement!.scrollWidth, client: document.scrollingElement!.clientWidth }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    // Devices as cards too (one block per install, each value under its column's name).
    expect(await page.getByTestId('hub-install').first().evaluate((row) => getComputedStyle(row).display)).toBe('block');
    expect(await seriousViolations(page)).toEqual([]);
  });
}
