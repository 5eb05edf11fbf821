// Site hints end to end (issue 33): X ships new markup (the fixture's `?redesign`: new test ids), so
// /compose/post falls back to copy mode; the library then publishes a signed site hint naming the new
// editor and Post button, and at the next one-minute check the open page recognises the composer and
// Sisipkan inserts — the same build, no reload. The library is a small signed server of this test
// (feed v1.2: since, sequence, issuedAt; Ed25519 over the exact body), not the dev server.
// Meta Business Suite takes its hints under its own network id (`business-suite`): its markup is not
// facebook.com's, so Facebook's hints never apply there.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { loadPrivateKey, signatureHeader } from '../../library/keys';
import { expect, readPosts, test } from './harness';
import { fixture, SidebarPage } from './pages';

const DEV_KEY = new URL('../../library/dev-keys/', import.meta.url).pathname;
const signingKey = loadPrivateKey(readFileSync(`${DEV_KEY}dev-ed25519-private.pem`, 'utf8'));
const publicKey = readFileSync(`${DEV_KEY}dev-ed25519-public.txt`, 'utf8').trim();


const ITEM = {
  id: 'jadwal-posyandu', version: 1, title: 'Jadwal posyandu bulan ini', program: 'Kesehatan', tags: [], kind: 'berita', priority: 'normal',
  publishedAt: new Date(Date.now() - 3_600_000).toISOString(), captions: { default: 'Jadwal posyandu bulan ini sudah terbit.' }, hashtags: [], media: [],
};

/** One publication at a time: `publish(hints)` makes the next one (sequence + 1), carrying those hints. */
async function startSignedLibrary() {
  let sequence = 1;
  let siteHints: unknown;
  const asked: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://library');
    const cors = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': 'ETag, X-Library-Signature' };
    if (url.pathname !== '/v1/feed') return void res.writeHead(404, cors).end();
    const since = url.searchParams.get('since') ?? '';
    asked.push(since);
    const cursor = `p${sequence}`;
    const page = {
      schema: 1, publisher: 'Kementerian Komunikasi dan Digital', cursor, hasMore: false, since, sequence, issuedAt: new Date().toISOString(),
      items: since === cursor ? [] : [ITEM], removed: [], ...(siteHints === undefined ? {} : { siteHints }),
    };
    const body = Buffer.from(JSON.stringify(page));
    res.writeHead(200, { ...cors, 'Content-Type': 'application/json', 'Cache-Control': 'no-cache', 'X-Library-Signature': signatureHeader(signingKey, body) }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    asked,
    publish(hints: unknown) {
      sequence++;
      siteHints = hints;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

test('a signed site hint naming X’s new test ids reaches an open compose page at the next one-minute check: recognised, and Sisipkan inserts', async ({ context, configure, serviceWorker }) => {
  test.setTimeout(120_000);
  const library = await startSignedLibrary();
  try {
    await configure({ libraryUrl: library.url, publicKey });
    const page = await context.newPage();
    await page.goto('https://x.com/compose/post?redesign');
    const sidebar = new SidebarPage(page);
    await expect(sidebar.root.locator('[data-testid="hk-degraded"]')).toContainText('Kotak tulis situs ini tidak dikenali');
    await expect(sidebar.root.locator('[data-testid="hk-insert"]')).toHaveCount(0);

    // An invalid section first (a class name): ignored as a whole, the page stays in copy mode.
    library.publish({ x: { editor: ['.public-DraftEditor-content'] } });
    const checks = library.asked.length;
    await serviceWorker.evaluate(() => (globalThis as unknown as { chrome: { alarms: { create(n: string, i: object): void } } }).chrome.alarms.create('hk-news', { periodInMinutes: 0.005 }));
    await expect.poll(() => library.asked.length, { timeout: 30_000 }).toBeGreaterThan(checks);
    await expect(sidebar.status()).toContainText('Petunjuk situs dari pustaka diabaikan karena tidak valid (x.editor.0: selector)', { timeout: 30_000 });
    await expect(sidebar.root.locator('[data-testid="hk-degraded"]')).toBeVisible();

    // The bridge: the new editor and Post button by their test ids, signed with the library.
    library.publish({ x: { editor: ['[data-testid="postComposer_body"]'], postButton: ['[data-testid="postComposer_submit"]'] } });
    await expect(sidebar.root.locator('[data-testid="hk-degraded"]')).toHaveCount(0, { timeout: 30_000 });
    await serviceWorker.evaluate(() => (globalThis as unknown as { chrome: { alarms: { create(n: string, i: object): void } } }).chrome.alarms.create('hk-news', { periodInMinutes: 1 }));
    await sidebar.insert(ITEM.id);
    await expect.poll(() => fixture.text(page)).toBe(ITEM.captions.default);
    await page.getByTestId('postComposer_submit').click();
    await expect.poll(() => fixture.posts(page)).toHaveLength(1);
  } finally {
    await library.close();
  }
});

/** The next one-minute check, now (then the usual period again once `done` runs). */
async function checkSoon(serviceWorker: import('@playwright/test').Worker, periodInMinutes: number) {
  await serviceWorker.evaluate((period) => (globalThis as unknown as { chrome: { alarms: { create(n: string, i: object): void } } }).chrome.alarms.create('hk-news', { periodInMinutes: period }), periodInMinutes);
}

test('Meta Business Suite takes hints under `business-suite`: Facebook\'s hints leave its redesigned composer in copy mode; a business-suite hint naming the new caption box and submit button → recognised, Sisipkan inserts, the click is logged', async ({ context, configure, serviceWorker }) => {
  test.setTimeout(120_000);
  const redesigned = { editor: ['[data-lexical-editor="true"][aria-label="Write something for your post"]'], postButton: ['[data-testid="composer-submit"]'] };
  const library = await startSignedLibrary();
  try {
    library.publish({ facebook: redesigned });
    await configure({ libraryUrl: library.url, publicKey });
    const page = await context.newPage();
    await page.goto('https://business.facebook.com/latest/composer/?asset_id=1&redesign');
    const sidebar = new SidebarPage(page);
    const degraded = sidebar.root.locator('[data-testid="hk-degraded"]');
    await expect(degraded).toContainText('Kotak tulis situs ini tidak dikenali');

    library.publish({ facebook: redesigned, 'business-suite': redesigned });
    await checkSoon(serviceWorker, 0.005);
    await expect(degraded).toHaveCount(0, { timeout: 30_000 });
    await checkSoon(serviceWorker, 1);
    // This item has no image: the Page alone (Instagram needs one).
    await page.getByRole('checkbox', { name: /^Instagram/ }).click();
    await sidebar.insert(ITEM.id);
    await expect.poll(() => fixture.text(page)).toBe(ITEM.captions.default);
    await page.getByTestId('composer-submit').click();
    await expect.poll(() => fixture.posts(page)).toHaveLength(1);
    await expect.poll(() => readPosts(serviceWorker)).toMatchObject([{ platform: 'facebook', itemId: ITEM.id, account: 'Humas Kota Malang', status: 'confirmed' }]);
  } finally {
    await library.close();
  }
});
