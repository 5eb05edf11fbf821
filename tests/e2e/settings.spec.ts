// The settings page: Indonesian validation messages, and saving points the extension at a library.
import { startLibraryServer } from '../../library/server';
import { sampleItem } from '../support/sample-items';
import { expect, test } from './harness';
import { SidebarPage } from './pages';

test('invalid settings are explained; valid ones are saved and the new library syncs at once', async ({ context, extensionId }) => {
  const server = await startLibraryServer({ items: [sampleItem('konten-dari-pengaturan', { title: 'Konten dari pengaturan' })] });
  try {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    await page.getByLabel('Alamat pustaka konten').fill('pustaka.instansi');
    await page.getByLabel('Kunci publik pustaka (opsional)').fill('bukan-kunci');
    await page.getByTestId('hk-save').click();
    await expect(page.getByTestId('hk-libraryUrl-error')).toHaveText('Alamat pustaka harus berupa alamat lengkap, mis. https://pustaka.instansi.go.id');
    await expect(page.getByTestId('hk-publicKey-error')).toContainText('Kunci publik harus berupa kunci Ed25519');

    await page.getByLabel('Alamat pustaka konten').fill(server.url);
    await page.getByLabel('Kunci publik pustaka (opsional)').fill('');
    await page.getByLabel('Nama petugas').fill('Sari Dewi');
    await page.getByLabel('Instansi').fill('Diskominfo Kota Malang');
    await page.getByLabel('Daerah').fill('Kota Malang');
    await page.getByTestId('hk-save').click();
    await expect(page.getByTestId('hk-settings-status')).toHaveText('Tersimpan. Sinkronisasi pustaka dimulai.');

    const x = await context.newPage();
    await x.goto('https://x.com/compose/post');
    const sidebar = new SidebarPage(x);
    await expect(sidebar.item('konten-dari-pengaturan')).toBeVisible();
    await expect(sidebar.item('konten-dari-pengaturan').getByTestId('hk-preview')).toContainText('untuk Kota Malang');
  } finally {
    await server.close();
  }
});
