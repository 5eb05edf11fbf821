// Issue 30's whole journey in Chromium against a hub on PGlite hosting two desk libraries (the
// national one and East Java's, each signed with its own key, served under /library/<id>/): an
// editor writes an urgent item with two X variants and a dropped infographic in the province's desk
// and sends it for review; she signs out and a second account approves it. Two officers, each in
// their own browser following both libraries, get it at their extension's own one-minute check
// (≤ 70 s) labelled "Prov. Jawa Timur", with an urgent alert, beside the national library's items
// labelled "Nasional"; they get different variants. One posts it (image attached); the hub's
// coverage counts the post. The editor withdraws it with a reason → the officer's popup asks her to
// delete her post (its link), she confirms, and the hub's follow-up shows "confirmed removed".
import { chromium, type Browser, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { setRole } from '../../hub/desk/libraries';
import type { RunningHub } from '../../hub/server';
import { assignVariant, officerKey } from '../../utils/shared/variants';
import { DESK_PASSWORD as PASSWORD, NATIONAL_LIBRARY, startDeskHub, type DeskHub } from '../support/desk-hub';
import { deskApiAs, signInToHub } from '../support/desk-session';
import { pendingImages, setSettings, waitForSync } from '../support/extension-tools';
import { CHROMIUM, launchWithExtension, serviceWorkerOf } from '../support/launch';
import { expect, readPosts, readStoredItems, test } from './harness';
import { fixture, PopupPage, SidebarPage } from './pages';
import { SITE_PAGES } from './sites';

const TOKEN = 'token-laporan-diskominfo-malang';
const AGENCY = 'Diskominfo Kota Malang';
const TITLE = '[HOAKS] Pendaftaran bansos Jatim lewat WhatsApp';
const X_CAPTIONS = ['Daftar bansos lewat WhatsApp? Hoaks. Cek dinsos.jatimprov.go.id.', 'Pesan WhatsApp soal pendaftaran bansos Jatim tidak benar; info resmi di dinsos.jatimprov.go.id.'];
const X_SITE = SITE_PAGES.find((s) => s.platform === 'x')!;
let deskHub: DeskHub;
let hub: RunningHub;
let browser: Browser;
let infographic: string;
const seeded: Record<'nasional' | 'jatim', string> = { nasional: '', jatim: '' };

test.beforeAll(async () => {
  deskHub = await startDeskHub('desk-journey', {
    libraries: [NATIONAL_LIBRARY, { id: 'jatim', name: 'Pustaka Prov. Jawa Timur', publisher: 'Diskominfo Provinsi Jawa Timur' }],
    agencies: [{ id: 'kominfo-malang', name: AGENCY, token: TOKEN }],
    // The editor also withdraws in the province's desk (withdrawal is an approver's right; she never approves her own writing).
    prepare: (db) => setRole(db, 'jatim', 'editor', 'approver'),
  });
  hub = deskHub.hub;
  infographic = join(deskHub.dir, 'infografis.png');
  writeFileSync(infographic, await sharp({ create: { width: 1200, height: 1500, channels: 3, background: '#1f6f8b' } }).png().toBuffer());
  browser = await chromium.launch({ executablePath: CHROMIUM });
  // Each library has published before officers follow it (an officer's first sync of a library stays quiet).
  const earlier = { nasional: 'Cek Kesehatan Gratis di puskesmas', jatim: 'Vaksinasi di sekolah se-Jawa Timur' };
  for (const library of ['nasional', 'jatim'] as const) {
    const [editor, approver] = [await deskApiAs(hub.url, 'editor', PASSWORD, library), await deskApiAs(hub.url, 'penyetuju', PASSWORD, library)];
    const content = { title: earlier[library], program: 'Kesehatan', kind: 'berita', priority: 'normal', tags: [], captions: { default: `${earlier[library]}: info di puskesmas terdekat.` }, hashtags: [], media: [] };
    const { id } = await editor('/items', { content });
    await editor(`/items/${id}/submit`);
    await approver(`/items/${id}/approve`);
    seeded[library] = id;
  }
});
test.afterAll(async () => {
  await browser?.close();
  await deskHub?.close();
});

/** An officer's browser follows both libraries, each with its own public key, and reports to the hub. */
async function followBoth(sw: Worker, officerName: string): Promise<void> {
  const library = (id: 'nasional' | 'jatim', label: string) => ({ id, label, url: `${hub.url}/library/${id}`, publicKey: deskHub.libraries[id]!.publicKey });
  await setSettings(sw, { officerName, agency: AGENCY, region: 'Kota Malang', reportUrl: hub.url, reportToken: TOKEN, libraries: [library('nasional', 'Nasional'), library('jatim', 'Prov. Jawa Timur')] });
  await waitForSync(sw, `${hub.url}/library/nasional`, 15_000);
  await expect.poll(async () => (await readStoredItems(sw)).map((i) => i.id).sort(), { timeout: 15_000 }).toEqual([seeded.nasional, `jatim:${seeded.jatim}`].sort());
  await expect.poll(() => pendingImages(sw), { timeout: 15_000 }).toBe(0);
}

/** X's composer with the sidebar, both libraries' earlier items shown with their source labels. */
async function openX(context: BrowserContext): Promise<{ page: Page; sidebar: SidebarPage }> {
  const page = await context.newPage();
  await page.goto(X_SITE.url);
  await X_SITE.openComposer(page);
  const sidebar = new SidebarPage(page);
  await expect(sidebar.item(seeded.nasional).getByTestId('hk-item-source')).toHaveText('Nasional');
  await expect(sidebar.item(`jatim:${seeded.jatim}`).getByTestId('hk-item-source')).toHaveText('Prov. Jawa Timur');
  return { page, sidebar };
}

/**
 * The second officer posts the national library's earlier item: an extension enrolls with the hub
 * when it first has an entry to report, and only enrolled officers are expected in the coverage.
 */
async function postEarlierItem(context: BrowserContext, sw: Worker): Promise<void> {
  const { page, sidebar } = await openX(context);
  await sidebar.insert(seeded.nasional);
  await expect.poll(() => fixture.text(page)).toContain('Cek Kesehatan Gratis di puskesmas: info di puskesmas terdekat.');
  await X_SITE.postButton(page).click();
  await expect.poll(async () => (await readPosts(sw)).length, { timeout: 20_000 }).toBe(1);
  await expect.poll(() => hub.db.query("SELECT count(*)::int AS n FROM entries WHERE kind = 'post'"), { timeout: 30_000 }).toEqual([{ n: 1 }]);
  await page.close();
}

/** The editor's form in the province's desk: an urgent counter-hoax, two X captions, an infographic dropped with its alt text. */
async function writeItem(desk: Page): Promise<string> {
  await desk.getByTestId('desk-library').selectOption('jatim');
  await desk.getByTestId('desk-new').click();
  await desk.getByTestId('desk-title').fill(TITLE);
  await desk.getByTestId('desk-program').fill('Perlindungan Sosial');
  await desk.getByTestId('desk-kind').selectOption('klarifikasi');
  await desk.getByTestId('desk-priority').selectOption('urgent');
  await desk.getByTestId('desk-caption-default').fill('Pendaftaran bansos Jawa Timur tidak lewat WhatsApp. Cek dinsos.jatimprov.go.id.');
  await desk.getByTestId('desk-caption-x').fill(X_CAPTIONS[0]!);
  await desk.getByTestId('desk-add-variant-x').click();
  await desk.getByTestId('desk-variant-x-1').fill(X_CAPTIONS[1]!);
  await expect(desk.getByTestId('desk-count-x-1')).toContainText(/^X · 2: \d+\/280$/);
  // Dropped on the form's drop zone, as from the file manager.
  const dataTransfer = await desk.evaluateHandle((base64) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], 'infografis.png', { type: 'image/png' }));
    return transfer;
  }, readFileSync(infographic).toString('base64'));
  await desk.getByTestId('desk-drop').dispatchEvent('drop', { dataTransfer });
  await desk.getByTestId('desk-alt-0').fill('Infografis: pendaftaran bansos Jatim tidak lewat WhatsApp', { timeout: 30_000 });
  await desk.getByTestId('desk-submit').click();
  const inReview = desk.getByTestId('desk-state-review').getByTestId('desk-item');
  await expect(inReview).toHaveCount(1);
  return (await inReview.getAttribute('data-item-id'))!;
}

