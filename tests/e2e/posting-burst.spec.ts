// Posts made one after another from X's inline composer, which clears and stays open after Post
// (../shared/notes/real-sites-2026.md): every Post click is its own entry, whatever the pace.
import { startLibraryServer } from '../../library/server';
import { eventually } from '../support/eventually';
import { expect, readPosts, readStore, test } from './harness';
import { fixture, SidebarPage } from './pages';

/** Four library items with an image each, short enough for X's 280 on the fixture. */
const ITEMS = ['cek-kesehatan-gratis-2026', 'cegah-dbd-3m-plus', 'tas-siaga-bencana', 'imunisasi-anak-lengkap'];
/** The officer's pace: Sisipkan, a moment to read the caption, Post. */
const READ_MS = 3_000;

test('four items posted 3 s apart from one inline composer: four entries, each with its own status, all reported', { tag: '@hostile' }, async ({ context, configure, serviceWorker }) => {
  test.setTimeout(90_000);
  const reports = await startLibraryServer();
  try {
    await configure({ reportUrl: reports.url });
    const page = await context.newPage();
    // Each "sent" toast comes 4 s after its Post (a slow link): after the officer's next click.
    await page.goto('https://x.com/home?sent=4000');
    const sidebar = new SidebarPage(page);
    await expect(sidebar.items()).toHaveCount(31);
    const postButton = page.getByTestId('tweetButtonInline');
    for (const [n, id] of ITEMS.entries()) {
      const clickedAt = Date.now();
      await sidebar.insert(id);
      await expect.poll(() => fixture.files(page).then((files) => files.map((f) => f.name.replace(/\.\w+$/, '')))).toEqual([`${id}-1`]);
      await expect.poll(() => fixture.text(page)).not.toBe('');
      await expect(postButton).not.toHaveAttribute('aria-disabled', 'true');
      await page.waitForTimeout(Math.max(0, READ_MS - (Date.now() - clickedAt))); // the officer reads
      await postButton.click();
      await expect.poll(() => fixture.posts(page)).toHaveLength(n + 1);
    }
    const posted = await fixture.posts(page);
    type Entry = { id: string; itemId: string; text: string; status: string; postUrl?: string };
    let entries: Entry[] = [];
    let outbox = -1;
    let counts = { lost: 0, doubled: 0 };
    try {
      // Done when every post the site took has its confirmed entry with its address, and the outbox
      // is empty (nothing more will be sent).
      entries = await eventually(() => readPosts<Entry>(serviceWorker), (rows) => rows.length >= posted.length && rows.every((e) => e.status === 'confirmed' && e.postUrl), 30_000);
      outbox = await eventually(() => readStore(serviceWorker, 'outbox').then((rows) => rows.length), (n) => n === 0, 30_000);
    } finally {
      // Counted before asserting, from the site's posts, the log and the server's record: a loss
      // shows in the hostile summary, not only as a failed poll.
      const ids = entries.map((e) => e.id);
      counts = { lost: Math.max(0, posted.length - entries.length) + reports.lost(ids), doubled: Math.max(0, entries.length - posted.length) + reports.doubled() };
      test.info().annotations.push({ type: 'lost', description: String(counts.lost) }, { type: 'doubled', description: String(counts.doubled) });
    }
    expect(entries.map((p) => [p.itemId, p.status, p.postUrl])).toEqual(ITEMS.map((id, n) => [id, 'confirmed', `https://x.com/humas_malang/status/${1001 + n}`]));
    expect(entries.map((e) => e.text)).toEqual(posted.map((p) => p.text));
    // Reported: each post and each of its updates, once.
    expect({ ...counts, outbox, refused: reports.ledger.rejected.length }).toEqual({ lost: 0, doubled: 0, outbox: 0, refused: 0 });
  } finally {
    await reports.close();
  }
});

test('Post clicked right after Sisipkan: one entry, and the caption is not inserted again into the emptied composer', async ({ context, configure, serviceWorker }) => {
  await configure();
  const page = await context.newPage();
  // No simulated upload: the caption is in the editor a moment after the click.
  await page.goto('https://x.com/home?upload=0');
  const sidebar = new SidebarPage(page);
  await expect(sidebar.items()).toHaveCount(31);
  await sidebar.insert('cek-kesehatan-gratis-2026');
  await expect.poll(() => fixture.text(page), { intervals: [10] }).not.toBe('');
  await page.getByTestId('tweetButtonInline').click();
  await expect.poll(() => fixture.posts(page)).toHaveLength(1);
  await expect(sidebar.notice()).toContainText('Teks dan gambar resmi sudah disisipkan');
  // The insertion's watch of the text has ended (at the Post click: utils/content/text-watch.ts).
  await expect.poll(() => page.evaluate(() => document.documentElement.getAttribute('data-hk-text-watch-kept'))).toBe('1');
  expect(await fixture.text(page)).toBe('');
  await expect.poll(() => readPosts(serviceWorker).then((posts) => posts.map((p) => [p.itemId, p.status]))).toEqual([['cek-kesehatan-gratis-2026', 'confirmed']]);
});
