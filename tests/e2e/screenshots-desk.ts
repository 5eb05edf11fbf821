// The editorial desk's README screenshots (`npm run screenshots -- desk`, and part of the full run):
// the list (editor, with GPR drafts), the item form with the regional preview, the approver's review,
// the audit log and the inbox, on the demo desk (tests/support/demo-desk.ts), in Indonesian.
import { chromium, type Browser, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from '../../hub/demo';
import { CHROMIUM } from '../support/launch';
import { DESK_APPROVER, DESK_EDITOR, startDemoDesk } from '../support/demo-desk';

const VIEWPORT = { width: 1280, height: 900 };

async function signIn(browser: Browser, url: string, username: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: VIEWPORT, locale: 'id-ID', timezoneId: 'Asia/Jakarta' })).newPage();
  await page.goto(`${url}/desk`);
  await page.getByTestId('hub-username').fill(username);
  await page.getByTestId('hub-password').fill(DEMO_PASSWORD);
  await page.getByTestId('hub-login').click();
  await page.getByTestId('desk-user').waitFor();
  await page.getByTestId('desk-item').first().waitFor();
  await page.getByTestId('desk-audit-row').first().waitFor();
  await page.getByTestId('desk-inbox-row').first().waitFor();
  return page;
}

export async function shootDesk(out: string): Promise<void> {
  process.env.HK_LOG_LEVEL ??= 'warn';
  const hub = await startDemoDesk();
  const browser = await chromium.launch({ executablePath: CHROMIUM });
  try {
    const editor = await signIn(browser, hub.url, DESK_EDITOR);
    await editor.getByTestId('desk-gpr').locator('summary').click();
    await editor.screenshot({ path: `${out}/desk-list.png` });

    await editor.getByTestId('desk-state-draft').getByTestId('desk-edit').first().click();
    await editor.getByTestId('desk-caption-default').fill('{instansi} mengajak warga {daerah} ikut Cek Kesehatan Gratis: cukup bawa KTP ke puskesmas terdekat.');
    await editor.getByTestId('desk-hashtags').fill('CekKesehatanGratis');
    await editor.getByTestId('desk-preview-region').selectOption('Jawa Timur');
    await editor.getByTestId('desk-preview-agency').fill('Diskominfo Jatim');
    await editor.getByTestId('desk-form').screenshot({ path: `${out}/desk-form.png` });

    const approver = await signIn(browser, hub.url, DESK_APPROVER);
    await approver.screenshot({ path: `${out}/desk-review.png` });
    await approver.getByTestId('desk-audit').screenshot({ path: `${out}/desk-audit.png` });
    await approver.getByTestId('desk-inbox').screenshot({ path: `${out}/desk-inbox.png` });
  } finally {
    await browser.close();
    await hub.close();
  }
}
