// The real sites' compose flows beyond the plain composer (../shared/notes/real-sites-2026.md):
// Facebook's Page flow, Instagram's refused share and its refused image types, X's reply boxes,
// mobile textarea and stale composer after a post.
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLibraryServer } from '../../library/server';
import { sampleItem } from '../support/sample-items';
import { expect, readPosts, readStore, test } from './harness';
import { fixture, SidebarPage } from './pages';
import { afterPostCheck } from './post-signals';
import { expectedInsert, SITE_PAGES } from './sites';

const ITEM = 'tas-siaga-bencana';
const instagram = SITE_PAGES.find((s) => s.platform === 'instagram')!;

test('a Facebook Page posts through Next and "Post settings": one click inserts text and image, the second dialog\'s Post is logged and confirmed with the post\'s address', async ({ context, configure, serviceWorker }) => {
  await configure();
  const page = await context.newPage();
  await page.goto('https://www.facebook.com/humaskotamalang');
  await page.getByRole('button', { name: 'Create post' }).click();
  const sidebar = new SidebarPage(page);
  await sidebar.insert(ITEM);
  const expected = await expectedInsert(ITEM, 'facebook');
  await expect(sidebar.notice()).toHaveText('Teks dan gambar resmi sudah disisipkan.');
  await expect.poll(() => fixture.text(page)).toBe(expected.text);
  await expect.poll(() => fixture.files(page)).toEqual([expected.file]);

  await page.getByRole('dialog', { name: 'Create post' }).getByRole('button', { name: 'Next' }).click();
  await page.getByRole('dialog', { name: 'Post settings' }).getByRole('button', { name: 'Post' }).click();
  await page.getByRole('dialog', { name: 'Boost this post?' }).getByRole('button', { name: 'Not now' }).click();
  await expect.poll(() => fixture.posts(page)).toEqual([{ text: expected.text, files: [expected.file] }]);
  await expect.poll(() => readPosts(serviceWorker)).toMatchObject([
    { platform: 'facebook', itemId: ITEM, text: expected.text, account: 'Humas Kota Malang', status: 'confirmed', postUrl: 'https://www.facebook.com/humaskotamalang/posts/pfbid01001' },
  ]);
});

test('an Instagram share that fails is logged as failed', async ({ context, configure, serviceWorker }) => {
  await configure();
  const page = await context.newPage();
  await page.goto(instagram.url);
  await instagram.openComposer(page);
  await new SidebarPage(page).insert(ITEM);
  await expect.poll(async () => (await fixture.files(page)).length).toBe(1);
  await instagram.toCaptionStep!(page);
  await expect.poll(() => fixture.text(page)).toBe((await expectedInsert(ITEM, 'instagram')).text);
  await page.evaluate(() => ((window as unknown as { __failNextPost: boolean }).__failNextPost = true));
  await instagram.postButton(page).click();
  await expect(page.getByRole('dialog')).toContainText("Post couldn't be shared");
  await expect.poll(async () => (await readPosts(serviceWorker)).map((e) => e.status)).toEqual(['failed']);
  expect(await fixture.posts(page)).toEqual([]);
});

