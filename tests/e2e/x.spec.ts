// The foundation slice on the real Draft.js fixture: sync → sidebar → one click → Post → log entry.
import { expect, OFFICER, readPosts, readStore, test } from './harness';
import { fixture, SidebarPage } from './pages';
import { servedSampleImage } from '../support/sample-media';

const CKG_ON_X =
  'Cek Kesehatan Gratis (CKG) bisa di puskesmas terdekat. Bawa KTP, daftar lewat SATUSEHAT Mobile. Warga Kota Malang, yuk cek kesehatan! 🩺' +
  '\n\n#CekKesehatanGratis #IndonesiaSehat\nhttps://www.kemkes.go.id/cek-kesehatan-gratis';

test('one click puts the composed caption and the image into the Draft.js state; Post writes one log entry', async ({ context, configure, serviceWorker }) => {
  await configure();
  const page = await context.newPage();
  await page.goto('https://x.com/compose/post');
  const sidebar = new SidebarPage(page);
  await expect(sidebar.items()).toHaveCount(31);
  await expect(sidebar.status()).toContainText('31 konten');
  await expect(sidebar.items().first()).toHaveAttribute('data-item-id', 'hoaks-bansos-link-whatsapp');

  await sidebar.insert('cek-kesehatan-gratis-2026');
  await expect.poll(() => fixture.text(page)).toBe(CKG_ON_X);
  const files = await fixture.files(page);
  const served = await servedSampleImage('cek-kesehatan-gratis-2026');
  expect(files).toEqual([{ name: 'cek-kesehatan-gratis-2026-1.jpg', type: 'image/jpeg', size: served.bytes.length, sha256: served.sha256 }]);
  await expect(page.getByTestId('tweetButton')).not.toHaveAttribute('aria-disabled', 'true');

  await page.getByTestId('tweetButton').click();
  await expect.poll(() => fixture.posts(page)).toHaveLength(1);
  expect((await fixture.posts(page))[0]?.text).toBe(CKG_ON_X);

  await expect.poll(() => readPosts(serviceWorker)).toHaveLength(1);
  const [entry] = await readPosts(serviceWorker);
  expect(entry).toMatchObject({
    platform: 'x',
    itemId: 'cek-kesehatan-gratis-2026',
    itemVersion: 1,
    mediaIds: ['cek-kesehatan-gratis-2026-1'],
    text: CKG_ON_X,
    edited: false,
    account: '@humas_malang',
    pageUrl: 'https://x.com/compose/post',
    officerName: OFFICER.officerName,
    agency: OFFICER.agency,
  });
  // The first entry of this install's chain starts at its key's genesis, and carries its signature.
  const install = (await readStore<{ key: string; value: { genesis: string } }>(serviceWorker, 'meta')).find((m) => m.key === 'install')!.value;
  expect(entry?.prevHash).toBe(install.genesis);
  expect(entry?.hash).toMatch(/^[0-9a-f]{64}$/);
  expect(entry?.signature).toMatch(/^[A-Za-z0-9+/]{86}==$/);
});

test('the inline composer on /home gets the sidebar; Ctrl+Enter posts and logs the entry', async ({ context, configure, serviceWorker }) => {
  await configure();
  const page = await context.newPage();
  await page.goto('https://x.com/home');
  const sidebar = new SidebarPage(page);
  await expect(sidebar.items()).toHaveCount(31);
  await sidebar.insert('cek-kesehatan-gratis-2026');
  await expect.poll(() => fixture.text(page)).toBe(CKG_ON_X);
  await expect(page.getByTestId('tweetButtonInline')).not.toHaveAttribute('aria-disabled', 'true');
  await page.getByTestId('tweetTextarea_0').press('Control+Enter');
  await expect.poll(() => fixture.posts(page)).toHaveLength(1);
  await expect.poll(() => readPosts(serviceWorker)).toHaveLength(1);
  expect((await readPosts(serviceWorker))[0]).toMatchObject({ platform: 'x', itemId: 'cek-kesehatan-gratis-2026', text: CKG_ON_X, pageUrl: 'https://x.com/home', edited: false });
});
