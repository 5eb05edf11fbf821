// Drift reports end to end (issue 33): X ships new markup, so the composer on /compose/post is not
// recognised; the sidebar falls back to copy mode, the extension sends a signed siteProblem to the
// hub, and the national supervisor sees it in the hub: "X: composer tidak dikenali — 1 petugas
// sejak 10:02, versi 0.4.1", with an hourly count, in Indonesian and in English.
import { addAgency, addSupervisor } from '../../hub/accounts';
import { migrate, openDatabase } from '../../hub/database';
import { startHub } from '../../hub/server';
import { seriousViolations } from '../support/axe';
import { launchWithExtension } from '../support/launch';
import { expect, test } from './harness';
import { SidebarPage } from './pages';

const TOKEN = 'token-laporan-diskominfo-malang';
const PASSWORD = 'pengawas-rahasia-1';
/** The first report's time; the hub adds its date once that is no longer today (a run across midnight). */
const SINCE = String.raw`(?:\d{1,2} \S+ \d{4}, )?\d\d[.:]\d\d`;

test('a composer that lost its test id: copy mode, a signed siteProblem at the hub, shown in its national view', async ({ context, configure, serviceWorker }) => {
  test.setTimeout(120_000);
  const db = await openDatabase({});
  await migrate(db);
  await addAgency(db, 'kominfo-malang', 'Diskominfo Kota Malang', TOKEN);
  await addSupervisor(db, { username: 'nasional', password: PASSWORD, role: 'national' });
  const hub = await startHub({ db, port: 0 });
  try {
    await configure({ reportUrl: hub.url, reportToken: TOKEN });
    const version = await serviceWorker.evaluate(() => (globalThis as unknown as { chrome: { runtime: { getManifest(): { version: string } } } }).chrome.runtime.getManifest().version);
    const page = await context.newPage();
    await page.goto('https://x.com/compose/post?redesign&draft=rahasia');
    const sidebar = new SidebarPage(page);
    await expect(sidebar.root.locator('[data-testid="hk-degraded"]')).toContainText('Kotak tulis situs ini tidak dikenali');

    // At the hub within seconds: signed by the enrolled install, the path without its query, no page content.
    await expect.poll(() => db.query('SELECT network, step, path, version, ui_language, officer_name FROM site_problems'), { timeout: 20_000 }).toEqual([
      { network: 'x', step: 'composer', path: '/compose/post', version, ui_language: 'id-ID', officer_name: 'Sari Dewi' },
    ]);
    const [row] = await db.query<{ browser: string }>('SELECT browser FROM site_problems');
    expect(row!.browser).toMatch(/^Chrome \d+$/);
    // Reloading the page within the hour sends nothing more.
    await page.reload();
    await expect(sidebar.root.locator('[data-testid="hk-degraded"]')).toBeVisible();
    await page.waitForTimeout(2_000);
    expect(await db.query('SELECT count(*)::int AS n FROM site_problems')).toEqual([{ n: 1 }]);

    const supervisor = await launchWithExtension({ withExtension: false });
    try {
      const hubPage = await supervisor.context.newPage();
      await hubPage.goto(`${hub.url}/login`);
      await hubPage.evaluate(() => localStorage.setItem('hk-hub-lang', 'id'));
      await hubPage.reload();
      await hubPage.getByTestId('hub-username').fill('nasional');
      await hubPage.getByTestId('hub-password').fill(PASSWORD);
      await hubPage.getByTestId('hub-login').click();
      const problems = hubPage.getByTestId('hub-site-problems');
      await expect(problems.getByTestId('hub-site-problem')).toHaveText([new RegExp(`^X: composer tidak dikenali — 1 petugas sejak ${SINCE}, versi ${version.replaceAll('.', '\\.')}$`)]);
      await expect(problems.getByTestId('hub-site-problems-hourly').locator('thead th')).toHaveText(['Jam', 'X']);
      await expect(problems.getByTestId('hub-site-problems-hourly').locator('tbody td')).toHaveText(['1']);
      expect(await seriousViolations(hubPage)).toEqual([]);
      await hubPage.evaluate(() => localStorage.setItem('hk-hub-lang', 'en'));
      await hubPage.reload();
      await expect(problems.getByTestId('hub-site-problem')).toHaveText([new RegExp(`^X: composer not recognised — 1 officers since ${SINCE}, version ${version.replaceAll('.', '\\.')}$`)]);
    } finally {
      await supervisor.close();
    }
  } finally {
    await hub.close();
  }
});
