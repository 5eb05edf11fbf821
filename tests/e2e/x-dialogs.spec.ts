// Several composers at once on X (issue 33; ../shared/notes/real-sites-2026.md "Third round": Home
// inline + reply/quote dialog, target the focused one, look for media inside it): the X fixture's
// `?dialogs` mode opens a quote-post or a reply dialog over /home, whose inline composer stays
// mounted. One sidebar acts on the composer the officer works in; a reply is not a post composer
// (ui-contract): a reply dialog on top takes the insertion, the composer behind it nothing, and the
// reply is never logged.
import type { Page } from '@playwright/test';
import { expect, readPosts, readStore, test } from './harness';
import { fixture, SidebarPage } from './pages';
import { afterPostCheck } from './post-signals';
import { expectedInsert } from './sites';

const ITEM = 'siaga-banjir-musim-hujan';

type Named = { __fixtureComposers: Record<string, { text(): string; files(): Promise<unknown[]> }> };
/** One composer's own Draft.js state and attached files: `inline` (/home) or `dialog` (quote, reply). */
const composerState = (page: Page, name: 'inline' | 'dialog') =>
  page.evaluate(async (n) => {
    const c = (window as unknown as Named).__fixtureComposers[n];
    return c ? { text: c.text(), files: await c.files() } : undefined;
  }, name);
const EMPTY = { text: '', files: [] };

/** The fixture's interface language: English, or Indonesian (`?hl=id`, the menu's "Kutip", the reply's "Balas"). */
type Hl = 'en' | 'id';

async function openHome(page: Page, hl: Hl = 'en'): Promise<SidebarPage> {
  await page.goto(`https://x.com/home?dialogs${hl === 'id' ? '&hl=id' : ''}`);
  const sidebar = new SidebarPage(page);
  await expect(sidebar.item(ITEM)).toBeVisible();
  return sidebar;
}

async function openDialog(page: Page, kind: 'quote' | 'reply', hl: Hl = 'en'): Promise<void> {
  if (kind === 'reply') await page.getByTestId('reply').click();
  else {
    await page.getByTestId('retweet').click();
    await page.getByRole('menuitem', { name: hl === 'id' ? 'Kutip' : 'Quote' }).click();
  }
  await expect(page.getByRole('dialog').getByTestId('tweetTextarea_0')).toBeFocused();
  await expect(page).toHaveURL('https://x.com/compose/post');
}

for (const hl of ['en', 'id'] as const) {
  test(`a quote dialog over /home gets the caption and the image; the inline composer behind stays empty; Post logs one entry (X in ${hl})`, async ({ context, configure, serviceWorker }) => {
    await configure();
    const page = await context.newPage();
    const sidebar = await openHome(page, hl);
    await openDialog(page, 'quote', hl);
    await expect(page.locator('humas-kanal-sidebar')).toHaveCount(1);

    const expected = await expectedInsert(ITEM, 'x');
    await sidebar.insert(ITEM);
    await expect.poll(() => composerState(page, 'dialog')).toEqual({ text: expected.text, files: [expected.file] });
    expect(await composerState(page, 'inline')).toEqual(EMPTY);
    await expect(page.getByRole('dialog').getByTestId('attachments').getByTestId('attachment')).toHaveCount(1);
    await expect(page.locator('main [data-testid="attachments"] img')).toHaveCount(0);

    const post = page.getByRole('dialog').getByTestId('tweetButton');
    await expect(post).not.toHaveAttribute('aria-disabled', 'true');
    await post.click();
    await expect.poll(() => fixture.posts(page)).toEqual([{ text: expected.text, files: [expected.file] }]);
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect.poll(async () => (await readPosts(serviceWorker)).map((e) => [e.itemId, e.text, e.pageUrl, e.status])).toEqual([
      [ITEM, expected.text, 'https://x.com/compose/post', 'confirmed'],
    ]);
    expect(await composerState(page, 'inline')).toEqual(EMPTY);
  });
}

test('closing the quote dialog gives the sidebar back to the inline composer', async ({ context, configure, serviceWorker }) => {
  await configure();
  const page = await context.newPage();
  const sidebar = await openHome(page);
  await openDialog(page, 'quote');
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);

  const expected = await expectedInsert(ITEM, 'x');
  await sidebar.insert(ITEM);
  await expect.poll(() => composerState(page, 'inline')).toEqual({ text: expected.text, files: [expected.file] });
  expect(await composerState(page, 'dialog')).toEqual(EMPTY);
  await expect(page.locator('humas-kanal-sidebar')).toHaveCount(1);
  await page.getByTestId('tweetButtonInline').click();
  await expect.poll(async () => (await readPosts(serviceWorker)).map((e) => [e.itemId, e.pageUrl])).toEqual([[ITEM, 'https://x.com/home']]);
});

for (const hl of ['en', 'id'] as const) {
  test(`a reply dialog over /home gets the caption and the image, nothing goes into the inline composer behind it, and the reply is not logged; closed, the inline composer gets the click (X in ${hl})`, async ({ context, configure, serviceWorker }) => {
    await configure();
    const page = await context.newPage();
    const sidebar = await openHome(page, hl);
    await openDialog(page, 'reply', hl);

    const expected = await expectedInsert(ITEM, 'x');
    await sidebar.insert(ITEM);
    await expect.poll(() => composerState(page, 'dialog')).toEqual({ text: expected.text, files: [expected.file] });
    expect(await composerState(page, 'inline')).toEqual(EMPTY);
    // The sidebar's own language is Indonesian whatever X's is.
    await expect(sidebar.notice()).toContainText('balasan, bukan postingan');
    await expect(sidebar.notice()).toContainText('tidak dicatat');

    // Posted by the site, the reply is never logged as a post.
    const reply = page.getByRole('dialog').getByTestId('tweetButton');
    await expect(reply).not.toHaveAttribute('aria-disabled', 'true');
    const signals = await afterPostCheck(page, () => reply.click());
    await expect.poll(() => fixture.posts(page)).toEqual([{ text: expected.text, files: [expected.file] }]);
    expect({ entriesSent: signals.intents, log: await readStore(serviceWorker, 'log') }).toEqual({ entriesSent: 0, log: [] });
    await expect(page.getByRole('dialog')).toHaveCount(0);
    expect(await composerState(page, 'inline')).toEqual(EMPTY);

    await sidebar.insert(ITEM);
    await expect.poll(() => composerState(page, 'inline')).toEqual({ text: expected.text, files: [expected.file] });
  });
}
