// Field conditions: a regional office on a 256 kbit/s link with 300 ms latency (the dev server's
// slow-link simulator), a library of 100 items whose editors uploaded 1080×1350 infographics
// (400 KB–1 MB PNG), published as the real publisher does: platform-ready JPEG + signed thumbnail.
// The list must not wait for the images, and an urgent item must be postable at once.
import { startLibraryServer, type LibraryServer } from '../../library/server';
import { FIELD_URGENT_INDEX, fieldItemId, fieldLibrary } from '../support/field-library';
import { setSettings } from '../support/extension-tools';
import { expect, OFFICER, readStore, test } from './harness';
import { fixture, SidebarPage } from './pages';

const LINK = { bytesPerSecond: 32_000, latencyMs: 300 };
const URGENT = fieldItemId(FIELD_URGENT_INDEX);

async function fieldServer(link: typeof LINK & { cutMediaAfterBytes?: number }): Promise<LibraryServer> {
  return startLibraryServer({ contentDir: await fieldLibrary(100), link });
}

test('at 256 kbit/s every item is listed with its thumbnail and searchable within 15 s; an urgent Sisipkan inserts the text at once and its image as soon as it arrives', async ({ context, serviceWorker }) => {
  test.setTimeout(180_000); // drawing the 100 infographics, the first time on this machine
  const server = await fieldServer(LINK);
  try {
    const page = await context.newPage();
    await page.goto('https://x.com/compose/post');
    const sidebar = new SidebarPage(page);
    await setSettings(serviceWorker, { ...OFFICER, libraryUrl: server.url });
    const started = Date.now();
    await expect(sidebar.status()).toContainText('100 konten', { timeout: 15_000 });
    await sidebar.search().fill('program 99');
    await expect(sidebar.items()).toHaveCount(1, { timeout: Math.max(1, 15_000 - (Date.now() - started)) });
    await expect(sidebar.item(fieldItemId(99)).locator('img.hk-thumb')).toHaveAttribute('src', /^data:image\/jpeg;base64,/);
    await sidebar.search().fill('');
    // Every card the sidebar shows has its thumbnail, long before any full image.
    await expect.poll(() => sidebar.items().count()).toBeGreaterThan(10);
    const shown = await sidebar.items().count();
    await expect(sidebar.root.locator('[data-testid="hk-item"] img.hk-thumb[src^="data:image/jpeg;base64,"]')).toHaveCount(shown, { timeout: Math.max(1, 15_000 - (Date.now() - started)) });
    test.info().annotations.push({ type: 'list complete with thumbnails', description: `${((Date.now() - started) / 1000).toFixed(1)} s` });

    // The urgent item is first; its image has not arrived yet.
    const urgent = server.item(URGENT)!.media[0]!;
    const card = sidebar.item(URGENT);
    await expect(sidebar.items().first()).toHaveAttribute('data-item-id', URGENT);
    await expect(card.locator('.hk-meta')).toContainText('Gambar belum tersedia');
    const preview = await card.locator('[data-testid="hk-preview"]').innerText();
    await sidebar.insert(URGENT);
    const clicked = Date.now();
    await expect(sidebar.notice()).toHaveText('Teks sudah disisipkan. Infografis resminya sedang diunduh dan akan dilampirkan otomatis.');
    expect(await fixture.text(page)).toBe(preview);
    await expect(card.getByTestId('hk-image-progress')).toBeVisible();

    const budgetMs = (urgent.bytes / LINK.bytesPerSecond) * 1000 + 3000;
    await expect.poll(() => fixture.files(page), { timeout: budgetMs, intervals: [250] }).toMatchObject([{ name: `${URGENT}-1.jpg`, type: 'image/jpeg', sha256: urgent.sha256 }]);
    test.info().annotations.push({ type: 'image after click', description: `${((Date.now() - clicked) / 1000).toFixed(1)} s for ${urgent.bytes} bytes (budget ${(budgetMs / 1000).toFixed(1)} s)` });
    await expect(sidebar.notice()).toHaveText('Infografis resmi sudah dilampirkan.');
    await expect(card.getByTestId('hk-image-progress')).toHaveCount(0);
    expect(await fixture.text(page)).toBe(preview);
  } finally {
    await server.close();
  }
});

