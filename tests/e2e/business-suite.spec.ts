// Meta Business Suite (business.facebook.com/latest/composer), one composer posting to a Facebook Page
// and its Instagram account: Sisipkan puts the caption into the Lexical editor's state and the image
// into the file input behind "Add photo/video"; one Publish is one entry per selected placement, each
// with its outcome. The fixture (tests/support/fixtures/business.facebook.com.ts) cites its evidence
// and marks its guesses.
import type { Page } from '@playwright/test';
import { expect, readPosts, test } from './harness';
import { fixture, SidebarPage } from './pages';
import { expectedInsert } from './sites';

const ITEM = 'tas-siaga-bencana';
const INSERTED = 'Teks dan gambar resmi sudah disisipkan.';
const COMPOSER = 'https://business.facebook.com/latest/composer/?asset_id=1';
const ACCOUNTS = { facebook: 'Humas Kota Malang', instagram: 'humas.malang' };

const words = (lang: 'en' | 'id') =>
  lang === 'id'
    ? { publish: 'Publikasikan', published: 'Postingan Anda sekarang dipublikasikan.', boost: 'Tingkatkan postingan Anda', failed: 'Terjadi kesalahan' }
    : { publish: 'Publish', published: 'Your post is now published.', boost: 'Boost your post', failed: 'Something went wrong' };

const published = (page: Page) => page.evaluate(() => (window as unknown as { __fixture: { posts: { platform: string }[] } }).__fixture.posts.map((p) => p.platform));
/** The site's own toasts (the sidebar has an alert of its own). */
const siteAlert = (page: Page) => page.locator('#notices [role="alert"]');
const publishButton = (page: Page, lang: 'en' | 'id') => page.getByRole('main').getByRole('button', { name: words(lang).publish, exact: true });

/** Sisipkan, then what the composer's own state holds. */
async function insert(page: Page) {
  const sidebar = new SidebarPage(page);
  await sidebar.insert(ITEM);
  await expect(sidebar.notice()).toHaveText(INSERTED);
  const expected = await expectedInsert(ITEM, 'facebook');
  expect(await fixture.text(page)).toBe(expected.text);
  expect(await fixture.files(page)).toEqual([expected.file]);
  return expected;
}

/** The entries of this item, by placement, oldest first. */
async function entries(page: Page, serviceWorker: Parameters<typeof readPosts>[0]) {
  const posts = await readPosts<{ platform: string; itemId: string; text: string; account: string; pageUrl: string; edited: boolean }>(serviceWorker);
  return posts.map(({ platform, itemId, text, account, pageUrl, edited, status }) => ({ platform, itemId, text, account, pageUrl, edited, status })).sort((a, b) => a.platform.localeCompare(b.platform));
}

