// Variants and spacing (issue 30) on the X fixture: two officers (two browser profiles, each its own
// install and name) get different approved variants of one item, and each log entry records which;
// an officer's own first line goes before the official text; Quote inserts the line and the item's
// official post address, logged as a quote. The card suggests a posting window (not urgent).
import { expect, test, type BrowserContext, type Worker } from '@playwright/test';
import { startLibraryServer, type LibraryServer } from '../../library/server';
import { composeCaption } from '../../utils/shared/compose';
import { ContentItemSchema } from '../../utils/shared/schema';
import { configureExtension, readPosts } from './harness';
import { fixture, SidebarPage } from './pages';
import { launchWithExtension, serviceWorkerOf } from '../support/launch';

const AGENCY = 'Diskominfo Kota Malang';
const OFFICIAL_POST = 'https://x.com/kemkomdigi/status/1865000000000000000';
const item = ContentItemSchema.parse({
  id: 'ckg-variasi',
  version: 1,
  title: 'Cek Kesehatan Gratis di puskesmas',
  program: 'Kesehatan',
  tags: [],
  kind: 'berita',
  publishedAt: new Date(Date.now() - 60_000).toISOString(),
  captions: { default: 'Cek kesehatan gratis di puskesmas terdekat.', x: 'CKG gratis di puskesmas terdekat, bawa KTP.' },
  captionVariants: { x: ['Sudah cek kesehatan gratis? Datang ke puskesmas, bawa KTP.', 'Puskesmas terdekat melayani cek kesehatan tanpa biaya.'] },
  officialPosts: { x: OFFICIAL_POST },
  hashtags: ['CekKesehatanGratis'],
  media: [],
});
const choices = [item.captions.x!, ...item.captionVariants!.x!];
const onX = (caption: string) => composeCaption({ ...item, captions: { ...item.captions, x: caption } }, 'x', { agency: AGENCY, region: 'Kota Malang' });

let library: LibraryServer;
test.beforeAll(async () => {
  library = await startLibraryServer({ items: [item] });
});
test.afterAll(async () => library?.close());

async function officer(officerName: string): Promise<{ context: BrowserContext; sw: Worker; close: () => Promise<void> }> {
  const { context, close } = await launchWithExtension();
  const sw = await serviceWorkerOf(context);
  await configureExtension(sw, { libraryUrl: library.url, officerName, agency: AGENCY, region: 'Kota Malang' });
  return { context, sw, close };
}

async function composeWith(context: BrowserContext): Promise<{ sidebar: SidebarPage; page: import('@playwright/test').Page }> {
  const page = await context.newPage();
  await page.goto('https://x.com/compose/post');
  const sidebar = new SidebarPage(page);
  await expect(sidebar.item(item.id)).toBeVisible();
  return { sidebar, page };
}

test('two officers get different variants of one item; the log records which; a first line goes first', async () => {
  test.setTimeout(90_000);
  const seen: { variant: number; text: string }[] = [];
  for (const [name, firstLine] of [['Sari Dewi', ''], ['Budi Santoso', 'Warga Malang, ayo manfaatkan!']] as const) {
    const { context, sw, close } = await officer(name);
    try {
      const { sidebar, page } = await composeWith(context);
      const card = sidebar.item(item.id);
      await expect(card.getByTestId('hk-window')).toContainText(/Saran waktu posting: \d\d\.\d\d–\d\d\.\d\d|sekarang/);
      const variant = Number(await card.getByTestId('hk-variant').getAttribute('data-variant'));
      await expect(card.getByTestId('hk-variant')).toContainText(`Variasi ${variant + 1} dari 3`);
      const official = onX(choices[variant]!);
      await expect(card.getByTestId('hk-preview')).toHaveText(official);
      if (firstLine) {
        const before = await card.getByTestId('hk-count').innerText();
        await card.getByTestId('hk-first-line').fill(firstLine);
        await expect(card.getByTestId('hk-preview')).toHaveText(`${firstLine}\n\n${official}`);
        await expect(card.getByTestId('hk-count')).not.toHaveText(before);
      }
      await sidebar.insert(item.id);
      const expected = firstLine ? `${firstLine}\n\n${official}` : official;
      await expect.poll(() => fixture.text(page)).toBe(expected);
      await page.getByTestId('tweetButton').click();
      await expect.poll(() => readPosts(sw)).toHaveLength(1);
      const [entry] = await readPosts<{ variant?: number; text: string; edited: boolean; officerName: string }>(sw);
      expect(entry).toMatchObject({ variant, text: expected, edited: false, officerName: name });
      expect(entry).not.toHaveProperty('postKind');
      seen.push({ variant, text: official });
    } finally {
      await close();
    }
  }
  expect(seen[0]!.variant).not.toBe(seen[1]!.variant);
  expect(seen[0]!.text).not.toBe(seen[1]!.text);
});

test('Quote inserts the officer’s line and the official post address, logged as a quote without an image', async () => {
  test.setTimeout(60_000);
  const { context, sw, close } = await officer('Sari Dewi');
  try {
    const { sidebar, page } = await composeWith(context);
    const card = sidebar.item(item.id);
    await card.getByTestId('hk-first-line').fill('Penjelasan resmi soal CKG:');
    await card.getByTestId('hk-quote').click();
    const expected = `Penjelasan resmi soal CKG:\n\n${OFFICIAL_POST}`;
    await expect.poll(() => fixture.text(page)).toBe(expected);
    await expect(sidebar.notice()).toContainText('kutipan');
    await page.getByTestId('tweetButton').click();
    await expect.poll(() => readPosts(sw)).toHaveLength(1);
    const [entry] = await readPosts(sw);
    expect(entry).toMatchObject({ postKind: 'quote', itemId: item.id, text: expected, mediaIds: [], edited: false });
    expect(entry).not.toHaveProperty('variant');
  } finally {
    await close();
  }
});
