// The settings page: Indonesian validation messages, and saving points the extension at a library.
import { startLibraryServer } from '../../library/server';
import { sampleItem } from '../support/sample-items';
import { expect, test } from './harness';
import { SettingsPage, SidebarPage } from './pages';

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
