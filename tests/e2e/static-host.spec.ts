// A library published with `npm run library:publish` and served by a plain static host (no server
// code, no preflight answers): the extension syncs it, verifies its signature, and follows a
// withdrawal done by republishing.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPrivateKey } from '../../library/keys';
import { publishLibrary } from '../../library/publish';
import { startStaticHost } from '../support/static-host';
import { launchWithExtension, serviceWorkerOf } from '../support/launch';
import { configureExtension, expect, readStoredItems, test } from './harness';
import { DashboardPage, fixture, PopupPage, SidebarPage } from './pages';

const SAMPLE = new URL('../../library/content/', import.meta.url).pathname;
const DEV_KEY = new URL('../../library/dev-keys/', import.meta.url).pathname;
const signingKey = loadPrivateKey(readFileSync(`${DEV_KEY}dev-ed25519-private.pem`, 'utf8'));
const publicKey = readFileSync(`${DEV_KEY}dev-ed25519-public.txt`, 'utf8').trim();

/** A copy of the sample content, published signed into a site folder. */
async function publishSample(): Promise<{ content: string; out: string }> {
  const content = mkdtempSync(join(tmpdir(), 'hk-content-'));
  cpSync(SAMPLE, content, { recursive: true });
  const out = mkdtempSync(join(tmpdir(), 'hk-site-'));
  await publishLibrary(content, out, { signingKey });
  return { content, out };
}

/** Withdraws an item in the content folder and publishes again. */
async function withdrawAndRepublish(content: string, out: string, id: string): Promise<void> {
  rmSync(join(content, `items/${id}.json`));
  writeFileSync(join(content, 'removed.json'), JSON.stringify([{ id, reason: 'withdrawn', removedAt: new Date().toISOString() }]));
  await publishLibrary(content, out, { signingKey });
}

test('the extension syncs a signed static snapshot and drops an item withdrawn by republishing', async ({ context, configure }) => {
  const { content, out } = await publishSample();
  const host = await startStaticHost(out);
  try {
    await configure({ libraryUrl: host.url, publicKey });
    const page = await context.newPage();
    await page.goto('https://x.com/compose/post');
    const sidebar = new SidebarPage(page);
    await expect(sidebar.items()).toHaveCount(31);
    await expect(sidebar.item('cek-bansos-resmi').locator('img')).toHaveAttribute('src', /^data:image\/jpeg/); // the signed thumbnail
    await expect(sidebar.item('cek-bansos-resmi').locator('.hk-meta')).toContainText('Dengan gambar'); // the image itself, cached and verified

    await withdrawAndRepublish(content, out, 'cek-bansos-resmi');
    await sidebar.root.locator('[data-testid="hk-sync-now"]').click();
    await expect(sidebar.item('cek-bansos-resmi')).toHaveCount(0);
    await expect(sidebar.status()).toHaveText(/^30 konten · sinkron terakhir/);
  } finally {
    await host.close();
  }
});

