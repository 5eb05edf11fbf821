// X and Facebook in their Indonesian interfaces (`?hl=id` on the fixtures: the texts and
// aria-labels the notes say the real sites show, guesses marked in tests/support/fixtures/texts/):
// one click inserts caption and image, the site's "Posting" posts both, and the entry is confirmed
// with the post's address. Also the flows whose English runs live elsewhere: X's inline composer,
// its narrow layout and a stale composer (the Indonesian toast confirms), a failed Instagram
// share, and Business Suite's refusal and planner redirect. Instagram's main flow, Business
// Suite's success, X's and Business Suite's scheduling and X's dialogs run in both languages in
// their own specs.
import type { Page } from '@playwright/test';
import { expect, readPosts, test } from './harness';
import { fixture, SidebarPage } from './pages';
import { expectedInsert } from './sites';

const ITEM = 'siaga-banjir-musim-hujan';
const INSERTED = 'Teks dan gambar resmi sudah disisipkan.';

test('X in Indonesian: "Posting" posts caption and image, "Postingan Anda sudah terkirim." confirms the entry with its address', async ({ context, configure, serviceWorker }) => {
  await configure();
  const page = await context.newPage();
  await page.goto('https://x.com/compose/post?hl=id');
  const sidebar = new SidebarPage(page);
  await sidebar.insert(ITEM);
  const expected = await expectedInsert(ITEM, 'x');
  await expect.poll(() => fixture.files(page)).toEqual([expected.file]);
  await expect.poll(() => fixture.text(page)).toBe(expected.text);
  await expect(sidebar.notice()).toHaveText(INSERTED);
  const post = page.getByRole('dialog').getByTestId('tweetButton');
  await expect(post).toHaveText('Posting');
  await expect(post).not.toHaveAttribute('aria-disabled', 'true');
  await post.click();
  await expect(page.getByTestId('toast')).toContainText('Postingan Anda sudah terkirim.');
  expect(await fixture.posts(page)).toEqual([{ text: expected.text, files: [expected.file] }]);
  await expect.poll(() => readPosts(serviceWorker)).toMatchObject([
    { platform: 'x', itemId: ITEM, text: expected.text, account: '@humas_malang', status: 'confirmed', postUrl: 'https://x.com/humas_malang/status/1001' },
  ]);
});

test('Facebook in Indonesian: "Buat postingan", "Foto/video" and "Posting" — caption and image posted, the entry confirmed with its address', async ({ context, configure, serviceWorker }) => {
  await configure();
  const page = await context.newPage();
  await page.goto('https://www.facebook.com/?hl=id');
  await page.getByRole('button', { name: 'Buat postingan' }).click();
  await expect(page.getByRole('dialog').getByRole('textbox')).toHaveAttribute('aria-placeholder', 'Apa yang Anda pikirkan?');
  const sidebar = new SidebarPage(page);
  await sidebar.insert(ITEM);
  const expected = await expectedInsert(ITEM, 'facebook');
  await expect.poll(() => fixture.files(page)).toEqual([expected.file]);
  await expect.poll(() => fixture.text(page)).toBe(expected.text);
  await expect(sidebar.notice()).toHaveText(INSERTED);
  await page.getByRole('dialog', { name: 'Buat postingan' }).getByRole('button', { name: 'Posting', exact: true }).click();
  await expect.poll(() => fixture.posts(page)).toEqual([{ text: expected.text, files: [expected.file] }]);
  await expect.poll(() => readPosts(serviceWorker)).toMatchObject([
    { platform: 'facebook', itemId: ITEM, text: expected.text, account: 'Humas Kota Malang', status: 'confirmed', postUrl: 'https://www.facebook.com/humaskotamalang/posts/pfbid01001' },
  ]);
});

test('a Facebook Page in Indonesian: "Berikutnya", then "Posting" in "Pengaturan postingan" — one confirmed entry with its address', async ({ context, configure, serviceWorker }) => {
  await configure();
  const page = await context.newPage();
  await page.goto('https://www.facebook.com/humaskotamalang?hl=id');
  await page.getByRole('button', { name: 'Buat postingan' }).click();
  const sidebar = new SidebarPage(page);
  await sidebar.insert(ITEM);
  const expected = await expectedInsert(ITEM, 'facebook');
  await expect.poll(() => fixture.files(page)).toEqual([expected.file]);
  await expect.poll(() => fixture.text(page)).toBe(expected.text);
  await page.getByRole('dialog', { name: 'Buat postingan' }).getByRole('button', { name: 'Berikutnya' }).click();
  await page.getByRole('dialog', { name: 'Pengaturan postingan' }).getByRole('button', { name: 'Posting', exact: true }).click();
  await page.getByRole('dialog', { name: 'Tingkatkan postingan ini?' }).getByRole('button', { name: 'Lain kali' }).click();
  await expect.poll(() => fixture.posts(page)).toEqual([{ text: expected.text, files: [expected.file] }]);
  await expect.poll(() => readPosts(serviceWorker)).toMatchObject([
    { platform: 'facebook', itemId: ITEM, status: 'confirmed', postUrl: 'https://www.facebook.com/humaskotamalang/posts/pfbid01001' },
  ]);
  expect(await readPosts(serviceWorker)).toHaveLength(1);
});

