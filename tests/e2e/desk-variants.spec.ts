// The desk's variants in Chromium against a hub on PGlite: an editor adds X caption variants (each
// counted live; one over X's limit is flagged, then removed) and the official X post; the approver
// approves; the signed output carries the variants and the post for officers' extensions.
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { ContentItemSchema } from '../../utils/shared/schema';
import { CHROMIUM } from '../support/launch';
import type { RunningHub } from '../../hub/server';
import { DESK_PASSWORD, startDeskHub, type DeskHub } from '../support/desk-hub';
import { signInToHub } from '../support/desk-session';

const OFFICIAL = 'https://x.com/kemkomdigi/status/1865000000000000000';
let deskHub: DeskHub;
let hub: RunningHub;
let browser: Browser;
let out: string;

test.beforeAll(async () => {
  deskHub = await startDeskHub('desk-variants-e2e');
  hub = deskHub.hub;
  out = deskHub.libraries.nasional!.outDir;
  browser = await chromium.launch({ executablePath: CHROMIUM });
});
test.afterAll(async () => {
  await browser?.close();
  await deskHub?.close();
});

const signIn = (username: string): Promise<Page> => signInToHub(browser, hub.url, '/desk', username, DESK_PASSWORD);

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