test('an older signed snapshot served again after a withdrawal brings nothing back; the dashboard still flags the posts', { tag: '@hostile' }, async ({ context, configure, extensionId }) => {
  const { content, out } = await publishSample();
  const oldCopy = mkdtempSync(join(tmpdir(), 'hk-site-old-'));
  cpSync(out, oldCopy, { recursive: true }); // the exact bytes and headers of publication 1
  const host = await startStaticHost(out);
  try {
    await configure({ libraryUrl: host.url, publicKey });
    const page = await context.newPage();
    await page.goto('https://x.com/compose/post');
    const sidebar = new SidebarPage(page);
    await sidebar.insert('cek-bansos-resmi');
    await expect.poll(() => fixture.text(page)).toContain('bansos');
    await page.getByTestId('tweetButton').click();
    await expect.poll(() => fixture.posts(page)).toHaveLength(1);

    // Publication 2 withdraws the item.
    await withdrawAndRepublish(content, out, 'cek-bansos-resmi');
    await page.goto('https://x.com/compose/post');
    await sidebar.root.locator('[data-testid="hk-sync-now"]').click();
    await expect(sidebar.item('cek-bansos-resmi')).toHaveCount(0);

    // Whoever answers for the library URL serves publication 1 again, correctly signed.
    cpSync(oldCopy, out, { recursive: true });
    await sidebar.root.locator('[data-testid="hk-sync-now"]').click();
    await expect(sidebar.status()).toHaveText(/^Jawaban server lebih lama daripada pustaka yang sudah ada — diabaikan, pustaka tidak diubah\. 30 konten/);
    await expect(sidebar.item('cek-bansos-resmi')).toHaveCount(0);
    const dashboard = await DashboardPage.open(context, extensionId);
    // The follow-up names the item by its title, its id on hover.
    await expect(dashboard.byTestId('hk-withdrawn-followup')).toContainText('Cara Cek Penerima Bansos Secara Resmi');
    await expect(dashboard.byTestId('hk-withdrawn-followup').locator('[data-field="title"]')).toHaveAttribute('title', 'cek-bansos-resmi');
  } finally {
    await host.close();
  }
});

test('a library not republished for longer than the maximum age is shown as stale, also after a 304', async ({ context, configure, extensionId }) => {
  const out = mkdtempSync(join(tmpdir(), 'hk-site-'));
  await publishLibrary(SAMPLE, out, { signingKey, now: new Date(Date.now() - 8 * 86_400_000) });
  const host = await startStaticHost(out);
  try {
    await configure({ libraryUrl: host.url, publicKey });
    const popup = await PopupPage.open(context, extensionId);
    await expect(popup.byTestId('hk-status')).toContainText('Pustaka belum diperbarui sejak');
    const requests = host.requests;
    await popup.byTestId('hk-sync-now').click();
    await expect.poll(() => host.requests).toBeGreaterThan(requests); // answered 304: nothing newer
    await popup.page.reload();
    await expect(popup.byTestId('hk-status')).toContainText('Pustaka belum diperbarui sejak');
    const page = await context.newPage();
    await page.goto('https://x.com/compose/post');
    await expect(new SidebarPage(page).status()).toHaveText(/^Pustaka belum diperbarui sejak .* · 31 konten/);
  } finally {
    await host.close();
  }
});

test('an idle hour of one-minute checks against an unchanged static library: only 304 answers, no item written', async () => {
  test.setTimeout(150_000);
  const { out } = await publishSample();
  const host = await startStaticHost(out);
  // No fixture sites here: Playwright's routing would turn off the HTTP cache that sends If-None-Match.
  const { context, close } = await launchWithExtension({ fixtureSites: false });
  try {
    const serviceWorker = await serviceWorkerOf(context);
    await configureExtension(serviceWorker, { libraryUrl: host.url, publicKey });
    const items = await readStoredItems(serviceWorker);
    // The hour, shortened: the check's alarm as often as Chrome lets an unpacked extension (about once a second).
    // The first check asks for the page after the synced one (a new address, so not conditional yet); the hour starts after it.
    const synced = host.feedAnswers.length;
    await serviceWorker.evaluate(() => chrome.alarms.create('hk-news', { periodInMinutes: 0.005 }));
    await expect.poll(() => host.feedAnswers.length, { timeout: 30_000 }).toBeGreaterThan(synced);
    const before = host.feedAnswers.length;
    await expect.poll(() => host.feedAnswers.length - before, { timeout: 120_000 }).toBeGreaterThanOrEqual(60);
    await serviceWorker.evaluate(() => chrome.alarms.create('hk-news', { periodInMinutes: 1 }));
    const hour = host.feedAnswers.slice(before, before + 60);
    expect(hour.filter((a) => a.status !== 304)).toEqual([]);
    expect(await readStoredItems(serviceWorker)).toEqual(items);
  } finally {
    await close();
    await host.close();
  }
});
