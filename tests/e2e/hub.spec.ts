// The supervisor hub end to end: two officers (two browser profiles with the extension, enrolled
// with their agency's token) post on the fixtures; their supervisor signs in to the hub and sees
// both officers' posts, the urgent item's coverage and, once an item is withdrawn, the follow-up.
// A supervisor of another agency sees none of it.
import type { BrowserContext, Page } from '@playwright/test';
import { addAgency, addSupervisor } from '../../hub/accounts';
import { startLibraryServer } from '../../library/server';
import { migrate, openDatabase } from '../../hub/database';
import { startHub, type RunningHub } from '../../hub/server';
import { seriousViolations } from '../support/axe';
import { serviceWorkerOf, launchWithExtension } from '../support/launch';
import { configureExtension, expect, readPosts, test } from './harness';
import { DashboardPage, fixture, PopupPage, SidebarPage } from './pages';
import { expectedInsert, SITE_PAGES } from './sites';

const CONTENT_DIR = new URL('../../library/content/', import.meta.url).pathname;
const URGENT = 'hoaks-bansos-link-whatsapp';
const ROUTINE = 'tas-siaga-bencana';
const TOKEN = 'token-laporan-diskominfo-malang';
const PASSWORD = 'pengawas-rahasia-1';

let hub: RunningHub;

async function post(context: BrowserContext, itemId: string, platform: 'x' | 'facebook') {
  const site = SITE_PAGES.find((s) => s.platform === platform)!;
  const page = await context.newPage();
  await page.goto(site.url);
  await site.openComposer(page);
  await new SidebarPage(page).insert(itemId);
  await expect.poll(async () => (await fixture.files(page)).length).toBe(1);
  await expect.poll(() => fixture.text(page)).toBe((await expectedInsert(itemId, platform)).text);
  await site.postButton(page).click();
  await expect.poll(() => fixture.posts(page)).toHaveLength(1);
}

async function signIn(page: Page, username: string) {
  await page.goto(`${hub.url}/login`);
  await page.getByTestId('hub-username').fill(username);
  await page.getByTestId('hub-password').fill(PASSWORD);
  await page.getByTestId('hub-login').click();
  await expect(page.getByTestId('hub-scope')).toContainText(username);
}

