// README screenshots, taken from the fixtures with the built extension so they stay current:
// `npm run screenshots` writes docs/screenshots/*.png (Indonesian UI, like an officer's browser);
// `npm run screenshots -- hub` only the hub's (its demo data, on a laptop and a phone);
// `npm run screenshots -- desk` only the editorial desk's (screenshots-desk.ts).
import { mkdirSync } from 'node:fs';
import { chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { setSettings, waitForSync } from '../support/extension-tools';
import { startLibraryServer } from '../../library/server';
import { buildFixtures } from '../support/fixtures/build';
import { OFFICER, readPosts } from './harness';
import { CHROMIUM, launchWithExtension, serviceWorkerOf } from '../support/launch';
import { DEMO_PASSWORD, DEMO_TIME_ZONE, startDemoHub } from '../support/demo-hub';
import { shootDesk } from './screenshots-desk';
import { SITE_PAGES } from './sites';
import type { Platform } from '../../utils/shared/schema';

const OUT = 'docs/screenshots';
const CONTENT_DIR = new URL('../../library/content/', import.meta.url).pathname;

const sidebar = (page: Page) => page.locator('humas-kanal-sidebar');

/** Each site: open its composer, insert one item, take the picture, post (so the dashboard has entries). */
const SHOTS: Record<Platform, string> = { x: 'cek-kesehatan-gratis-2026', facebook: 'siaga-banjir-musim-hujan', instagram: 'makan-bergizi-gratis-sekolah' };

/** Waits for the sidebar's sentence after an action, and for thumbnails and previews to settle. */
async function settled(page: Page, notice: string): Promise<void> {
  await sidebar(page).locator('[data-testid="hk-notice"]').filter({ hasText: notice }).waitFor();
  await page.waitForTimeout(300);
}

async function shootSites(context: BrowserContext): Promise<void> {
  for (const site of SITE_PAGES) {
    const page = await context.newPage();
    await page.goto(site.url);
    await site.openComposer(page);
    const card = sidebar(page).locator(`[data-testid="hk-item"][data-item-id="${SHOTS[site.platform]}"]`);
    await card.locator('[data-testid="hk-insert"]').click();
    if (site.toCaptionStep) {
      // Instagram: step 1 takes the image; the caption goes in by itself at step 4.
      await settled(page, 'Gambar resmi sudah dilampirkan');
      await page.screenshot({ path: `${OUT}/instagram-step1.png` });
      await site.toCaptionStep(page);
    }
    await settled(page, site.insertedNotice);
    await page.screenshot({ path: `${OUT}/${site.toCaptionStep ? 'instagram-step4' : `sidebar-${site.platform}`}.png` });
    await site.postButton(page).click();
  }
  // Facebook as the agency's Page: "Create post" has Next, and the final Post comes in "Post settings".
  const page = await context.newPage();
  await page.goto('https://www.facebook.com/humaskotamalang');
  await page.getByRole('button', { name: 'Create post' }).click();
  await sidebar(page).locator('[data-testid="hk-item"][data-item-id="tas-siaga-bencana"] [data-testid="hk-insert"]').click();
  await settled(page, 'Teks dan gambar resmi sudah disisipkan.');
  await page.screenshot({ path: `${OUT}/facebook-page-flow.png` });
}

/** Posts are logged once the site confirms them; the dashboard reads the log when it opens. */
async function waitForLogEntries(sw: Worker, count: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if ((await readPosts(sw)).length >= count) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the log did not reach ${count} entries`);
}

/** The hub as an agency supervisor first sees it: on a laptop (charts and coverage), on a phone (the top, then the posts as cards). */
async function shootHub(): Promise<void> {
  process.env.HK_LOG_LEVEL ??= 'warn';
  const hub = await startDemoHub();
  const browser = await chromium.launch({ executablePath: CHROMIUM });
  try {
    const open = async (viewport: { width: number; height: number }) => {
      const page = await (await browser.newContext({ viewport, locale: 'id-ID', timezoneId: DEMO_TIME_ZONE })).newPage();
      await page.goto(`${hub.url}/login`);
      await page.getByTestId('hub-username').fill('pengawas-malang');
      await page.getByTestId('hub-password').fill(DEMO_PASSWORD);
      await page.getByTestId('hub-login').click();
      // Drawn: the count, the coverage's figures and the newest rows' titles.
      await page.getByTestId('hk-log-count').filter({ hasText: /^[\d.]+ entri$/ }).waitFor();
      await page.getByTestId('hub-coverage-timing').waitFor();
      await page.locator('[data-testid="hk-log-row"] [data-field="itemId"][data-titled="true"]').first().waitFor();
      return page;
    };
    const laptop = await open({ width: 1366, height: 900 });
    await laptop.screenshot({ path: `${OUT}/hub.png` });
    const phone = await open({ width: 390, height: 844 });
    await phone.screenshot({ path: `${OUT}/hub-phone.png` });
    await phone.locator('.hk-table').evaluate((table) => window.scrollTo(0, table.getBoundingClientRect().top + window.scrollY - 8));
    await phone.screenshot({ path: `${OUT}/hub-phone-posts.png` });
  } finally {
    await browser.close();
    await hub.close();
  }
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  if (process.argv[2] === 'hub') {
    await shootHub();
    console.log(`Hub screenshots written to ${OUT}/`);
    return;
  }
  if (process.argv[2] === 'desk') {
    await shootDesk(OUT);
    console.log(`Desk screenshots written to ${OUT}/`);
    return;
  }
  await buildFixtures();
  const library = await startLibraryServer({ contentDir: CONTENT_DIR });
  const { context, close } = await launchWithExtension();
  try {
    const sw = await serviceWorkerOf(context);
    await setSettings(sw, { libraryUrl: library.url, ...OFFICER });
    await waitForSync(sw, library.url);
    await shootSites(context);

    await waitForLogEntries(sw, 3);
    const extension = `chrome-extension://${new URL(sw.url()).host}`;
    const dashboard = await context.newPage();
    await dashboard.goto(`${extension}/dashboard.html`);
    await dashboard.locator('[data-testid="hk-log-row"]').nth(2).waitFor();
    await dashboard.screenshot({ path: `${OUT}/dashboard.png`, fullPage: true });

    const popup = await context.newPage();
    await popup.setViewportSize({ width: 360, height: 420 });
    await popup.goto(`${extension}/popup.html`);
    await popup.getByTestId('hk-posts-today').waitFor();
    await popup.screenshot({ path: `${OUT}/popup.png` });
    await shootHub();
    await shootDesk(OUT);
    console.log(`Screenshots written to ${OUT}/`);
  } finally {
    await close();
    await library.close();
  }
}

await main();
