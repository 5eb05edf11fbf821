// Instagram's create flow wherever the site mounts its dialog, in both interface languages: step 1
// found and given the image (the dialog's own file input, crop set to Original), an image still
// downloading on a fresh profile, Escape's "Discard post?", and a reel (caption only).
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startLibraryServer } from '../../library/server';
import { pendingImages, setSettings, waitForSync } from '../support/extension-tools';
import { servedSampleImage } from '../support/sample-media';
import { expect, OFFICER, readPosts, readStore, test } from './harness';
import { fixture, SidebarPage } from './pages';
import { expectedInsert } from './sites';

const ITEM = 'tas-siaga-bencana';
const CONTENT = new URL('../../library/content/', import.meta.url).pathname;
const ATTACHED = 'Gambar resmi sudah dilampirkan utuh (potongan: Asli). Keterangannya akan disisipkan otomatis saat langkah keterangan muncul (tekan Berikutnya).';
const CAPTION_IN = 'Keterangan resmi sudah disisipkan; gambarnya sudah dilampirkan di langkah pertama.';

const words = (lang: 'en' | 'id') =>
  lang === 'id'
    ? { newPost: 'Postingan baru', post: 'Postingan', next: 'Berikutnya', share: 'Bagikan', shared: 'Postingan Anda telah dibagikan.', discard: 'Buang' }
    : { newPost: 'New post', post: 'Post', next: 'Next', share: 'Share', shared: 'Your post has been shared.', discard: 'Discard' };

async function openCreate(page: Page, lang: 'en' | 'id') {
  await page.getByRole('link', { name: words(lang).newPost }).click();
  await page.getByRole('menu').getByRole('menuitem', { name: words(lang).post, exact: true }).click();
}

async function toCaption(page: Page, lang: 'en' | 'id') {
  const create = page.getByRole('dialog', { name: /^(Create new post|Buat postingan baru)$/ });
  await create.getByRole('button', { name: words(lang).next, exact: true }).click(); // Crop
  await create.getByRole('button', { name: words(lang).next, exact: true }).click(); // Edit
}

const crop = (page: Page) => page.evaluate(() => (window as unknown as { __instagram: { crop(): string } }).__instagram.crop());
const shares = (page: Page) => page.evaluate(() => (window as unknown as { __instagram: { shares: unknown[] } }).__instagram.shares);
const strayFiles = (page: Page) => page.evaluate(() => (window as unknown as { __instagram: { strayFiles: string[] } }).__instagram.strayFiles);

for (const [mode, lang] of [['mount=portal', 'en'], ['mount=root', 'id'], ['late=1', 'en'], ['mount=body', 'id']] as const) {
  test(`Instagram (${mode}, ${lang} interface): step 1 gets the sidebar, Sisipkan attaches the image to the dialog's input with crop Original, the caption goes in at step 4 and the share is logged`, async ({ context, configure, serviceWorker }) => {
    await configure();
    const page = await context.newPage();
    await page.goto(`https://www.instagram.com/?${mode}&lang=${lang}`);
    await openCreate(page, lang);
    const sidebar = new SidebarPage(page);
    await sidebar.insert(ITEM);
    const expected = await expectedInsert(ITEM, 'instagram');
    await expect(sidebar.notice()).toHaveText(ATTACHED);
    expect(await fixture.files(page)).toEqual([expected.file]);
    expect(await strayFiles(page)).toEqual([]);
    expect(await crop(page)).toBe('original');

    await toCaption(page, lang);
    await expect(sidebar.notice()).toHaveText(CAPTION_IN);
    await expect.poll(() => fixture.text(page)).toBe(expected.text);
    await page.getByRole('dialog').getByRole('button', { name: words(lang).share, exact: true }).click();
    await expect(page.getByRole('dialog')).toContainText(words(lang).shared);
    expect(await fixture.posts(page)).toEqual([{ text: expected.text, files: [expected.file] }]);
    expect(await shares(page)).toEqual([{ crop: 'original', reel: false }]);
    await expect.poll(() => readPosts(serviceWorker)).toMatchObject([{ platform: 'instagram', itemId: ITEM, text: expected.text, account: 'humas.malang', status: 'confirmed' }]);
  });
}