test('the desk journey: written with two X variants and an infographic, approved by another account, at both officers within 70 s with its label, posted, counted, withdrawn, confirmed removed', async ({ context, serviceWorker, extensionId }) => {
  test.setTimeout(240_000);
  const desk = await signInToHub(browser, hub.url, '/desk', 'editor', PASSWORD);
  const itemId = await writeItem(desk);
  const storedId = `jatim:${itemId}`;

  // Variants are assigned by a hash of the officer (agency and name) and the item, always the same;
  // the item's id is the desk's (with a random part), so the second officer's name is the first
  // candidate whose assignment differs from Sari's for this item. The hash takes the library's own id
  // for the item, not the `jatim:<id>` the extension stores it under.
  const variantOf = (officerName: string) => assignVariant(officerKey({ officerName, agency: AGENCY }, ''), itemId, X_CAPTIONS.length);
  const sari = 'Sari Dewi';
  const budi = ['Budi Santoso', 'Agus Salim', 'Rina Wulandari', 'Dedi Kurniawan', 'Wahyu Hidayat', 'Putri Lestari', 'Eko Prasetyo', 'Siti Aminah', 'Joko Susilo', 'Nur Hasanah', 'Andi Saputra', 'Dian Permata', 'Fajar Nugroho', 'Lina Marlina', 'Hendra Gunawan', 'Yuni Astuti'].find((name) => variantOf(name) !== variantOf(sari));
  if (!budi) throw new Error(`no candidate name gets another variant than ${sari} for ${itemId}`);

  const second = await launchWithExtension();
  try {
    const budiWorker = await serviceWorkerOf(second.context);
    await Promise.all([followBoth(serviceWorker, sari), followBoth(budiWorker, budi)]);
    await postEarlierItem(second.context, budiWorker);
    const officers = [{ name: sari, ...(await openX(context)) }, { name: budi, ...(await openX(second.context)) }];

    // The editor signs out; the approver signs in on the same page and approves.
    await desk.getByRole('button', { name: 'Keluar' }).click();
    await desk.getByTestId('hub-username').fill('penyetuju');
    await desk.getByTestId('hub-password').fill(PASSWORD);
    await desk.getByTestId('hub-login').click();
    await expect(desk.getByTestId('desk-user')).toContainText('penyetuju');
    await desk.getByTestId('desk-library').selectOption('jatim');
    const approvedAt = Date.now();
    await desk.getByTestId('desk-approve').click();
    await expect(desk.getByTestId('desk-notice')).toContainText('nomor terbitan 2');

    // Both extensions get it at their own one-minute check (no sync asked), labelled with its library.
    for (const { sidebar } of officers) await expect(sidebar.item(storedId)).toBeVisible({ timeout: 75_000 });
    const elapsed = Date.now() - approvedAt;
    test.info().annotations.push({ type: 'approve → both officers’ sidebars', description: `${(elapsed / 1000).toFixed(1)} s` });
    expect(elapsed).toBeLessThanOrEqual(70_000);
    for (const { sidebar } of officers) {
      await expect(sidebar.item(storedId).getByTestId('hk-item-source')).toHaveText('Prov. Jawa Timur');
      await expect(sidebar.item(seeded.nasional).getByTestId('hk-item-source')).toHaveText('Nasional');
    }
    for (const sw of [serviceWorker, budiWorker]) {
      await expect.poll(async () => Object.keys(await sw.evaluate(() => chrome.notifications.getAll())), { timeout: 15_000 }).toContain(`hk-urgent:${storedId}`);
    }

    // Each inserts the item: a different variant each, the infographic attached.
    const assigned: number[] = [];
    for (const { page, sidebar } of officers) {
      const variant = Number(await sidebar.item(storedId).getByTestId('hk-variant').getAttribute('data-variant'));
      await expect(sidebar.item(storedId).getByTestId('hk-variant')).toContainText(`Variasi ${variant + 1} dari 2`);
      await sidebar.insert(storedId);
      await expect.poll(() => fixture.text(page)).toContain(X_CAPTIONS[variant]!);
      expect(await fixture.text(page)).not.toContain(X_CAPTIONS[1 - variant]!);
      await expect.poll(async () => (await fixture.files(page)).length).toBe(1);
      assigned.push(variant);
    }
    expect(assigned[0]).not.toBe(assigned[1]);

    // Sari posts; her log records the variant and the library, and the hub's coverage counts the post.
    await X_SITE.postButton(officers[0]!.page).click();
    await expect.poll(() => fixture.posts(officers[0]!.page)).toHaveLength(1);
    expect((await fixture.posts(officers[0]!.page))[0]!.files).toHaveLength(1);
    await expect.poll(async () => (await readPosts<{ latest?: { postUrl?: string } }>(serviceWorker))[0]?.latest?.postUrl, { timeout: 20_000 }).toMatch(/^https:\/\/x\.com\//);
    const [post] = await readPosts<{ id: string; itemId: string; libraryId: string; variant: number; mediaIds: string[]; latest: { postUrl: string } }>(serviceWorker);
    expect(post).toMatchObject({ itemId, libraryId: 'jatim', variant: assigned[0], officerName: sari });
    expect(post!.mediaIds).toHaveLength(1);

    const supervisor = await signInToHub(browser, hub.url, '/login', 'penyetuju', PASSWORD);
    const coverage = supervisor.getByTestId('hub-coverage');
    await expect(async () => {
      await supervisor.reload();
      await coverage.getByTestId('hub-coverage-item').selectOption(itemId, { timeout: 2_000 });
      await expect(coverage.getByTestId('hub-coverage-summary')).toContainText('1 posting oleh 1 petugas dari 1 instansi', { timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    await expect(coverage.getByTestId('hub-coverage-item').locator('option:checked')).toHaveText(`MENDESAK · ${TITLE}`);
    await expect(coverage.locator('[data-testid="hub-coverage-posted"] li')).toHaveText([new RegExp(`^${sari} \\(${AGENCY}\\) · X · `)]);
    await expect(coverage.locator('[data-testid="hub-coverage-missing"] li')).toHaveText([`${budi} (${AGENCY})`]);

    // The editor withdraws it with a reason, in the desk.
    const editor = await signInToHub(browser, hub.url, '/desk', 'editor', PASSWORD);
    await editor.getByTestId('desk-library').selectOption('jatim');
    const published = editor.locator(`[data-testid="desk-state-published"] [data-testid="desk-item"][data-item-id="${itemId}"]`);
    await published.getByTestId('desk-withdraw').click();
    await editor.getByTestId('desk-withdraw-text').fill('Nomor dinsos di infografis keliru');
    await editor.getByTestId('desk-withdraw-confirm').click();
    await expect(editor.locator(`[data-testid="desk-state-withdrawn"] [data-testid="desk-item"][data-item-id="${itemId}"]`)).toHaveCount(1);

    // Sari's popup asks her to delete her post, with its link, after her extension's own check.
    const popup = await PopupPage.open(context, extensionId);
    const request = popup.page.locator(`[data-testid="hk-takedown-request"][data-post-id="${post!.id}"]`);
    await expect(async () => {
      await popup.page.reload();
      await expect(request).toContainText(TITLE, { timeout: 2_000 });
    }).toPass({ timeout: 75_000, intervals: [3_000] });
    await expect(request.getByTestId('hk-takedown-link')).toHaveText('Hapus postingan ini');
    await expect(request.getByTestId('hk-takedown-link')).toHaveAttribute('href', post!.latest.postUrl);
    await request.getByTestId('hk-takedown-removed').click();
    await expect(request.getByTestId('hk-takedown-answer')).toHaveText('Sudah dihapus');

    const row = supervisor.getByTestId('hk-withdrawn-followup').locator(`li[data-log-id="${post!.id}"]`);
    await expect(async () => {
      await supervisor.reload();
      await expect(row.getByTestId('hk-takedown-status')).toHaveAttribute('data-status', 'removed', { timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    await expect(row.getByTestId('hk-takedown-status')).toHaveText('Dikonfirmasi sudah dihapus');
    await expect(row.locator('[data-field="title"]')).toHaveText(TITLE);
    await expect(row).toContainText(sari);
  } finally {
    await second.close();
  }
});
