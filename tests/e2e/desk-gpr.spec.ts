// GPR as the desk's inbox of drafts, in Chromium against a hub on PGlite: an editor uploads the GPR
// feed file, each article becomes a draft marked "dari GPR" (the same file again adds nothing); the
// editor opens one, previews its caption as an officer in Jawa Timur would get it (the extension's own
// composition), and sends it for review.
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { composeCaption } from '../../utils/shared/compose';
import { CHROMIUM } from '../support/launch';
import type { RunningHub } from '../../hub/server';
import { DESK_PASSWORD, startDeskHub, type DeskHub } from '../support/desk-hub';
import { signInToHub } from '../support/desk-session';

const SAMPLE = fileURLToPath(new URL('../support/gpr-sample.xml', import.meta.url));
const HOAX = '[HOAKS] Pesan Berantai Pendaftaran Bansos Lewat WhatsApp';
let deskHub: DeskHub;
let hub: RunningHub;
let browser: Browser;

test.beforeAll(async () => {
  deskHub = await startDeskHub('desk-gpr-e2e', { accounts: ['editor'] });
  hub = deskHub.hub;
  browser = await chromium.launch({ executablePath: CHROMIUM });
});
test.afterAll(async () => {
  await browser?.close();
  await deskHub?.close();
});

const signIn = (username: string): Promise<Page> => signInToHub(browser, hub.url, '/desk', username, DESK_PASSWORD);

test('GPR articles become drafts marked "dari GPR", once; a draft is previewed for a region and sent for review', async () => {
  test.setTimeout(90_000);
  const editor = await signIn('editor');
  const drafts = editor.getByTestId('desk-state-draft').getByTestId('desk-item');
  await editor.getByTestId('desk-gpr').locator('summary').click();
  await editor.getByTestId('desk-gpr-file').setInputFiles(SAMPLE);
  await expect(editor.getByTestId('desk-gpr-result')).toContainText('3 draf baru, 0 sudah ada (dilewati), 1 bermasalah.');
  await expect(drafts).toHaveCount(3);
  await expect(drafts.getByTestId('desk-from-gpr')).toHaveCount(3);
  await expect(drafts.filter({ hasText: HOAX }).getByTestId('desk-from-gpr')).toHaveText('dari GPR');

  await editor.getByTestId('desk-gpr-file').setInputFiles(SAMPLE);
  await expect(editor.getByTestId('desk-gpr-result')).toContainText('0 draf baru, 3 sudah ada (dilewati), 1 bermasalah.');
  await expect(drafts).toHaveCount(3);

  await drafts.filter({ hasText: HOAX }).getByTestId('desk-edit').click();
  await expect(editor.getByTestId('desk-title')).toHaveValue(HOAX);
  await expect(editor.getByTestId('desk-program')).toHaveValue('Klarifikasi Hoaks');
  await expect(editor.getByTestId('desk-link')).toHaveValue('https://www.komdigi.go.id/berita/klarifikasi-hoaks/detail/hoaks-pendaftaran-bansos-whatsapp');
  const caption = '{instansi} mengingatkan warga {daerah}: pendaftaran bansos tidak lewat WhatsApp.';
  await editor.getByTestId('desk-caption-default').fill(caption);
  await editor.getByTestId('desk-hashtags').fill('CekFakta');
  await editor.getByTestId('desk-preview-region').selectOption('Jawa Timur');
  await editor.getByTestId('desk-preview-agency').fill('Diskominfo Jatim');
  const item = { captions: { default: caption }, hashtags: ['CekFakta'], link: 'https://www.komdigi.go.id/berita/klarifikasi-hoaks/detail/hoaks-pendaftaran-bansos-whatsapp' };
  const slots = { agency: 'Diskominfo Jatim', region: 'Jawa Timur' };
  for (const network of ['x', 'facebook', 'instagram'] as const) {
    await expect(editor.getByTestId(`desk-preview-${network}`)).toHaveText(composeCaption(item, network, slots));
  }
  await expect(editor.getByTestId('desk-preview-instagram')).toHaveText('Diskominfo Jatim mengingatkan warga Jawa Timur: pendaftaran bansos tidak lewat WhatsApp.\n\n#CekFakta');

  await editor.getByTestId('desk-submit').click();
  await expect(editor.getByTestId('desk-state-review').getByTestId('desk-item').filter({ hasText: HOAX })).toHaveCount(1);
  await expect(drafts).toHaveCount(2);
});