test('Instagram gets a JPEG when the library only has a WebP image', async ({ context, configure }) => {
  // A WebP infographic, drawn by the browser itself (Node has no WebP encoder).
  const drawer = await context.newPage();
  const webp = Buffer.from(await drawer.evaluate(async () => {
    const canvas = new OffscreenCanvas(320, 400);
    const g = canvas.getContext('2d')!;
    g.fillStyle = '#8b0000';
    g.fillRect(0, 0, 320, 400);
    g.fillStyle = '#fff';
    g.fillText('Infografis resmi', 20, 40);
    return [...new Uint8Array(await (await canvas.convertToBlob({ type: 'image/webp' })).arrayBuffer())];
  }));
  await drawer.close();
  const dir = mkdtempSync(join(tmpdir(), 'hk-webp-'));
  writeFileSync(join(dir, 'info.webp'), webp);
  const sha256 = createHash('sha256').update(webp).digest('hex');
  const item = sampleItem('infografis-webp', { media: [{ id: 'infografis-webp-1', url: 'media/info.webp', mime: 'image/webp', sha256, bytes: webp.length, width: 320, height: 400, alt: 'Infografis' }] });
  const server = await startLibraryServer({ items: [item], files: new Map([['media/info.webp', { path: join(dir, 'info.webp'), mime: 'image/webp' }]]) });
  try {
    await configure({ libraryUrl: server.url });
    const page = await context.newPage();
    await page.goto(instagram.url);
    await instagram.openComposer(page);
    await new SidebarPage(page).insert(item.id);
    await expect(page.getByRole('dialog')).not.toContainText('This file is not supported');
    await expect.poll(() => fixture.files(page)).toMatchObject([{ name: 'infografis-webp-1.jpg', type: 'image/jpeg' }]);
    await instagram.toCaptionStep!(page);
    await expect.poll(() => fixture.text(page)).toContain('Keterangan infografis-webp');
  } finally {
    await server.close();
  }
});

test('a reply box on X is not a post composer: no sidebar, and a reply is never logged as a post', async ({ context, configure, serviceWorker }) => {
  await configure();
  const page = await context.newPage();
  await page.goto('https://x.com/humas_malang/status/1001');
  await page.getByTestId('tweetTextarea_0').click();
  await page.keyboard.type('Terima kasih infonya!');
  await expect.poll(() => fixture.text(page)).toBe('Terima kasih infonya!');
  // Once the content script has decided about the Post click, it has long seen the reply box's
  // focus and render (detection is immediate on focus, or one frame after the editor renders).
  const signals = await afterPostCheck(page, () => page.getByTestId('tweetButtonInline').click());
  expect(await page.locator('humas-kanal-sidebar').count()).toBe(0);
  await expect.poll(() => fixture.posts(page)).toHaveLength(1);
  expect({ entriesSent: signals.intents, log: await readStore(serviceWorker, 'log') }).toEqual({ entriesSent: 0, log: [] });
});

test('X in its narrow layout: the caption goes into the <textarea> composer and the post is logged', async ({ context, configure, serviceWorker }) => {
  await configure();
  const page = await context.newPage();
  await page.goto('https://x.com/compose/post?mobile');
  const sidebar = new SidebarPage(page);
  await sidebar.insert(ITEM);
  const expected = await expectedInsert(ITEM, 'x');
  await expect.poll(() => page.locator('[data-testid="tweetTextarea_0"] textarea').inputValue()).toBe(expected.text);
  await expect.poll(() => fixture.text(page)).toBe(expected.text);
  await expect.poll(() => fixture.files(page)).toEqual([expected.file]);
  await page.getByTestId('tweetButton').click();
  await expect.poll(async () => (await readPosts(serviceWorker)).map((e) => e.status)).toEqual(['confirmed']);
});

test('X publishes while the old composer stays on screen: the "sent" toast confirms the post', async ({ context, configure, serviceWorker }) => {
  await configure();
  const page = await context.newPage();
  await page.goto('https://x.com/compose/post?stale');
  const sidebar = new SidebarPage(page);
  await sidebar.insert(ITEM);
  await expect.poll(() => fixture.text(page)).toBe((await expectedInsert(ITEM, 'x')).text);
  await page.getByTestId('tweetButton').click();
  await expect(page.getByTestId('toast')).toContainText('Your post was sent.');
  // The composer still shows the posted text, and the post is confirmed all the same.
  await expect(page.getByRole('dialog').getByTestId('tweetTextarea_0')).toContainText('tas siaga');
  await expect.poll(() => readPosts(serviceWorker)).toMatchObject([{ status: 'confirmed', postUrl: 'https://x.com/humas_malang/status/1001' }]);
});
