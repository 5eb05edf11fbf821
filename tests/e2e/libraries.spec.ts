// An officer following two libraries, each signed with its own key (the national one and a
// province's): the sidebar shows both with their source labels and filters by source; the same item
// id in both stays two cards; when the province's library breaks, the national items stay and the
// sidebar and popup say, in Indonesian, which library failed.
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadPrivateKey, rawPublicKeyBase64 } from '../../library/keys';
import { startLibraryServer, type LibraryServer } from '../../library/server';
import { setSettings, waitForSync } from '../support/extension-tools';
import { sampleItem } from '../support/sample-items';
import { expect, OFFICER, readStoredItems, test } from './harness';
import { PopupPage, SettingsPage, SidebarPage } from './pages';

const CONTENT_DIR = new URL('../../library/content/', import.meta.url).pathname;
const DEV_KEYS = new URL('../../library/dev-keys/', import.meta.url).pathname;
const PROVINCE_KEY = generateKeyPairSync('ed25519').privateKey;
let national: LibraryServer;
let province: LibraryServer;

test.beforeEach(async () => {
  national = await startLibraryServer({ contentDir: CONTENT_DIR, signingKey: loadPrivateKey(readFileSync(`${DEV_KEYS}dev-ed25519-private.pem`, 'utf8')) });
  province = await startLibraryServer({
    // One id the national library also has: a different item of another library.
    items: [sampleItem('cek-bansos-resmi', { title: 'Bansos Jawa Timur: cek di dinsos.jatimprov.go.id' }), sampleItem('jatim-vaksinasi-sekolah', { title: 'Vaksinasi di sekolah se-Jawa Timur' })],
    signingKey: PROVINCE_KEY,
    publisher: 'Diskominfo Provinsi Jawa Timur',
  });
});
test.afterEach(async () => {
  await Promise.all([national.close(), province.close()]);
});

test('two signed libraries: both shown with their source, filtered by source; one broken leaves the other and says which', async ({ context, serviceWorker, extensionId }) => {
  await setSettings(serviceWorker, {
    ...OFFICER,
    libraries: [
      { id: 'nasional', label: 'Nasional', url: national.url, publicKey: readFileSync(`${DEV_KEYS}dev-ed25519-public.txt`, 'utf8').trim() },
      { id: 'jatim', label: 'Prov. Jawa Timur', url: province.url, publicKey: rawPublicKeyBase64(PROVINCE_KEY) },
    ],
  });
  await waitForSync(serviceWorker, national.url, 15_000);
  await expect.poll(async () => (await readStoredItems(serviceWorker)).filter((i) => i.id.startsWith('jatim:')).length, { timeout: 15_000 }).toBe(2);

  const page = await context.newPage();
  await page.goto('https://x.com/compose/post');
  const sidebar = new SidebarPage(page);
  await expect(sidebar.items()).toHaveCount(33);
  const source = (id: string) => sidebar.item(id).locator('[data-testid="hk-item-source"]');
  await expect(source('cek-bansos-resmi')).toHaveText('Nasional');
  await expect(source('jatim:cek-bansos-resmi')).toHaveText('Prov. Jawa Timur');
  await expect(sidebar.item('jatim:cek-bansos-resmi').locator('.hk-title')).toHaveText('Bansos Jawa Timur: cek di dinsos.jatimprov.go.id');

  const filter = sidebar.root.locator('[data-testid="hk-source"]');
  await filter.selectOption({ label: 'Prov. Jawa Timur' });
  await expect(sidebar.items()).toHaveCount(2);
  await expect(sidebar.root.locator('[data-testid="hk-item-source"]')).toHaveText(['Prov. Jawa Timur', 'Prov. Jawa Timur']);
  await filter.selectOption({ label: 'Nasional' });
  await expect(sidebar.items()).toHaveCount(31);
  await expect(sidebar.item('jatim:cek-bansos-resmi')).toHaveCount(0);
  await filter.selectOption({ label: 'Semua sumber' });
  await expect(sidebar.items()).toHaveCount(33);

  // The province's library answers with a forged signature; the national one publishes something new.
  province.upsert(sampleItem('jatim-palsu', { title: 'Tidak boleh tampil' }));
  province.setFault('badSignature');
  national.upsert(sampleItem('nasional-baru', { title: 'Konten nasional terbaru' }));
  await sidebar.root.locator('[data-testid="hk-sync-now"]').click();
  await expect(sidebar.status()).toHaveText(/^Pustaka Prov\. Jawa Timur gagal: Tanda tangan tidak valid.*34 konten/);
  await expect(sidebar.item('nasional-baru')).toHaveCount(1);
  await expect(sidebar.item('jatim:cek-bansos-resmi')).toHaveCount(1); // its last good copy stays
  await expect(sidebar.item('jatim:jatim-palsu')).toHaveCount(0);
  const popup = await PopupPage.open(context, extensionId);
  expect(await popup.statusAfterReload()).toMatch(/^Pustaka Prov\. Jawa Timur gagal: Tanda tangan tidak valid/);

  // The settings page lists both; saving the officer's fields keeps the list.
  const settings = await SettingsPage.open(context, extensionId);
  await expect(settings.byTestId('hk-library')).toHaveText([/^Nasional — http:\/\/127\.0\.0\.1:\d+ · bertanda tangan · pustaka utama$/, /^Prov\. Jawa Timur — http:\/\/127\.0\.0\.1:\d+ · bertanda tangan$/]);
  await expect(settings.field('libraryUrl')).toHaveJSProperty('readOnly', true);
  await settings.fill({ officerName: 'Sari Wulandari' });
  await settings.save();
  await expect(settings.byTestId('hk-settings-status')).toBeVisible();
  const stored = await serviceWorker.evaluate(() => chrome.storage.local.get('settings'));
  expect((stored.settings as { officerName: string; libraries: { id: string }[] }).libraries.map((l) => l.id)).toEqual(['nasional', 'jatim']);
  expect((stored.settings as { officerName: string }).officerName).toBe('Sari Wulandari');
});
