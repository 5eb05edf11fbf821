// A Facebook Page's post scheduled in "Post settings" (issue 33: "Facebook Pages schedule too"; the
// flow is not in public sources, so the fixture's scheduling markup is our guess, marked in
// tests/support/fixtures/www.facebook.com.ts): one entry at the Schedule click, `scheduled` with the
// chosen time, never `confirmed`; an ordinary post afterwards is still confirmed with its address.
import type { Page } from '@playwright/test';
import { expect, readPosts, test } from './harness';
import { fixture, SidebarPage } from './pages';
import { expectedInsert } from './sites';

const SCHEDULED = 'tas-siaga-bencana';
const POSTED = 'cek-kesehatan-gratis-2026';
const YEAR = new Date().getFullYear() + 1;
const words = (lang: 'en' | 'id') =>
  lang === 'id'
    ? { create: 'Buat postingan', next: 'Berikutnya', settings: 'Pengaturan postingan', later: 'Jadwalkan untuk nanti', date: 'Tanggal', time: 'Waktu', schedule: 'Jadwalkan', post: 'Posting', boost: 'Tingkatkan postingan ini?', notNow: 'Lain kali' }
    : { create: 'Create post', next: 'Next', settings: 'Post settings', later: 'Schedule for later', date: 'Date', time: 'Time', schedule: 'Schedule', post: 'Post', boost: 'Boost this post?', notNow: 'Not now' };

async function insertAndNext(page: Page, lang: 'en' | 'id', item: string) {
  await page.getByRole('button', { name: words(lang).create }).click();
  await new SidebarPage(page).insert(item);
  const expected = await expectedInsert(item, 'facebook');
  await expect.poll(() => fixture.text(page)).toBe(expected.text);
  await expect.poll(() => fixture.files(page)).toEqual([expected.file]);
  await page.getByRole('dialog', { name: words(lang).create }).getByRole('button', { name: words(lang).next }).click();
  return expected;
}

const logged = (sw: Parameters<typeof readPosts>[0]) => readPosts<{ itemId: string; scheduledFor?: string }>(sw).then((posts) => posts.map((p) => [p.itemId, p.status, p.scheduledFor ?? p.postUrl]));

for (const lang of ['en', 'id'] as const) {
  test(`a Facebook Page (${lang} interface): a time set under "Scheduling options" makes the post \`scheduled\` for that time, never confirmed; the next ordinary post is confirmed`, async ({ context, configure, serviceWorker }) => {
    await configure();
    const page = await context.newPage();
    await page.goto(`https://www.facebook.com/humaskotamalang${lang === 'id' ? '?hl=id' : ''}`);
    const expected = await insertAndNext(page, lang, SCHEDULED);
    const settings = page.getByRole('dialog', { name: words(lang).settings });
    await settings.getByRole('switch', { name: words(lang).later }).click();
    const at = new Date(YEAR, 11, 24, 21, 45);
    await settings.getByLabel(words(lang).date, { exact: true }).fill(`${YEAR}-12-24`);
    await settings.getByLabel(words(lang).time, { exact: true }).fill('21:45');
    await settings.getByRole('button', { name: words(lang).schedule, exact: true }).click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    expect(await fixture.posts(page)).toEqual([{ text: expected.text, files: [expected.file], scheduledFor: at.toISOString() }]);
    await expect.poll(() => logged(serviceWorker)).toEqual([[SCHEDULED, 'scheduled', at.toISOString()]]);

    // An ordinary post from the same Page: confirmed with its address.
    await insertAndNext(page, lang, POSTED);
    await page.getByRole('dialog', { name: words(lang).settings }).getByRole('button', { name: words(lang).post, exact: true }).click();
    await page.getByRole('dialog', { name: words(lang).boost }).getByRole('button', { name: words(lang).notNow }).click();
    await expect.poll(() => logged(serviceWorker)).toEqual([
      [SCHEDULED, 'scheduled', at.toISOString()],
      [POSTED, 'confirmed', 'https://www.facebook.com/humaskotamalang/posts/pfbid01002'],
    ]);
  });
}
