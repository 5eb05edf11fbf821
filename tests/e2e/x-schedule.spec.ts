// A post scheduled through X's schedule dialog (../shared/notes/real-sites-2026.md "Third round";
// the fixture's schedule flow is in tests/support/fixtures/parts/x-schedule.tsx, guesses marked):
// one entry at the Schedule click, `scheduled` with the chosen time, never `confirmed`; an ordinary
// post after it is still `confirmed` with its address.
import type { Page } from '@playwright/test';
import { expect, readPosts, readStore, test } from './harness';
import { DashboardPage, fixture, SidebarPage } from './pages';
import { expectedInsert } from './sites';

const SCHEDULED = 'tas-siaga-bencana';
const POSTED = 'cek-kesehatan-gratis-2026';
const YEAR = new Date().getFullYear() + 1;

/** The officer picks a time in the schedule dialog, by its labelled selects, and confirms. */
async function schedule(page: Page, picks: [label: string, option: string][], confirm: string) {
  await page.getByTestId('scheduleOption').click();
  await expect(page).toHaveURL('https://x.com/compose/post/schedule');
  const dialog = page.getByRole('dialog').filter({ has: page.getByTestId('scheduledConfirmationPrimaryAction') });
  for (const [label, option] of picks) await dialog.getByLabel(label, { exact: true }).selectOption({ label: option });
  await expect(dialog.getByTestId('scheduledConfirmationPrimaryAction')).toHaveText(confirm);
  await dialog.getByTestId('scheduledConfirmationPrimaryAction').click();
  await expect(page).toHaveURL('https://x.com/compose/post');
}

/** Update entries in the log that say a post was confirmed. */
const confirmations = async (sw: Parameters<typeof readPosts>[0]) =>
  (await readStore<{ updates?: string; status?: string }>(sw, 'log')).filter((r) => r.updates && r.status === 'confirmed').map((r) => r.updates);

test('a post scheduled in X\'s schedule dialog is one entry, `scheduled` for the chosen time, never confirmed; the next ordinary post is confirmed', async ({ context, configure, serviceWorker, extensionId }) => {
  await configure();
  const page = await context.newPage();
  await page.goto('https://x.com/compose/post');
  const sidebar = new SidebarPage(page);
  await sidebar.insert(SCHEDULED);
  const expected = await expectedInsert(SCHEDULED, 'x');
  await expect.poll(() => fixture.text(page)).toBe(expected.text);
  await expect.poll(() => fixture.files(page)).toEqual([expected.file]);

  await schedule(page, [['Month', 'December'], ['Day', '24'], ['Year', String(YEAR)], ['Hour', '9'], ['Minute', '30'], ['AM/PM', 'AM']], 'Confirm');
  const at = new Date(YEAR, 11, 24, 9, 30);
  await expect(page.getByTestId('scheduledTweetIndicator')).toHaveText(`Will send on ${at.toLocaleDateString('en-US', { weekday: 'short' })}, Dec 24, ${YEAR} at 9:30 AM`);
  const scheduleButton = page.getByRole('dialog').getByTestId('tweetButton');
  await expect(scheduleButton).toHaveText('Schedule');
  await scheduleButton.click();
  await expect(page).toHaveURL('https://x.com/home');
  // What X holds: the post with its time, not published.
  expect(await fixture.posts(page)).toEqual([{ text: expected.text, files: [expected.file], scheduledFor: at.toISOString() }]);
  await expect.poll(() => readPosts(serviceWorker).then((posts) => posts.map((p) => [p.itemId, p.status, p.scheduledFor]))).toEqual([[SCHEDULED, 'scheduled', at.toISOString()]]);

  // An ordinary post afterwards: confirmed with its address, and the scheduled one still never confirmed.
  await page.getByTestId('SideNav_NewTweet_Button').click();
  await sidebar.insert(POSTED);
  await expect.poll(() => fixture.text(page)).toBe((await expectedInsert(POSTED, 'x')).text);
  await expect(page.getByRole('dialog').getByTestId('tweetButton')).toHaveText('Post');
  await page.getByRole('dialog').getByTestId('tweetButton').click();
  await expect.poll(() => readPosts(serviceWorker).then((posts) => posts.map((p) => [p.itemId, p.status, p.postUrl ?? p.scheduledFor]))).toEqual([
    [SCHEDULED, 'scheduled', at.toISOString()],
    [POSTED, 'confirmed', 'https://x.com/humas_malang/status/1002'],
  ]);
  const [scheduled, posted] = await readPosts<{ id: string }>(serviceWorker);
  expect(await confirmations(serviceWorker)).not.toContain(scheduled!.id);

  // The supervisor's dashboard says so, and its status filter finds it.
  const dashboard = await DashboardPage.open(context, extensionId);
  const status = dashboard.row(scheduled!.id).locator('[data-field="status"]');
  await expect(status).toHaveAttribute('data-value', 'scheduled');
  await expect(status).toContainText('Dijadwalkan untuk');
  await expect(dashboard.row(posted!.id).locator('[data-field="status"]')).toHaveAttribute('data-value', 'confirmed');
  await dashboard.page.getByTestId('hk-filter-status').selectOption('scheduled');
  await expect(dashboard.rows()).toHaveCount(1);
  await expect(dashboard.rows().first()).toHaveAttribute('data-log-id', scheduled!.id);
});

test('in X\'s Indonesian interface, "Jadwalkan" schedules the post: `scheduled` for the time the banner shows', async ({ context, configure, serviceWorker }) => {
  await configure();
  const page = await context.newPage();
  await page.goto('https://x.com/compose/post?hl=id');
  await new SidebarPage(page).insert(SCHEDULED);
  await expect.poll(() => fixture.text(page)).toBe((await expectedInsert(SCHEDULED, 'x')).text);
  await schedule(page, [['Bulan', 'Desember'], ['Hari', '24'], ['Tahun', String(YEAR)], ['Jam', '21'], ['Menit', '45']], 'Konfirmasi');
  const at = new Date(YEAR, 11, 24, 21, 45);
  await expect(page.getByTestId('scheduledTweetIndicator')).toContainText(`24 Des ${YEAR} pukul 21.45`);
  await expect(page.getByRole('dialog').getByTestId('tweetButton')).toHaveText('Jadwalkan');
  await page.getByRole('dialog').getByTestId('tweetButton').click();
  await expect.poll(() => fixture.posts(page).then((posts) => posts.map((p) => p.scheduledFor))).toEqual([at.toISOString()]);
  await expect.poll(() => readPosts(serviceWorker).then((posts) => posts.map((p) => [p.status, p.scheduledFor]))).toEqual([['scheduled', at.toISOString()]]);
});
