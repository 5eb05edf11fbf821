// The settings page: Indonesian validation messages, and saving points the extension at a library.
import { startLibraryServer } from '../../library/server';
import { sampleItem } from '../support/sample-items';
import { expect, readPosts, readStore, test } from './harness';
import { fixture, SettingsPage, SidebarPage } from './pages';

test('invalid settings are explained; valid ones are saved and the new library syncs at once', async ({ context, extensionId }) => {
  const server = await startLibraryServer({ items: [sampleItem('konten-dari-pengaturan', { title: 'Konten dari pengaturan' })] });
  try {
    const settings = await SettingsPage.open(context, extensionId);
    const page = settings.page;
    // The officer finds the fields by their Indonesian labels.
    await page.getByLabel('Alamat pustaka konten').fill('pustaka.instansi');
    await page.getByLabel('Kunci publik pustaka (opsional)').fill('bukan-kunci');
    await settings.save();
    await expect(settings.error('libraryUrl')).toHaveText('Alamat pustaka harus berupa alamat lengkap, mis. https://pustaka.instansi.go.id');
    await expect(settings.error('publicKey')).toContainText('Kunci publik harus berupa kunci Ed25519');

    await page.getByLabel('Alamat pustaka konten').fill(server.url);
    await page.getByLabel('Kunci publik pustaka (opsional)').fill('');
    await page.getByLabel('Nama petugas').fill('Sari Dewi');
    await page.getByLabel('Instansi').fill('Diskominfo Kota Malang');
    await page.getByLabel('Daerah').fill('Kota Malang');
    await settings.save();
    await expect(settings.byTestId('hk-settings-status')).toHaveText('Tersimpan. Sinkronisasi pustaka dimulai.');

    const x = await context.newPage();
    await x.goto('https://x.com/compose/post');
    const sidebar = new SidebarPage(x);
    await expect(sidebar.item('konten-dari-pengaturan')).toBeVisible();
    await expect(sidebar.item('konten-dari-pengaturan').getByTestId('hk-preview')).toContainText('untuk Kota Malang');
  } finally {
    await server.close();
  }
});

test('pointing reports at another server asks first when entries are waiting, and sends them there only when the officer agrees', async ({ context, configure, serviceWorker, extensionId }) => {
  const gone = await startLibraryServer();
  const oldReports = gone.url;
  await gone.close(); // the old report server is unreachable: entries wait in the outbox
  await configure({ reportUrl: oldReports });
  const page = await context.newPage();
  await page.goto('https://x.com/compose/post');
  await new SidebarPage(page).insert('cek-bansos-resmi');
  await expect.poll(() => fixture.text(page)).toContain('bansos');
  await page.getByTestId('tweetButton').click();
  await expect.poll(async () => (await readPosts(serviceWorker)).map((p) => p.status)).toEqual(['confirmed']);
  // The post, its confirmation, its address (the address is written after the confirmation).
  await expect.poll(async () => (await readStore(serviceWorker, 'outbox')).length).toBe(3);
  const waiting = 3;

  const reports = await startLibraryServer();
  try {
    const settings = await SettingsPage.open(context, extensionId);
    await settings.fill({ reportUrl: reports.url });
    await settings.save();
    await expect(settings.byTestId('hk-move-reports')).toContainText(`Ada ${waiting} entri catatan posting yang belum terkirim`);
    await settings.byTestId('hk-move-reports-no').click();
    await expect(settings.byTestId('hk-settings-status')).toHaveText('Tidak disimpan. Catatan tetap menunggu untuk server laporan sebelumnya.');
    const stored = await serviceWorker.evaluate(() => chrome.storage.local.get('settings'));
    expect((stored.settings as { reportUrl: string }).reportUrl).toBe(oldReports);
    expect(reports.reports.size).toBe(0);

    await settings.save();
    await settings.byTestId('hk-move-reports-yes').click();
    await expect(settings.byTestId('hk-settings-status')).toContainText('Tersimpan');
    await expect.poll(() => reports.reports.size).toBe(waiting);
  } finally {
    await reports.close();
  }
});
