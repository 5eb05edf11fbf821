// The Firefox build (MV2) in a real Firefox: Debian's Firefox ESR driven over WebDriver BiDi with
// puppeteer-core (Playwright drives only its own patched Firefox). BiDi cannot open moz-extension
// pages, so settings come the way an agency deploys them: managed storage (Firefox reads it from
// ~/.mozilla/managed-storage/<id>.json), with the build's default library http://127.0.0.1:8787.
// The fixture sites are served by request interception at their real URLs, as in the Chromium tests.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import { startLibraryServer, type LibraryServer } from '../../library/server';
import { expect, test } from '@playwright/test';
import { fixtureResponse } from '../support/launch';
import { servedSampleImage } from '../support/sample-media';
import type { FixtureWindow } from './pages';

const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const BUILD = resolve('.output/firefox-mv2');
const CONTENT_DIR = new URL('../../library/content/', import.meta.url).pathname;
const EXTENSION_ID = 'humas-kanal@komdigi.go.id';
const POLICY = { officerName: 'Sari Dewi', agency: 'Diskominfo Kota Malang', region: 'Kota Malang', reportUrl: 'http://127.0.0.1:8787' };

/** A home directory whose managed-storage manifest sets the extension's policy, as IT would. */
function homeWithPolicy(): string {
  const home = mkdtempSync(join(tmpdir(), 'hk-firefox-home-'));
  mkdirSync(join(home, '.mozilla/managed-storage'), { recursive: true });
  writeFileSync(join(home, `.mozilla/managed-storage/${EXTENSION_ID}.json`), JSON.stringify({ name: EXTENSION_ID, description: 'Humas Kanal policy', type: 'storage', data: POLICY }));
  return home;
}

async function sidebarElement(page: Page, selector: string): Promise<ElementHandle<Element>> {
  const handle = await page.waitForFunction(
    (sel) => document.querySelector('humas-kanal-sidebar')?.shadowRoot?.querySelector(sel) ?? false,
    { timeout: 20_000 },
    selector,
  );
  return handle as ElementHandle<Element>;
}

async function serveFixtureSites(page: Page): Promise<void> {
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const answer = fixtureResponse(new URL(request.url()));
    // A request the page already dropped (a navigation, a closed tab) cannot be answered: not an error here.
    const gone = () => undefined;
    if (answer === 'continue') void request.continue().catch(gone);
    else if (answer === 'abort') void request.abort().catch(gone);
    else void request.respond({ status: answer.status ?? 200, contentType: answer.contentType, body: answer.body }).catch(gone);
  });
}

test('Firefox: the MV2 build takes its policy, syncs, inserts text and image into Draft.js, and logs and reports the post', async () => {
  test.setTimeout(90_000);
  expect(existsSync(`${BUILD}/manifest.json`), 'build it first: npm run build:firefox:dev (npm test does)').toBe(true);
  expect(existsSync(FIREFOX), `Firefox ESR at ${FIREFOX} (apt-get install firefox-esr; .ci/run does)`).toBe(true);
  let library: LibraryServer | undefined;
  let browser: Browser | undefined;
  const home = homeWithPolicy();
  try {
    library = await startLibraryServer({ contentDir: CONTENT_DIR, port: 8787 });
    browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true, env: { ...process.env, HOME: home } });
    expect(await browser.installExtension(BUILD)).toBe(EXTENSION_ID);
    const page = await browser.newPage();
    await serveFixtureSites(page);
    await page.goto('https://x.com/compose/post');

    const status = await sidebarElement(page, '[data-testid="hk-status"]');
    // Debian's Firefox ESR speaks English (no Indonesian language pack): so does the extension.
    await page.waitForFunction((el) => /^31 items · last synced /.test(el.textContent ?? ''), { timeout: 20_000 }, status).catch(async (err) => {
      throw new Error(`status: ${await status.evaluate((el) => el.textContent)}; ${err}`);
    });
    const insert = await sidebarElement(page, '[data-testid="hk-item"][data-item-id="cek-kesehatan-gratis-2026"] [data-testid="hk-insert"]');
    await insert.click();
    await page.waitForFunction(() => (window as unknown as FixtureWindow).__fixture.text().startsWith('Cek Kesehatan Gratis (CKG)'), { timeout: 10_000 });
    const text = await page.evaluate(() => (window as unknown as FixtureWindow).__fixture.text());
    expect(text).toContain('Warga Kota Malang, yuk cek kesehatan!'); // {daerah} from the policy
    expect(text).toContain('#CekKesehatanGratis #IndonesiaSehat\nhttps://www.kemkes.go.id/cek-kesehatan-gratis');
    const notice = await sidebarElement(page, '[data-testid="hk-notice"]');
    await page.waitForFunction((el) => el.textContent === 'Official text and image inserted.', {}, notice);
    const files = await page.evaluate(() => (window as unknown as FixtureWindow).__fixture.files());
    expect(files).toEqual([expect.objectContaining({ name: 'cek-kesehatan-gratis-2026-1.jpg', sha256: (await servedSampleImage('cek-kesehatan-gratis-2026')).sha256 })]);

    await (await page.waitForSelector('[data-testid="tweetButton"]'))!.click();
    await page.waitForFunction(() => (window as unknown as FixtureWindow).__fixture.posts.length === 1);

    // The background logged the post, then X's confirmation and the post's address as updates, and
    // sent all three to the policy's report server.
    await expect.poll(() => library!.reports.size, { timeout: 20_000 }).toBe(3);
    const [entry, ...updates] = [...library.reports.values()] as Record<string, unknown>[];
    expect(entry).toMatchObject({ platform: 'x', itemId: 'cek-kesehatan-gratis-2026', text, edited: false, status: 'unconfirmed', officerName: POLICY.officerName, agency: POLICY.agency });
    expect(updates).toEqual([
      expect.objectContaining({ updates: entry!.id, status: 'confirmed' }),
      expect.objectContaining({ updates: entry!.id, postUrl: 'https://x.com/humas_malang/status/1001' }),
    ]);
  } finally {
    await browser?.close();
    await library?.close();
    rmSync(home, { recursive: true, force: true });
  }
});
