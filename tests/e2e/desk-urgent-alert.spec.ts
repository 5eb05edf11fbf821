// An urgent item sent for review raises a browser notification for an approver with the desk open
// (notifications allowed), once; a normal item raises none.
import { chromium, expect, test, type Browser } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addSupervisor } from '../../hub/accounts';
import { migrate, openDatabase } from '../../hub/database';
import { addLibrary, setRole } from '../../hub/desk/libraries';
import { startHub, type RunningHub } from '../../hub/server';
import { generateSigningKey } from '../../library/keys';
import { CHROMIUM } from '../support/launch';
import { deskApiAs } from '../support/desk-session';

const PASSWORD = 'redaksi-rahasia-1';
let hub: RunningHub;
let browser: Browser;

test.beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hk-desk-urgent-e2e-'));
  const db = await openDatabase({});
  await migrate(db);
  for (const username of ['editor', 'penyetuju']) await addSupervisor(db, { username, password: PASSWORD, role: 'national', passwordCost: 2 ** 10 });
  await addLibrary(db, { id: 'nasional', name: 'Pustaka Nasional', outDir: join(dir, 'out'), publisher: 'Komdigi' });
  await setRole(db, 'nasional', 'editor', 'editor');
  await setRole(db, 'nasional', 'penyetuju', 'approver');
  writeFileSync(join(dir, 'nasional.pem'), generateSigningKey().privatePem);
  hub = await startHub({ db, port: 0, libraryKeys: new Map([['nasional', join(dir, 'nasional.pem')]]) });
  browser = await chromium.launch({ executablePath: CHROMIUM });
});
test.afterAll(async () => {
  await browser?.close();
  await hub?.close();
  await hub?.db.close();
});

const item = (title: string, priority: string) => ({ content: { title, program: 'Klarifikasi Hoaks', kind: 'klarifikasi', priority, tags: [], hashtags: [], media: [], captions: { default: `${title}: cek faktanya.` } } });

test('an urgent item waiting for review notifies the approver once; a normal one does not', async () => {
  const desk = await deskApiAs(hub.url, 'editor', PASSWORD);
  for (const [title, priority] of [['Jadwal Posyandu', 'normal'], ['[HOAKS] Bansos Lewat WhatsApp', 'urgent']] as const) {
    const { id } = await desk('/items', item(title, priority));
    await desk(`/items/${id}/submit`);
  }
  const context = await browser.newContext({ locale: 'id-ID', permissions: ['notifications'] });
  // Records each notification the page raises (headless Chromium shows none).
  await context.addInitScript(() => {
    const shown: { title: string; body?: string }[] = [];
    (window as unknown as { shownNotifications: typeof shown }).shownNotifications = shown;
    const Real = window.Notification;
    class Recorded extends Real {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        shown.push({ title, body: options?.body });
      }
    }
    Object.defineProperty(window, 'Notification', { value: Recorded });
  });
  const page = await context.newPage();
  await page.goto(`${hub.url}/desk`);
  await page.getByTestId('hub-username').fill('penyetuju');
  await page.getByTestId('hub-password').fill(PASSWORD);
  await page.getByTestId('hub-login').click();
  await expect(page.getByTestId('desk-waiting')).toContainText('2');
  const shown = () => page.evaluate(() => (window as unknown as { shownNotifications: unknown[] }).shownNotifications);
  await expect.poll(shown).toEqual([{ title: 'Konten MENDESAK menunggu persetujuan Anda', body: '[HOAKS] Bansos Lewat WhatsApp' }]);
  // A reload (the same browser) does not raise it again: the waiting list is drawn, then nothing new.
  await page.reload();
  await expect(page.getByTestId('desk-state-review').getByTestId('desk-item')).toHaveCount(2);
  await expect(page.getByTestId('desk-waiting')).toContainText('2');
  expect(await shown()).toEqual([]);
});
