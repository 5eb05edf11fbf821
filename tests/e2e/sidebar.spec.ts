// The sidebar as an officer uses it: search, filters, warnings, copy, download, collapse, fallback.
import { startLibraryServer } from '../../library/server';
import { sampleItem } from '../support/sample-items';
import { expect, test } from './harness';
import { fixture, SidebarPage } from './pages';

test('search filters as you type, with Indonesian word forms, and the filters narrow the list', async ({ context, configure }) => {
  await configure();
  const page = await context.newPage();
  await page.goto('https://x.com/compose/post');
  const sidebar = new SidebarPage(page);
  await expect(sidebar.items()).toHaveCount(31);
  await sidebar.search().pressSequentially('mendaftar');
  // Every current item that says daftar / pendaftaran / terdaftar, urgent first; the expired one stays hidden.
  await expect(sidebar.items()).toHaveCount(5);
  await expect(sidebar.items().first()).toHaveAttribute('data-item-id', 'hoaks-bansos-link-whatsapp');
  await expect(sidebar.item('pemilu-tps-lama')).toHaveCount(0);
  await sidebar.search().fill('PPG guru');
  await expect(sidebar.items()).toHaveCount(1);
  await sidebar.search().fill('');
  await sidebar.root.locator('[data-testid="hk-program"]').selectOption('Klarifikasi Hoaks');
  await expect(sidebar.items()).toHaveCount(4);
  await sidebar.root.locator('[data-testid="hk-kind"]').selectOption('berita');
  await expect(sidebar.items()).toHaveCount(0);
  await expect(sidebar.root.getByText('Tidak ada konten yang cocok.')).toBeVisible();
});

test('cards show the cached thumbnail, copy the exact text and download the official image', async ({ context, configure }) => {
  await configure();
  const page = await context.newPage();
  await page.goto('https://www.facebook.com/');
  await page.getByRole('button', { name: 'Create post' }).click();
  const sidebar = new SidebarPage(page);
  await expect(sidebar.item('cek-bansos-resmi').locator('img')).toHaveAttribute('src', /^data:image\/jpeg;base64,/); // the library's signed thumbnail
  const { preview, clipboard } = await sidebar.copy('cek-bansos-resmi');
  await expect(sidebar.notice()).toContainText('Teks sudah disalin');
  expect(clipboard).toBe(preview);
  expect(await sidebar.download('cek-bansos-resmi')).toBe('cek-bansos-resmi-1.jpg');
});

test('collapsing the sidebar is remembered on the next compose screen', async ({ context, configure }) => {
  await configure();
  const page = await context.newPage();
  await page.goto('https://x.com/compose/post');
  const sidebar = new SidebarPage(page);
  await sidebar.root.locator('[data-testid="hk-toggle"]').click();
  await expect(sidebar.items()).toHaveCount(0);
  await page.reload();
  await expect(sidebar.root.locator('[data-testid="hk-toggle"]')).toHaveAttribute('aria-expanded', 'false');
  await sidebar.root.locator('[data-testid="hk-toggle"]').click();
  await expect(sidebar.items()).toHaveCount(31);
});

test('a caption too long for X shows a warning; hostile text is inserted literally and never runs', { tag: '@hostile' }, async ({ context, configure }) => {
  const hostile = '<img src=x onerror="window.__pwned=1"> <script>window.__pwned=2</script> \u202Egnp.exe javascript:alert(1) ' + 'Panjang '.repeat(40);
  const server = await startLibraryServer({ items: [sampleItem('hostile-caption', { captions: { default: hostile }, hashtags: [], link: undefined })] });
  try {
    await configure({ libraryUrl: server.url });
    const page = await context.newPage();
    await page.goto('https://x.com/compose/post');
    const sidebar = new SidebarPage(page);
    const card = sidebar.item('hostile-caption');
    await expect(card.locator('[data-testid="hk-length-warning"]')).toContainText('Terlalu panjang untuk X');
    await sidebar.insert('hostile-caption');
    await expect.poll(() => fixture.text(page)).toBe(hostile);
    // X itself refuses a post over 280 weighted characters: its Post stays disabled.
    await expect(page.getByTestId('tweetButton')).toHaveAttribute('aria-disabled', 'true');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
  } finally {
    await server.close();
  }
});

test('an editor that ignores every technique gets no text twice: the caption is copied and the officer told what to do', { tag: '@hostile' }, async ({ context, configure }) => {
  await configure();
  const page = await context.newPage();
  // The page swallows every synthetic insertion before its editor sees it.
  await page.addInitScript(() => {
    for (const type of ['paste', 'textInput', 'beforeinput', 'input']) {
      window.addEventListener(type, (e) => {
        if (!e.isTrusted) {
          e.stopImmediatePropagation();
          e.preventDefault();
        }
      }, true);
    }
  });
  await page.goto('https://x.com/compose/post');
  const sidebar = new SidebarPage(page);
  const preview = await sidebar.item('cek-kesehatan-gratis-2026').locator('[data-testid="hk-preview"]').innerText();
  await sidebar.insert('cek-kesehatan-gratis-2026');
  // The image goes first (the page lets file inputs through), then the text fails: it is copied instead.
  await expect(sidebar.notice()).toHaveText('Gambar resmi sudah terlampir, tetapi teks tidak dapat disisipkan otomatis. Teks sudah disalin: klik kotak tulisan lalu tekan Ctrl+V.');
  expect(await fixture.text(page)).toBe('');
  expect((await fixture.files(page)).map((f) => f.name)).toEqual(['cek-kesehatan-gratis-2026-1.jpg']);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(preview);
});