test('a supervisor sees every officer of the agency: posts, coverage of the urgent item, withdrawn follow-up; another agency sees none', async ({ context, serviceWorker, extensionId }) => {
  test.setTimeout(180_000);
  // Its own library: this test withdraws an item, which the other tests' shared library must keep.
  const library = await startLibraryServer({ contentDir: CONTENT_DIR });
  const db = await openDatabase({});
  await migrate(db);
  await addAgency(db, 'kominfo-malang', 'Diskominfo Kota Malang', TOKEN);
  await addAgency(db, 'kominfo-surabaya', 'Diskominfo Kota Surabaya');
  await addSupervisor(db, { username: 'rina', password: PASSWORD, role: 'agency', agencyId: 'kominfo-malang' });
  await addSupervisor(db, { username: 'budi', password: PASSWORD, role: 'agency', agencyId: 'kominfo-surabaya' });
  hub = await startHub({ db, port: 0, library: { libraryUrl: library.url, dev: true } });
  const second = await launchWithExtension();
  try {
    // Sari posts the urgent counter-hoax on X; Agus, in his own browser, posts a routine item on Facebook.
    const report = { libraryUrl: library.url, reportUrl: hub.url, reportToken: TOKEN };
    await configureExtension(serviceWorker, { ...report, officerName: 'Sari Dewi' });
    const agusWorker = await serviceWorkerOf(second.context);
    await configureExtension(agusWorker, { ...report, officerName: 'Agus Salim' });
    await post(context, URGENT, 'x');
    await post(second.context, ROUTINE, 'facebook');
    await expect.poll(async () => [(await readPosts(serviceWorker)).length, (await readPosts(agusWorker)).length], { timeout: 20_000 }).toEqual([1, 1]);
    const [sari] = await readPosts<{ id: string }>(serviceWorker);
    const [agus] = await readPosts<{ id: string }>(agusWorker);
    // Both posts and their confirmations (with the X post's address) reach the hub.
    await expect.poll(() => db.query("SELECT id, status, post_url FROM entries WHERE kind = 'post' ORDER BY officer_name"), { timeout: 30_000 }).toEqual([
      { id: agus!.id, status: 'confirmed', post_url: 'https://www.facebook.com/humaskotamalang/posts/pfbid01001' },
      { id: sari!.id, status: 'confirmed', post_url: 'https://x.com/humas_malang/status/1001' },
    ]);
    await hub.followLibrary();
    // Sari's own dashboard links to the hub her reports reach; her popup says when the last one arrived.
    const dashboard = await DashboardPage.open(context, extensionId);
    await expect(dashboard.byTestId('hk-open-hub')).toHaveAttribute('href', `${hub.url}/`);
    const popup = await PopupPage.open(context, extensionId);
    await expect(popup.byTestId('hk-last-report')).toContainText('Laporan terakhir diterima server:');

    const supervisor = await launchWithExtension({ withExtension: false });
    try {
      const page = await supervisor.context.newPage();
      // The page speaks English or Indonesian; the supervisor switches to Indonesian, which stays chosen.
      await page.goto(`${hub.url}/login`);
      await page.evaluate(() => localStorage.setItem('hk-hub-lang', 'en'));
      await page.reload();
      await expect(page.getByRole('heading', { level: 2 })).toHaveText('Sign in as a supervisor');
      await page.getByRole('button', { name: 'Bahasa Indonesia' }).click();
      await expect(page.getByRole('heading', { level: 2 })).toHaveText('Masuk sebagai pengawas');
      await signIn(page, 'rina');
      const rows = page.getByTestId('hk-log-row');
      await expect(rows).toHaveCount(2);
      const sariRow = page.locator(`[data-log-id="${sari!.id}"]`);
      await expect(sariRow.locator('[data-field="officerName"]')).toHaveText('Sari Dewi');
      await expect(sariRow.locator('[data-field="status"]')).toContainText('Terkirim');
      await expect(sariRow.getByRole('link', { name: 'Buka' })).toHaveAttribute('href', 'https://x.com/humas_malang/status/1001');
      await expect(page.locator(`[data-log-id="${agus!.id}"] [data-field="platform"]`)).toHaveText('Facebook');

      // Coverage of the urgent item (listed first): Sari posted it, how long after publication; Agus has not.
      const coverage = page.getByTestId('hub-coverage');
      await expect(coverage.getByTestId('hub-coverage-item')).toHaveValue(URGENT);
      await expect(coverage.getByTestId('hub-coverage-summary')).toContainText('1 posting oleh 1 petugas dari 1 instansi');
      await expect(coverage.getByTestId('hub-coverage-timing')).toContainText(/median [\d.,]+ jam, p90 [\d.,]+ jam/);
      await expect(coverage.locator('[data-testid="hub-coverage-posted"] li')).toHaveText([/^Sari Dewi \(Diskominfo Kota Malang\) · X · pertama .* setelah terbit$/]);
      await expect(coverage.locator('[data-testid="hub-coverage-missing"] li')).toHaveText(['Agus Salim (Diskominfo Kota Malang)']);
      expect(await seriousViolations(page)).toEqual([]);

      // The library withdraws Agus's item: the hub reads it and lists his post to take down.
      library.withdraw(ROUTINE);
      await hub.followLibrary();
      await page.reload();
      const followUp = page.getByTestId('hk-withdrawn-followup');
      await expect(followUp.locator('li')).toHaveCount(1);
      await expect(followUp.locator(`li[data-log-id="${agus!.id}"]`)).toContainText('Agus Salim');
      await expect(followUp.getByRole('link')).toHaveAttribute('href', 'https://www.facebook.com/humaskotamalang/posts/pfbid01001');

      // Both browsers are listed as new devices under their enrolled names; Rina revokes Agus's (two clicks):
      // his post stays, marked, and he is no longer expected to post the urgent item.
      const devices = page.getByTestId('hub-installs');
      await expect(devices.getByTestId('hub-install')).toHaveCount(2);
      await expect(devices.getByTestId('hub-install-flags')).toHaveText(['perangkat baru', 'perangkat baru']);
      const agusDevice = devices.getByTestId('hub-install').filter({ hasText: 'Agus Salim' });
      await expect(agusDevice).toContainText('Chrome');
      expect(await seriousViolations(page)).toEqual([]);
      await agusDevice.getByTestId('hub-install-revoke').click();
      await agusDevice.getByTestId('hub-install-revoke-confirm').click();
      await expect(agusDevice).toHaveAttribute('data-status', 'revoked');
      await expect(agusDevice).toContainText('Dicabut');
      await page.reload();
      await expect(page.locator(`[data-log-id="${agus!.id}"] [data-field="officerName"]`)).toHaveText('Agus Salim · perangkat dicabut');
      await expect(page.getByTestId('hub-coverage')).toContainText('Semua petugas sudah memposting konten ini.');

      // Agus posts once more from the revoked device: the hub refuses each of its entries and says
      // why, to him in his popup and to Rina beside the log.
      await post(second.context, 'cek-kesehatan-gratis-2026', 'facebook');
      const agusPopup = await PopupPage.open(second.context, new URL(agusWorker.url()).host);
      await expect.poll(() => agusPopup.refusedAfterReload(), { timeout: 30_000 }).toMatch(/^\d+ entri ditolak server laporan .* perangkat ini dicabut atasan \(\d+\)$/);
      await page.reload();
      await expect(page.getByTestId('hub-refusals')).toContainText(/Agus Salim: dari perangkat yang dicabut \(\d+ entri\)/);

      // Surabaya's supervisor: none of Malang's posts, officers, coverage or follow-up.
      await page.getByTestId('hub-logout').click();
      await signIn(page, 'budi');
      await expect(page.getByTestId('hk-log-count')).toHaveText('0 entri');
      await expect(page.getByTestId('hk-log-row')).toHaveCount(0);
      await expect(page.getByTestId('hk-withdrawn-followup')).toHaveCount(0);
      await expect(page.getByTestId('hub-coverage-summary')).toContainText('0 posting oleh 0 petugas');
      await expect(page.getByTestId('hub-coverage')).not.toContainText('Sari Dewi');
      await expect(page.getByTestId('hub-coverage')).not.toContainText('Agus Salim');
      await expect(page.getByTestId('hk-filter-officer').locator('option')).toHaveText(['Semua']);
    } finally {
      await supervisor.close();
    }
  } finally {
    await second.close();
    await hub.close();
    await db.close();
    await library.close();
  }
});