for (const [after, lang] of [['published', 'en'], ['published', 'id'], ['boost', 'id'], ['planner', 'en']] as const) {
  test(`Meta Business Suite (${lang} interface, success shown as ${after}): caption and image inserted, Publish → one confirmed entry each for Facebook and Instagram`, async ({ context, configure, serviceWorker }) => {
    await configure();
    const page = await context.newPage();
    await page.goto(`${COMPOSER}&after=${after}${lang === 'id' ? '&hl=id' : ''}`);
    const expected = await insert(page);
    // Publish is disabled until the photo is processed; then it posts to both placements.
    await expect(publishButton(page, lang)).not.toHaveAttribute('aria-disabled', 'true');
    await publishButton(page, lang).click();
    if (after === 'published') await expect(siteAlert(page)).toHaveText(words(lang).published);
    if (after === 'boost') await expect(page.getByRole('dialog', { name: words(lang).boost })).toBeVisible();
    if (after === 'planner') await expect(page).toHaveURL(/\/latest\/content_calendar\//);
    expect(await published(page)).toEqual(['facebook', 'instagram']);
    const entry = (platform: 'facebook' | 'instagram') => ({ platform, itemId: ITEM, text: expected.text, account: ACCOUNTS[platform], pageUrl: 'https://business.facebook.com/latest/composer/', edited: false, status: 'confirmed' });
    await expect.poll(() => entries(page, serviceWorker)).toEqual([entry('facebook'), entry('instagram')]);
  });
}

test('Meta Business Suite: a refused Publish logs both placements failed, the second Publish confirmed; a placement left out gets no entry', async ({ context, configure, serviceWorker }) => {
  await configure();
  const page = await context.newPage();
  await page.goto(`${COMPOSER}&fail=1`);
  await insert(page);
  await expect(publishButton(page, 'en')).not.toHaveAttribute('aria-disabled', 'true');
  await publishButton(page, 'en').click();
  await expect(siteAlert(page)).toContainText(words('en').failed);
  await expect.poll(async () => (await entries(page, serviceWorker)).map((e) => `${e.platform}:${e.status}`)).toEqual(['facebook:failed', 'instagram:failed']);
  await publishButton(page, 'en').click();
  await expect(siteAlert(page)).toHaveText(words('en').published);
  await expect
    .poll(async () => (await entries(page, serviceWorker)).map((e) => `${e.platform}:${e.status}`))
    .toEqual(['facebook:failed', 'facebook:confirmed', 'instagram:failed', 'instagram:confirmed']);

  // A new composer with Instagram left out: Publish posts to the Page only, and only that is logged.
  await page.goto(COMPOSER);
  await page.getByRole('checkbox', { name: /^Instagram/ }).click();
  await insert(page);
  await publishButton(page, 'en').click();
  await expect(siteAlert(page)).toHaveText(words('en').published);
  expect(await published(page)).toEqual(['facebook']);
  await expect.poll(async () => (await entries(page, serviceWorker)).filter((e) => e.status === 'confirmed').map((e) => e.platform)).toEqual(['facebook', 'facebook', 'instagram']);
});

/** The officer sets a time in one placement's own scheduling block (notes: one block per placement). */
async function scheduleIn(page: Page, placement: string, lang: 'en' | 'id', at: Date) {
  const block = page.getByRole('group', { name: placement });
  await block.getByRole('switch', { name: lang === 'id' ? 'Atur tanggal dan waktu' : 'Set date and time' }).click();
  const pad = (n: number) => String(n).padStart(2, '0');
  await block.getByLabel(lang === 'id' ? 'Tanggal' : 'Date', { exact: true }).fill(`${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`);
  await block.getByLabel(lang === 'id' ? 'Waktu' : 'Time', { exact: true }).fill(`${pad(at.getHours())}:${pad(at.getMinutes())}`);
}

const YEAR = new Date().getFullYear() + 1;
const byPlatform = async (sw: Parameters<typeof readPosts>[0]) =>
  (await readPosts<{ platform: string; itemId: string; scheduledFor?: string }>(sw)).map((p) => [p.platform, p.itemId, p.status, p.scheduledFor]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));

test('Meta Business Suite: a time set in the Facebook placement\'s own block, Instagram left to publish now — Schedule logs Facebook `scheduled` for its time and Instagram `confirmed`', async ({ context, configure, serviceWorker }) => {
  await configure();
  const page = await context.newPage();
  await page.goto(COMPOSER);
  await insert(page);
  const at = new Date(YEAR, 11, 24, 9, 30);
  await scheduleIn(page, 'Facebook: Humas Kota Malang', 'en', at);
  const submit = page.getByRole('main').getByRole('button', { name: 'Schedule', exact: true });
  await expect(submit).not.toHaveAttribute('aria-disabled', 'true');
  await submit.click();
  await expect(siteAlert(page)).toHaveText('Your post was scheduled.');
  expect(await page.evaluate(() => (window as unknown as { __fixture: { posts: { platform: string; scheduledFor?: string }[] } }).__fixture.posts.map((p) => [p.platform, p.scheduledFor ?? null]))).toEqual([
    ['facebook', at.toISOString()],
    ['instagram', null],
  ]);
  await expect.poll(() => byPlatform(serviceWorker)).toEqual([
    ['facebook', ITEM, 'scheduled', at.toISOString()],
    ['instagram', ITEM, 'confirmed', undefined],
  ]);
});

test('Meta Business Suite in Indonesian: each placement scheduled for its own time — "Jadwalkan" logs both `scheduled`, each with its time', async ({ context, configure, serviceWorker }) => {
  await configure();
  const page = await context.newPage();
  await page.goto(`${COMPOSER}&hl=id`);
  await insert(page);
  const facebookAt = new Date(YEAR, 0, 2, 8, 0);
  const instagramAt = new Date(YEAR, 0, 2, 19, 45);
  await scheduleIn(page, 'Facebook: Humas Kota Malang', 'id', facebookAt);
  await scheduleIn(page, 'Instagram: humas.malang', 'id', instagramAt);
  await page.getByRole('main').getByRole('button', { name: 'Jadwalkan', exact: true }).click();
  await expect(siteAlert(page)).toHaveText('Postingan Anda telah dijadwalkan.');
  await expect.poll(() => byPlatform(serviceWorker)).toEqual([
    ['facebook', ITEM, 'scheduled', facebookAt.toISOString()],
    ['instagram', ITEM, 'scheduled', instagramAt.toISOString()],
  ]);
});