test('Instagram on a fresh profile, Sisipkan at step 1 before the image has downloaded: the card says so at once, and the image is attached at step 1 when it arrives', async ({ context, serviceWorker }) => {
  test.setTimeout(60_000);
  // One item, its image served slowly enough (~10 s) that it is still on its way at the click.
  const dir = mkdtempSync(join(tmpdir(), 'hk-ig-fresh-'));
  mkdirSync(join(dir, 'items'));
  mkdirSync(join(dir, 'media'));
  copyFileSync(join(CONTENT, `items/${ITEM}.json`), join(dir, `items/${ITEM}.json`));
  copyFileSync(join(CONTENT, `media/${ITEM}.jpg`), join(dir, `media/${ITEM}.jpg`));
  const served = await servedSampleImage(ITEM);
  const server = await startLibraryServer({ contentDir: dir, link: { bytesPerSecond: Math.ceil(served.bytes.length / 10) } });
  try {
    await setSettings(serviceWorker, { ...OFFICER, libraryUrl: server.url });
    await waitForSync(serviceWorker, server.url, 15_000);
    const page = await context.newPage();
    await page.goto('https://www.instagram.com/');
    await openCreate(page, 'en');
    const sidebar = new SidebarPage(page);
    await sidebar.item(ITEM).waitFor();
    expect(await pendingImages(serviceWorker)).toBe(1); // the image is not on this device yet
    await sidebar.insert(ITEM);
    await expect(sidebar.notice()).toHaveText(/^Gambar resmi masih diunduh ke perangkat ini/, { timeout: 5_000 });
    expect(await fixture.files(page)).toEqual([]);

    const expected = await expectedInsert(ITEM, 'instagram');
    await expect.poll(() => fixture.files(page), { timeout: 30_000 }).toEqual([expected.file]);
    await expect(sidebar.notice()).toHaveText(ATTACHED);
    await toCaption(page, 'en');
    await expect(sidebar.notice()).toHaveText(CAPTION_IN);
    await expect.poll(() => fixture.text(page)).toBe(expected.text);
  } finally {
    await server.close();
  }
});

test('Escape mid-flow asks "Discard post?"; discarding closes the flow with nothing logged, and the next flow starts clean', async ({ context, configure, serviceWorker }) => {
  await configure();
  const page = await context.newPage();
  await page.goto('https://www.instagram.com/?mount=portal');
  await openCreate(page, 'en');
  const sidebar = new SidebarPage(page);
  await sidebar.insert(ITEM);
  await expect(sidebar.notice()).toHaveText(ATTACHED);
  await page.getByRole('dialog').getByRole('heading').click(); // focus back on the page
  await page.keyboard.press('Escape');
  await page.getByRole('dialog', { name: 'Discard post?' }).getByRole('button', { name: 'Discard' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(sidebar.root).toHaveCount(0);

  // A new flow: step 1 found again, and its caption step gets nothing from the discarded one by itself.
  await openCreate(page, 'en');
  await expect(sidebar.root).toHaveCount(1);
  await page.getByRole('dialog').locator('input[type="file"]').setInputFiles({ name: 'own.png', mimeType: 'image/png', buffer: (await servedSampleImage('makan-bergizi-gratis-sekolah')).bytes });
  await toCaption(page, 'en');
  await expect(page.getByRole('dialog').getByRole('textbox')).toBeVisible();
  await expect.poll(() => fixture.text(page)).toBe('');
  expect(await readStore(serviceWorker, 'log')).toHaveLength(0);
});

test('a video turns the flow into "New reel": no image goes in, the caption does, and the shared reel is logged', async ({ context, configure, serviceWorker }) => {
  await configure();
  const page = await context.newPage();
  await page.goto('https://www.instagram.com/?mount=root');
  await openCreate(page, 'en');
  const sidebar = new SidebarPage(page);
  await sidebar.item(ITEM).waitFor(); // step 1 has its sidebar
  await page.getByRole('dialog').locator('input[type="file"]').setInputFiles({ name: 'klip.mp4', mimeType: 'video/mp4', buffer: Buffer.from('not really a video') });
  await expect(page.getByRole('dialog')).toContainText('New reel');
  await sidebar.insert(ITEM); // at the reel's crop step: nothing to attach
  await expect(sidebar.notice()).toHaveText('Keterangannya akan disisipkan otomatis saat langkah keterangan muncul.');
  await toCaption(page, 'en');
  const expected = await expectedInsert(ITEM, 'instagram');
  await expect.poll(() => fixture.text(page)).toBe(expected.text);
  expect((await fixture.files(page)).map((f) => f.name)).toEqual(['klip.mp4']);
  await page.getByRole('dialog').getByRole('button', { name: 'Share', exact: true }).click();
  await expect(page.getByRole('dialog')).toContainText('Your reel has been shared.');
  await expect.poll(async () => (await readPosts(serviceWorker)).map((e) => e.status)).toEqual(['confirmed']);
});
