// The editorial desk in Chromium against a hub on PGlite: an editor writes an urgent item with an X
// caption (live count) and an infographic with its alt text, sends it for review; the approver sees
// it waiting, approves it, and the library's signed index served by the hub lists it; the approver
// then withdraws it with a reason and the audit log shows every step with an intact chain.
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { join } from 'node:path';
import sharp from 'sharp';
import { CHROMIUM } from '../support/launch';
import { writeFileSync } from 'node:fs';
import type { RunningHub } from '../../hub/server';
import { DESK_PASSWORD, startDeskHub, type DeskHub } from '../support/desk-hub';
import { signInToHub } from '../support/desk-session';

let deskHub: DeskHub;
let hub: RunningHub;
let browser: Browser;
let deskImage: string;

test.beforeAll(async () => {
  deskHub = await startDeskHub('desk-e2e');
  hub = deskHub.hub;
  deskImage = join(deskHub.dir, 'infografis.png');
  writeFileSync(deskImage, await sharp({ create: { width: 1200, height: 1500, channels: 3, background: '#1f6f8b' } }).png().toBuffer());
  browser = await chromium.launch({ executablePath: CHROMIUM });
});
test.afterAll(async () => {
  await browser?.close();
  await deskHub?.close();
});

const signIn = (username: string): Promise<Page> => signInToHub(browser, hub.url, '/desk', username, DESK_PASSWORD);

test('write → review → approve publishes; withdraw with a reason; the audit chain holds', async () => {
  test.setTimeout(120_000);
  const editor = await signIn('editor');
  await editor.getByTestId('desk-new').click();
  await editor.getByTestId('desk-title').fill('[HOAKS] Bansos lewat WhatsApp');
  await editor.getByTestId('desk-program').fill('Perlindungan Sosial');
  await editor.getByTestId('desk-kind').selectOption('klarifikasi');
  await editor.getByTestId('desk-priority').selectOption('urgent');
  await editor.getByTestId('desk-caption-default').fill('Pesan berantai soal bansos lewat WhatsApp adalah hoaks.');
  await editor.getByTestId('desk-caption-x').fill('x'.repeat(290));
  await expect(editor.getByTestId('desk-count-x')).toContainText('X: 290/280');
  await editor.getByTestId('desk-caption-x').fill('Bansos lewat WhatsApp? Hoaks. Cek situs resmi.');
  await expect(editor.getByTestId('desk-count-x')).toContainText('X: 46/280');
  await editor.getByTestId('desk-file').setInputFiles(deskImage);
  await expect(editor.getByTestId('desk-alt-0')).toBeVisible({ timeout: 30_000 });
  // Without alt text the browser refuses the form; the server would too (400).
  await editor.getByTestId('desk-alt-0').fill('Infografis: bansos tidak dibagikan lewat WhatsApp');
  await editor.getByTestId('desk-submit').click();
  await expect(editor.getByTestId('desk-state-review').getByTestId('desk-item')).toHaveCount(1);

  const approver = await signIn('penyetuju');
  await expect(approver.getByTestId('desk-waiting')).toContainText('Menunggu persetujuan Anda: 1');
  await expect(approver).toHaveTitle(/^\(1\) /);
  await approver.getByTestId('desk-approve').click();
  await expect(approver.getByTestId('desk-notice')).toContainText('nomor terbitan 1');
  await expect(approver.getByTestId('desk-state-published').getByTestId('desk-item')).toHaveCount(1);

  const index = await (await fetch(`${hub.url}/library/nasional/v1/index.json`)).json();
  expect(JSON.parse(index.index).sequence).toBe(1);
  expect(index.signature).toMatch(/^ed25519=/);

  await approver.getByTestId('desk-withdraw').click();
  await approver.getByTestId('desk-withdraw-text').fill('Data keliru');
  await approver.getByTestId('desk-withdraw-confirm').click();
  await expect(approver.getByTestId('desk-state-withdrawn').getByTestId('desk-item')).toHaveCount(1);
  await expect(approver.getByTestId('desk-audit-check')).toContainText('Rantai hash utuh');
  await expect(approver.getByTestId('desk-audit-row').first()).toContainText('publish');
  await expect(approver.getByTestId('desk-audit')).toContainText('reason: Data keliru');
});
