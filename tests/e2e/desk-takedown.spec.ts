// The desk's loops with the officers, in Chromium against a hub on PGlite: an officer follows the
// desk's signed library (served by the hub), posts an item on X; the desk withdraws it with a reason
// → the officer's popup asks "Hapus postingan ini" with the link to her own post (and a browser
// notification), she confirms "Sudah dihapus", and the hub's follow-up shows the post, titled, as
// confirmed removed. Then she reports a local hoax with a screenshot from the popup and it appears
// in the desk's inbox with her name, agency and time.
import type { Browser, BrowserContext, Worker } from '@playwright/test';
import { chromium } from '@playwright/test';
import sharp from 'sharp';
import { deskApiAs, signInToHub } from '../support/desk-session';
import { CHROMIUM } from '../support/launch';
import { configureExtension, expect, readPosts, test } from './harness';
import { fixture, PopupPage, SidebarPage } from './pages';
import { SITE_PAGES } from './sites';
import type { RunningHub } from '../../hub/server';
import { DESK_PASSWORD, startDeskHub, type DeskHub } from '../support/desk-hub';

const TOKEN = 'token-laporan-diskominfo-malang';
const TITLE = 'Jadwal Vaksinasi Lansia Kota Malang';
let deskHub: DeskHub;
let hub: RunningHub;
let publicKey: string;
let browser: Browser;

test.beforeAll(async () => {
  deskHub = await startDeskHub('desk-takedown', { agencies: [{ id: 'kominfo-malang', name: 'Diskominfo Kota Malang', token: TOKEN }] });
  hub = deskHub.hub;
  publicKey = deskHub.libraries.nasional!.publicKey;
  browser = await chromium.launch({ executablePath: CHROMIUM });
});
test.afterAll(async () => {
  await browser?.close();
  await deskHub?.close();
});

const deskAs = (username: string) => deskApiAs(hub.url, username, DESK_PASSWORD);
const signIn = (path: '/desk' | '/login', username: string) => signInToHub(browser, hub.url, path, username, DESK_PASSWORD);

