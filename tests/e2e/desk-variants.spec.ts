// The desk's variants in Chromium against a hub on PGlite: an editor adds X caption variants (each
// counted live; one over X's limit is flagged, then removed) and the official X post; the approver
// approves; the signed output carries the variants and the post for officers' extensions.
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addSupervisor } from '../../hub/accounts';
import { migrate, openDatabase } from '../../hub/database';
import { addLibrary, setRole } from '../../hub/desk/libraries';
import { startHub, type RunningHub } from '../../hub/server';
import { generateSigningKey } from '../../library/keys';
import { ContentItemSchema } from '../../utils/shared/schema';
import { CHROMIUM } from '../support/launch';

const PASSWORD = 'redaksi-rahasia-1';
const OFFICIAL = 'https://x.com/kemkomdigi/status/1865000000000000000';
let hub: RunningHub;
let browser: Browser;
let out: string;

test.beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hk-desk-variants-e2e-'));
  out = join(dir, 'out');
  const db = await openDatabase({});
  await migrate(db);
  for (const username of ['editor', 'penyetuju']) await addSupervisor(db, { username, password: PASSWORD, role: 'national', passwordCost: 2 ** 10 });
  await addLibrary(db, { id: 'nasional', name: 'Pustaka Nasional', outDir: out, publisher: 'Komdigi' });
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

async function signIn(username: string): Promise<Page> {
  const page = await (await browser.newContext({ locale: 'id-ID' })).newPage();
  await page.goto(`${hub.url}/desk`);
  await page.getByTestId('hub-username').fill(username);
  await page.getByTestId('hub-password').fill(PASSWORD);
  await page.getByTestId('hub-login').click();
  await expect(page.getByTestId('desk-user')).toContainText(username);
  return page;
}

test('an editor adds and removes X variants with live limits and the official post; the published item carries them', async () => {
  test.setTimeout(90_000);
  const editor = await signIn('editor');
  await editor.getByTestId('desk-new').click();
  await editor.getByTestId('desk-title').fill('Cek Kesehatan Gratis');
  await editor.getByTestId('desk-program').fill('Kesehatan');
  await editor.getByTestId('desk-caption-default').fill('Cek kesehatan gratis di puskesmas terdekat.');
  await editor.getByTestId('desk-caption-x').fill('CKG gratis di puskesmas, bawa KTP.');
  await editor.getByTestId('desk-add-variant-x').click();
  await editor.getByTestId('desk-variant-x-1').fill('Sudah cek kesehatan gratis? Datang ke puskesmas.');
  await expect(editor.getByTestId('desk-count-x-1')).toContainText('X · 2: 48/280');
  await editor.getByTestId('desk-add-variant-x').click();
  await editor.getByTestId('desk-variant-x-2').fill('x'.repeat(290));
  await expect(editor.getByTestId('desk-count-x-2')).toContainText('X · 3: 290/280');
  await expect(editor.getByTestId('desk-count-x-2').getByRole('alert')).toBeVisible();
  await editor.getByTestId('desk-remove-variant-x-2').click();
  await expect(editor.getByTestId('desk-count-x-2')).toHaveCount(0);
  await expect(editor.getByTestId('desk-variant-x-1')).toHaveValue('Sudah cek kesehatan gratis? Datang ke puskesmas.');
  await editor.getByTestId('desk-official-x').fill(OFFICIAL);
  await editor.getByTestId('desk-submit').click();
  await expect(editor.getByTestId('desk-state-review').getByTestId('desk-item')).toHaveCount(1);

  const approver = await signIn('penyetuju');
  await approver.getByTestId('desk-approve').click();
  await expect(approver.getByTestId('desk-notice')).toContainText('nomor terbitan 1');
  const feed = JSON.parse(readFileSync(join(out, 'v1', 'feed'), 'utf8')) as { items: unknown[] };
  const item = ContentItemSchema.parse(feed.items[0]);
  expect(item.captions).toEqual({ default: 'Cek kesehatan gratis di puskesmas terdekat.', x: 'CKG gratis di puskesmas, bawa KTP.' });
  expect(item.captionVariants).toEqual({ x: ['Sudah cek kesehatan gratis? Datang ke puskesmas.'] });
  expect(item.officialPosts).toEqual({ x: OFFICIAL });
});