test('X in Indonesian, the inline composer on /home: "Posting" posts caption and image, the toast confirms with the address, and the composer stays open and empty', async ({ context, configure, serviceWorker }) => {
  await configure();
  const page = await context.newPage();
  await page.goto('https://x.com/home?hl=id');
  const sidebar = new SidebarPage(page);
  await sidebar.insert(ITEM);
  const expected = await expectedInsert(ITEM, 'x');
  await expect.poll(() => fixture.files(page)).toEqual([expected.file]);
  await expect.poll(() => fixture.text(page)).toBe(expected.text);
  const post = page.getByTestId('tweetButtonInline');
  await expect(post).toHaveText('Posting');
  await expect(post).not.toHaveAttribute('aria-disabled', 'true');
  await post.click();
  await expect(page.getByTestId('toast')).toContainText('Postingan Anda sudah terkirim.');
  expect(await fixture.posts(page)).toEqual([{ text: expected.text, files: [expected.file] }]);
  await expect.poll(() => readPosts(serviceWorker)).toMatchObject([{ platform: 'x', itemId: ITEM, pageUrl: 'https://x.com/home', status: 'confirmed', postUrl: 'https://x.com/humas_malang/status/1001' }]);
  await expect(page.getByTestId('tweetTextarea_0')).toBeVisible();
  expect(await fixture.text(page)).toBe('');
});

test('X in Indonesian, narrow layout: the caption goes into the <textarea>, "Posting" posts, the entry is confirmed', async ({ context, configure, serviceWorker }) => {
  await configure();
  const page = await context.newPage();
  await page.goto('https://x.com/compose/post?mobile&hl=id');
  await new SidebarPage(page).insert(ITEM);
  const expected = await expectedInsert(ITEM, 'x');
  await expect.poll(() => page.locator('[data-testid="tweetTextarea_0"] textarea').inputValue()).toBe(expected.text);
  await expect.poll(() => fixture.files(page)).toEqual([expected.file]);
  await expect(page.getByTestId('tweetButton')).toHaveText('Posting');
  await page.getByTestId('tweetButton').click();
  await expect.poll(() => readPosts(serviceWorker)).toMatchObject([{ platform: 'x', itemId: ITEM, status: 'confirmed', postUrl: 'https://x.com/humas_malang/status/1001' }]);
});

// The composer does not close or empty here: the toast (its words, or its link to the new post) is what confirms.
test('X in Indonesian with the old composer left on screen: the "Postingan Anda sudah terkirim." toast confirms the post with its address', async ({ context, configure, serviceWorker }) => {
  await configure();
  const page = await context.newPage();
  await page.goto('https://x.com/compose/post?stale&hl=id');
  await new SidebarPage(page).insert(ITEM);
  await expect.poll(() => fixture.text(page)).toBe((await expectedInsert(ITEM, 'x')).text);
  await page.getByTestId('tweetButton').click();
  await expect(page.getByTestId('toast')).toContainText('Postingan Anda sudah terkirim.');
  await expect(page.getByRole('dialog').getByTestId('tweetTextarea_0')).toContainText('musim hujan');
  await expect.poll(() => readPosts(serviceWorker)).toMatchObject([{ status: 'confirmed', postUrl: 'https://x.com/humas_malang/status/1001' }]);
});

/** Instagram's create flow in Indonesian up to the caption step, the image attached at step 1. */
async function instagramToCaption(page: Page) {
  await page.goto('https://www.instagram.com/?lang=id');
  await page.getByRole('link', { name: 'Postingan baru' }).click();
  await page.getByRole('menu').getByRole('menuitem', { name: 'Postingan', exact: true }).click();
  await new SidebarPage(page).insert(ITEM);
  const expected = await expectedInsert(ITEM, 'instagram');
  await expect.poll(() => fixture.files(page)).toEqual([expected.file]);
  const create = page.getByRole('dialog', { name: 'Buat postingan baru' });
  await create.getByRole('button', { name: 'Berikutnya', exact: true }).click();
  await create.getByRole('button', { name: 'Berikutnya', exact: true }).click();
  await expect.poll(() => fixture.text(page)).toBe(expected.text);
  return create;
}

test('Instagram in Indonesian: a share that fails ("Postingan tidak dapat dibagikan") is logged failed, nothing posted', async ({ context, configure, serviceWorker }) => {
  await configure();
  const page = await context.newPage();
  const create = await instagramToCaption(page);
  await page.evaluate(() => ((window as unknown as { __failNextPost: boolean }).__failNextPost = true));
  await create.getByRole('button', { name: 'Bagikan', exact: true }).click();
  await expect(create).toContainText('Postingan tidak dapat dibagikan');
  await expect.poll(async () => (await readPosts(serviceWorker)).map((e) => [e.platform, e.status])).toEqual([['instagram', 'failed']]);
  expect(await fixture.posts(page)).toEqual([]);
});

test('Meta Business Suite in Indonesian: "Terjadi kesalahan" logs both placements failed; the second "Publikasikan" goes to the planner and both are confirmed', async ({ context, configure, serviceWorker }) => {
  await configure();
  const page = await context.newPage();
  await page.goto('https://business.facebook.com/latest/composer/?asset_id=1&hl=id&fail=1&after=planner');
  const sidebar = new SidebarPage(page);
  await sidebar.insert('tas-siaga-bencana');
  await expect(sidebar.notice()).toHaveText(INSERTED);
  const publish = page.getByRole('main').getByRole('button', { name: 'Publikasikan', exact: true });
  await expect(publish).not.toHaveAttribute('aria-disabled', 'true');
  await publish.click();
  await expect(page.locator('#notices [role="alert"]')).toContainText('Terjadi kesalahan');
  const statuses = async () => (await readPosts(serviceWorker)).map((e) => `${e.platform}:${e.status}`).sort();
  await expect.poll(statuses).toEqual(['facebook:failed', 'instagram:failed']);
  await publish.click();
  await expect(page).toHaveURL(/\/latest\/content_calendar\//);
  await expect.poll(statuses).toEqual(['facebook:confirmed', 'facebook:failed', 'instagram:confirmed', 'instagram:failed']);
});
