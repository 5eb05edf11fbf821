// A library published with `npm run library:publish` and served by a plain static host (no server
// code, no preflight answers): the extension syncs it, verifies its signature, and follows a
// withdrawal done by republishing.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPrivateKey } from '../../library/keys';
import { publishLibrary } from '../../library/publish';
import { startStaticHost } from '../support/static-host';
import { expect, test } from './harness';
import { SidebarPage } from './pages';

const SAMPLE = new URL('../../library/content/', import.meta.url).pathname;
const DEV_KEY = new URL('../../library/dev-keys/', import.meta.url).pathname;

test('the extension syncs a signed static snapshot and drops an item withdrawn by republishing', async ({ context, configure }) => {
  const content = mkdtempSync(join(tmpdir(), 'hk-content-'));
  cpSync(SAMPLE, content, { recursive: true });
  const out = mkdtempSync(join(tmpdir(), 'hk-site-'));
  const signingKey = loadPrivateKey(readFileSync(`${DEV_KEY}dev-ed25519-private.pem`, 'utf8'));
  publishLibrary(content, out, { signingKey });
  const host = await startStaticHost(out);
  try {
    await configure({ libraryUrl: host.url, publicKey: readFileSync(`${DEV_KEY}dev-ed25519-public.txt`, 'utf8').trim() });
    const page = await context.newPage();
    await page.goto('https://x.com/compose/post');
    const sidebar = new SidebarPage(page);
    await expect(sidebar.items()).toHaveCount(31);
    await expect(sidebar.item('cek-bansos-resmi').locator('img')).toHaveAttribute('src', /^data:image\/webp/);

    rmSync(join(content, 'items/cek-bansos-resmi.json'));
    writeFileSync(join(content, 'removed.json'), JSON.stringify([{ id: 'cek-bansos-resmi', reason: 'withdrawn', removedAt: new Date().toISOString() }]));
    publishLibrary(content, out, { signingKey });
    await sidebar.root.locator('[data-testid="hk-sync-now"]').click();
    await expect(sidebar.item('cek-bansos-resmi')).toHaveCount(0);
    await expect(sidebar.status()).toHaveText(/^30 konten · sinkron terakhir/);
  } finally {
    await host.close();
  }
});
