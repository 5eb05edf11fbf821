// An urgent item sent for review raises a browser notification for an approver with the desk open
// (notifications allowed), once; a normal item raises none.
import { chromium, expect, test, type Browser } from '@playwright/test';
import { CHROMIUM } from '../support/launch';
import { deskApiAs } from '../support/desk-session';
import type { RunningHub } from '../../hub/server';
import { DESK_PASSWORD, startDeskHub, type DeskHub } from '../support/desk-hub';

let deskHub: DeskHub;
let hub: RunningHub;
let browser: Browser;

test.beforeAll(async () => {
  deskHub = await startDeskHub('desk-urgent-e2e');
  hub = deskHub.hub;
  browser = await chromium.launch({ executablePath: CHROMIUM });
});
test.afterAll(async () => {
  await browser?.close();
  await deskHub?.close();
});

const item = (title: string, priority: string) => ({ content: { title, program: 'Klarifikasi Hoaks', kind: 'klarifikasi', priority, tags: [], hashtags: [], media: [], captions: { default: `${title}: cek faktanya.` } } });

test('an urgent item waiting for review notifies the approver once; a normal one does not', async () => {
  const desk = await deskApiAs(hub.url, 'editor', DESK_PASSWORD);
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
  await page.getByTestId('hub-password').fill(DESK_PASSWORD);
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
