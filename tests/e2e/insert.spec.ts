// One click on each real-editor fixture: text in the editor's state, one real file, Post posts both.
import { expect, readPosts, test } from './harness';
import { fixture, SidebarPage } from './pages';
import { expectedInsert, SITE_PAGES } from './sites';

const ITEM = 'siaga-banjir-musim-hujan'; // multi-line on Instagram, emoji, hashtags, link, image

for (const site of SITE_PAGES) {
  test.describe(site.platform, () => {
    test('one click puts the composed caption (keeping typed text) and one image into the site; Post logs one confirmed entry', async ({ context, configure, serviceWorker }) => {
      await configure();
      const page = await context.newPage();
      await page.goto(site.url);
      await site.openComposer(page);
      const sidebar = new SidebarPage(page);
      await expect(sidebar.item(ITEM)).toBeVisible();

      // Where the caption step comes first, the officer may have typed already; it stays.
      const typed = site.toCaptionStep ? '' : 'Halo warga! ';
      if (typed) {
        await site.editor(page).click();
        await page.keyboard.type(typed);
        await expect.poll(() => fixture.text(page)).toBe(typed);
      }
      const expected = await expectedInsert(ITEM, site.platform);
      expect(expected.text.includes('https://')).toBe(site.platform !== 'instagram');
      await sidebar.insert(ITEM);
      await expect.poll(() => fixture.files(page)).toEqual([expected.file]);
      await site.toCaptionStep?.(page);
      await expect.poll(() => fixture.text(page)).toBe(`${typed}${expected.text}`);
      await expect(sidebar.notice()).toHaveText(site.insertedNotice);

      await expect(site.postButton(page)).not.toHaveAttribute('aria-disabled', 'true');
      await site.postButton(page).click();
      await expect.poll(() => fixture.posts(page)).toEqual([{ text: `${typed}${expected.text}`, files: [expected.file] }]);
      await expect.poll(async () => (await readPosts(serviceWorker)).map((e) => e.status)).toEqual(['confirmed']);
      const [entry] = await readPosts(serviceWorker);
      expect(entry).toMatchObject({ platform: site.platform, itemId: ITEM, edited: typed !== '', text: `${typed}${expected.text}` });
    });

    test('the sidebar appears with the composer and goes away when it closes', async ({ context, configure }) => {
      await configure();
      const page = await context.newPage();
      await page.goto(site.url);
      const sidebar = new SidebarPage(page);
      if (site.platform !== 'x') {
        await expect(sidebar.root).toHaveCount(0);
        await site.openComposer(page);
      }
      await expect(sidebar.items().first()).toBeVisible();
      await site.closeComposer(page);
      if (site.platform === 'x') {
        // /home has the inline composer: the sidebar stays for it.
        await expect(page.getByTestId('tweetButtonInline')).toBeVisible();
        await expect(sidebar.items().first()).toBeVisible();
      } else {
        await expect(sidebar.root).toHaveCount(0);
        // Opening the composer again brings the sidebar back, complete.
        await site.openComposer(page);
        await expect(sidebar.items()).toHaveCount(31);
      }
    });
  });
}