/** Sari follows the desk's library (signed with its key), reports to the hub, and posts the item on X. */
async function postOnX(context: BrowserContext, serviceWorker: Worker, itemId: string): Promise<{ id: string; latest: { postUrl: string } }> {
  await configureExtension(serviceWorker, { libraryUrl: `${hub.url}/library/nasional`, publicKey, reportUrl: hub.url, reportToken: TOKEN });
  const x = SITE_PAGES.find((s) => s.platform === 'x')!;
  const page = await context.newPage();
  await page.goto(x.url);
  await x.openComposer(page);
  await new SidebarPage(page).insert(itemId);
  await expect.poll(() => fixture.text(page)).toContain('Vaksinasi lansia di puskesmas terdekat');
  await x.postButton(page).click();
  await expect.poll(async () => (await readPosts<{ latest?: { postUrl?: string } }>(serviceWorker))[0]?.latest?.postUrl, { timeout: 20_000 }).toMatch(/^https:\/\/x\.com\//);
  const [post] = await readPosts<{ id: string; latest: { postUrl: string } }>(serviceWorker);
  return post!;
}

test('withdrawn → the officer is asked to delete her post, with its link; "Sudah dihapus" → the hub shows it confirmed removed; her hoax report reaches the desk inbox', async ({ context, serviceWorker, extensionId }) => {
  test.setTimeout(180_000);
  const editor = await deskAs('editor');
  const approver = await deskAs('penyetuju');
  const content = { title: TITLE, program: 'Kesehatan', kind: 'berita', priority: 'normal', tags: [], captions: { default: 'Vaksinasi lansia di puskesmas terdekat, Senin–Jumat.' }, hashtags: ['VaksinLansia'], media: [] };
  const { id: itemId } = await editor('/items', { content });
  await editor(`/items/${itemId}/submit`);
  await approver(`/items/${itemId}/approve`);

  // Sari follows the desk's library, signed with its key, and reports to the hub.
  const post = await postOnX(context, serviceWorker, itemId);
  await expect.poll(() => hub.db.query("SELECT id, post_url FROM entries WHERE kind = 'post'"), { timeout: 30_000 }).toEqual([{ id: post.id, post_url: post.latest.postUrl }]);

  await approver(`/items/${itemId}/withdraw`, { reason: 'Jadwal berubah' });
  const popup = await PopupPage.open(context, extensionId);
  await popup.byTestId('hk-sync-now').click();
  const request = popup.page.locator(`[data-testid="hk-takedown-request"][data-post-id="${post.id}"]`);
  await expect(request).toContainText(TITLE);
  await expect(request.getByTestId('hk-takedown-link')).toHaveText('Hapus postingan ini');
  await expect(request.getByTestId('hk-takedown-link')).toHaveAttribute('href', post.latest.postUrl);
  // A browser notification too, once for the item.
  await expect.poll(async () => Object.keys(await serviceWorker.evaluate(() => chrome.notifications.getAll()))).toContain(`hk-takedown:${itemId}`);
  // The hub hears that she was asked (a signed entry), before she answers.
  await expect.poll(() => hub.db.query('SELECT takedown FROM entries WHERE id = $1', [post.id]), { timeout: 30_000 }).toEqual([{ takedown: 'asked' }]);

  await request.getByTestId('hk-takedown-removed').click();
  await expect(request.getByTestId('hk-takedown-answer')).toHaveText('Sudah dihapus');

  const supervisor = await signIn('/login', 'penyetuju');
  const followUp = supervisor.getByTestId('hk-withdrawn-followup');
  const row = followUp.locator(`li[data-log-id="${post.id}"]`);
  await expect(async () => {
    await supervisor.reload();
    await expect(row.getByTestId('hk-takedown-status')).toHaveAttribute('data-status', 'removed', { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(row.getByTestId('hk-takedown-status')).toHaveText('Dikonfirmasi sudah dihapus');
  await expect(row.locator('[data-field="title"]')).toHaveText(TITLE);
  await expect(row.locator('[data-field="title"]')).toHaveAttribute('title', itemId);
  await expect(row).toContainText('Sari Dewi');

  // A local hoax, with a screenshot, from the popup.
  const screenshot = await sharp({ create: { width: 320, height: 200, channels: 3, background: '#c0392b' } }).png().toBuffer();
  await popup.byTestId('hk-suggest-open').click();
  await popup.byTestId('hk-suggest-kind').selectOption('hoax');
  await popup.byTestId('hk-suggest-text').fill('Beredar pesan WhatsApp: vaksin lansia berbayar Rp50.000 di Kec. Klojen. Tidak benar?');
  await popup.byTestId('hk-suggest-link').fill('https://example.org/pesan-berantai');
  await popup.byTestId('hk-suggest-file').setInputFiles({ name: 'tangkapan.png', mimeType: 'image/png', buffer: screenshot });
  await popup.byTestId('hk-suggest-send').click();
  await expect(popup.byTestId('hk-suggest-result')).toHaveText('Terkirim ke meja redaksi');

  const desk = await signIn('/desk', 'editor');
  const report = desk.getByTestId('desk-inbox-row');
  await expect(report).toHaveCount(1);
  await expect(report).toHaveAttribute('data-kind', 'hoax');
  await expect(report.getByTestId('desk-inbox-text')).toHaveText('Beredar pesan WhatsApp: vaksin lansia berbayar Rp50.000 di Kec. Klojen. Tidak benar?');
  await expect(report.getByTestId('desk-inbox-from')).toContainText('Sari Dewi (Diskominfo Kota Malang)');
  await expect(report.getByTestId('desk-inbox-link')).toHaveAttribute('href', 'https://example.org/pesan-berantai');
  await expect(report.getByTestId('desk-inbox-screenshot')).toHaveJSProperty('naturalWidth', 320);
});

test('a correction that asks for it: the officer who posted the old version is asked to delete it, marked corrected', async ({ context, serviceWorker, extensionId }) => {
  test.setTimeout(120_000);
  const editor = await deskAs('editor');
  const approver = await deskAs('penyetuju');
  const content = { title: 'Vaksinasi Lansia Hari Senin', program: 'Kesehatan', kind: 'berita', priority: 'normal', tags: [], captions: { default: 'Vaksinasi lansia di puskesmas terdekat, Senin.' }, hashtags: [], media: [] };
  const { id: itemId } = await editor('/items', { content });
  await editor(`/items/${itemId}/submit`);
  await approver(`/items/${itemId}/approve`);
  const post = await postOnX(context, serviceWorker, itemId);

  // The editor corrects the day in the desk and asks officers to delete their posts of the old version.
  const desk = await signIn('/desk', 'editor');
  await desk.locator(`[data-testid="desk-state-published"] [data-testid="desk-item"][data-item-id="${itemId}"]`).getByTestId('desk-correct').click();
  await desk.getByTestId('desk-caption-default').fill('Vaksinasi lansia di puskesmas terdekat, Selasa (bukan Senin).');
  await desk.getByTestId('desk-ask-takedown').check();
  await desk.getByTestId('desk-reason').fill('Hari salah');
  await desk.getByTestId('desk-submit').click();
  await expect(desk.locator(`[data-testid="desk-state-review"] [data-testid="desk-item"][data-item-id="${itemId}"]`)).toHaveCount(1);
  await approver(`/items/${itemId}/approve`);

  const popup = await PopupPage.open(context, extensionId);
  await popup.byTestId('hk-sync-now').click();
  const request = popup.page.locator(`[data-testid="hk-takedown-request"][data-post-id="${post.id}"]`);
  await expect(request).toContainText('(dikoreksi; versi lama perlu dihapus)');
  await expect(request.getByTestId('hk-takedown-link')).toHaveAttribute('href', post.latest.postUrl);
  await request.getByTestId('hk-takedown-refuse').click();
  await request.getByTestId('hk-takedown-reason').fill('Sudah diralat di utas');
  await request.getByTestId('hk-takedown-send-reason').click();
  await expect(request.getByTestId('hk-takedown-answer')).toHaveText('Tidak dihapus: Sudah diralat di utas');
  await expect.poll(() => hub.db.query('SELECT takedown, takedown_note FROM entries WHERE id = $1', [post.id]), { timeout: 30_000 }).toEqual([{ takedown: 'refused', takedown_note: 'Sudah diralat di utas' }]);
});
