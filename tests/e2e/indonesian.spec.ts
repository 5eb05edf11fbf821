// X and Facebook in their Indonesian interfaces (`?hl=id` on the fixtures: the texts and
// aria-labels the notes say the real sites show, guesses marked in tests/support/fixtures/texts/):
// one click inserts caption and image, the site's "Posting" posts both, and the entry is confirmed
// with the post's address.
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