test('a download the link cuts half-way resumes from its byte offset with Range, and the stored bytes match the sha256', async ({ context, serviceWorker }) => {
  test.setTimeout(180_000);
  const contentDir = await fieldLibrary(100);
  const probe = await startLibraryServer({ contentDir });
  const urgent = probe.item(URGENT)!.media[0]!;
  await probe.close();
  const cut = Math.floor(urgent.bytes / 2);
  const server = await fieldServer({ ...LINK, cutMediaAfterBytes: cut });
  try {
    const page = await context.newPage();
    await page.goto('https://x.com/compose/post');
    const sidebar = new SidebarPage(page);
    await setSettings(serviceWorker, { ...OFFICER, libraryUrl: server.url });
    // Urgent first in the download queue: its image comes without any click.
    await expect(sidebar.item(URGENT).locator('.hk-meta')).toContainText('Dengan gambar', { timeout: 60_000 });

    const requests = server.mediaLog.filter((r) => r.path === `/${urgent.url}`);
    expect(requests[0]).toEqual({ path: `/${urgent.url}`, status: 200, bytes: cut });
    const resumedAt = Number(requests[1]?.range?.match(/^bytes=(\d+)-$/)?.[1]);
    expect(resumedAt).toBeGreaterThan(0);
    expect(resumedAt).toBeLessThanOrEqual(cut);
    expect(requests[1]).toMatchObject({ status: 206, bytes: urgent.bytes - resumedAt });
    expect(requests).toHaveLength(2);
    test.info().annotations.push({ type: 'resume', description: `cut after ${cut} of ${urgent.bytes} bytes, resumed with bytes=${resumedAt}-` });

    // What the extension kept is exactly the published image.
    await sidebar.insert(URGENT);
    await expect.poll(() => fixture.files(page)).toMatchObject([{ name: `${URGENT}-1.jpg`, size: urgent.bytes, sha256: urgent.sha256 }]);
  } finally {
    await server.close();
  }
});

test('data-saver mode downloads no full image until one is needed; one changed item later costs a few KB', async ({ context, serviceWorker }) => {
  test.setTimeout(180_000);
  const server = await fieldServer(LINK);
  try {
    const page = await context.newPage();
    await page.goto('https://x.com/compose/post');
    const sidebar = new SidebarPage(page);
    await setSettings(serviceWorker, { ...OFFICER, libraryUrl: server.url, dataSaver: 'on' });
    await expect(sidebar.status()).toContainText('Hemat data aktif', { timeout: 20_000 });
    await expect(sidebar.status()).toContainText('100 konten');
    const normal = fieldItemId(42);
    await sidebar.search().fill('program 42');
    await expect(sidebar.item(normal).locator('.hk-meta')).toContainText('Gambar diunduh saat dibutuhkan');
    await expect(sidebar.item(normal).locator('img.hk-thumb')).toHaveAttribute('src', /^data:image\/jpeg;base64,/);
    // The image run after the text (skipped downloads in data-saver mode) records its outcome when it
    // ends: a download that was going to happen has at least been requested by then.
    await expect.poll(async () => (await readStore<{ key: string; value: { dataSaver?: boolean } }>(serviceWorker, 'meta')).find((m) => m.key === 'syncMedia')?.value, { timeout: 20_000 }).toMatchObject({ dataSaver: true });
    expect(server.mediaLog).toEqual([]);

    // Sisipkan fetches exactly that image.
    const image = server.item(normal)!.media[0]!;
    await sidebar.insert(normal);
    await expect.poll(() => fixture.files(page), { timeout: 15_000 }).toMatchObject([{ name: `${normal}-1.jpg`, sha256: image.sha256 }]);
    expect(server.mediaLog.map((r) => r.path)).toEqual([`/${image.url}`]);
    // Unduh gambar fetches another one on demand.
    await sidebar.search().fill('program 43');
    expect(await sidebar.download(fieldItemId(43))).toBe(`${fieldItemId(43)}-1.jpg`);
    await sidebar.search().fill('');
    expect(server.mediaLog.map((r) => r.path)).toEqual([`/${image.url}`, `/${server.item(fieldItemId(43))!.media[0]!.url}`]);

    // One edited caption: the next sync carries that item only.
    const before = server.wireBytes();
    const item = server.item(normal)!;
    server.upsert({ ...item, version: 2, captions: { default: 'Keterangan yang diperbarui pusat untuk warga {daerah}.' } });
    await sidebar.root.getByTestId('hk-sync-now').click();
    await sidebar.search().fill('diperbarui pusat');
    await expect(sidebar.item(normal).getByTestId('hk-preview')).toContainText('Keterangan yang diperbarui pusat untuk warga Kota Malang.', { timeout: 15_000 });
    const spent = server.wireBytes() - before;
    test.info().annotations.push({ type: 'one change', description: `${spent} bytes on the wire (requests and answers, headers included)` });
    expect(spent).toBeLessThanOrEqual(5_000);
    expect(server.mediaLog).toHaveLength(2);
  } finally {
    await server.close();
  }
});
