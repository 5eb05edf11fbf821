// A production build for an agency: the national library's key is built in (HK_LIBRARY_PUBLIC_KEY),
// so an unsigned feed is refused, a key the officer sets does not replace it, and a library address
// in plain http to another computer is refused rather than replaced by another, each with an
// Indonesian message. Without a key, or with the development key, there is no production build.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base } from '@playwright/test';
import { loadPrivateKey, rawPublicKeyBase64 } from '../../library/keys';
import { startLibraryServer } from '../../library/server';
import { readStore, readStoredItems, setSettings } from '../support/extension-tools';
import { launchWithExtension, serviceWorkerOf } from '../support/launch';
import { PopupPage, SidebarPage } from './pages';

const test = base;
const expect = base.expect;
const DEV_KEYS = new URL('../../library/dev-keys/', import.meta.url);
const DEV_PUBLIC_KEY = readFileSync(new URL('dev-ed25519-public.txt', DEV_KEYS), 'utf8').trim();
/** The agency's national key for this build: made here, as `npm run library:keygen` would. */
const NATIONAL_KEY = rawPublicKeyBase64(generateKeyPairSync('ed25519').privateKey);

const POLICY_DIR = '/etc/chromium/policies/managed';
const CONTENT_DIR = new URL('../../library/content/', import.meta.url).pathname;

/** Chromium's id for an unpacked extension: sha256 of its folder's path, first 32 hex digits as a–p. */
function extensionIdFor(dir: string): string {
  const hex = createHash('sha256').update(realpathSync(dir)).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + parseInt(digit, 16))).join('');
}

let extensionDir = '';
test.beforeAll(() => {
  test.setTimeout(120_000);
  const outDir = mkdtempSync(join(tmpdir(), 'hk-prod-build-'));
  execFileSync('npx', ['wxt', 'build'], {
    env: { ...process.env, HK_OUT_DIR: outDir, HK_LIBRARY_PUBLIC_KEY: NATIONAL_KEY, HK_DEFAULT_LIBRARY_URL: 'https://pustaka.komdigi.go.id' },
    stdio: 'pipe',
  });
  extensionDir = join(outDir, 'chrome-mv3');
});

test('there is no production build without the national key, nor with the development key', () => {
  for (const key of [undefined, DEV_PUBLIC_KEY]) {
    const outDir = mkdtempSync(join(tmpdir(), 'hk-refused-build-'));
    const env = { ...process.env, HK_OUT_DIR: outDir, HK_LIBRARY_PUBLIC_KEY: key };
    if (key === undefined) delete env.HK_LIBRARY_PUBLIC_KEY;
    const build = spawnSync('npx', ['wxt', 'build'], { env, encoding: 'utf8' });
    expect(build.status).not.toBe(0);
    expect(build.stdout + build.stderr).toContain(key ? 'Kunci pengembangan' : 'Build produksi memerlukan HK_LIBRARY_PUBLIC_KEY');
    expect(existsSync(join(outDir, 'chrome-mv3', 'manifest.json'))).toBe(false);
    rmSync(outDir, { recursive: true, force: true });
  }
});

test('a production build with the national key refuses an unsigned feed, and one signed with a key the officer sets, in Indonesian', async () => {
  let library: Awaited<ReturnType<typeof startLibraryServer>> | undefined = await startLibraryServer({ contentDir: CONTENT_DIR });
  const { context, close } = await launchWithExtension({ extensionDir });
  try {
    const sw = await serviceWorkerOf(context);
    const extensionId = new URL(sw.url()).host;
    // The loopback library answers unsigned: with a key built in, that is refused.
    await setSettings(sw, { libraryUrl: library.url, officerName: 'Sari' });
    const popup = await PopupPage.open(context, extensionId);
    await expect.poll(() => popup.statusAfterReload()).toMatch(/^Tanda tangan tidak valid — pustaka tidak diubah/);
    expect(await readStoredItems(sw)).toHaveLength(0);
    expect(library.stats.feedRequests).toBeGreaterThan(0);
    // Gone, so no late answer of it can be mistaken for the next library's.
    await library.close();
    library = undefined;

    // A library signed with another key, and the officer told to enter that key: the built-in one still decides.
    const signed = await startLibraryServer({ contentDir: CONTENT_DIR, signingKey: loadPrivateKey(readFileSync(new URL('dev-ed25519-private.pem', DEV_KEYS), 'utf8')) });
    try {
      const since = Date.now();
      await setSettings(sw, { libraryUrl: signed.url, publicKey: DEV_PUBLIC_KEY, officerName: 'Sari' });
      // The last sync's error, once a sync of the signed library has ended (with the built-in key ignored, it would succeed).
      const lastError = async () => {
        const state = (await readStore<{ key: string; value: { lastError?: { code: string; at: string } } }>(sw, 'meta')).find((row) => row.key === 'sync')?.value;
        return signed.stats.feedRequests > 0 && state?.lastError && Date.parse(state.lastError.at) >= since ? state.lastError.code : 'waiting';
      };
      await expect.poll(lastError).toBe('signature');
      expect(await popup.statusAfterReload()).toMatch(/^Tanda tangan tidak valid — pustaka tidak diubah/);
      expect(await readStoredItems(sw)).toHaveLength(0);
    } finally {
      await signed.close();
    }
  } finally {
    await close();
    await library?.close();
  }
});

test('a production build refuses a plain-http remote library set by the agency policy (Chromium managed storage), in Indonesian', async () => {
  // Chromium on Linux reads policy from /etc/chromium/policies/managed; "3rdparty" gives this
  // extension (its id comes from its folder) its storage.managed, exactly as IT would deploy it.
  const policyFile = join(POLICY_DIR, `humas-kanal-e2e-${extensionIdFor(extensionDir)}.json`);
  try {
    mkdirSync(POLICY_DIR, { recursive: true });
    writeFileSync(policyFile, JSON.stringify({ '3rdparty': { extensions: { [extensionIdFor(extensionDir)]: { libraryUrl: 'http://pustaka.instansi.go.id', officerName: 'Sari Dewi' } } } }));
  } catch (err) {
    throw new Error(`this test writes Chromium's policy folder ${POLICY_DIR}: run it as root, as CI does (${(err as Error).message})`);
  }
  const { context, close } = await launchWithExtension({ extensionDir });
  try {
    const sw = await serviceWorkerOf(context);
    const extensionId = new URL(sw.url()).host;
    expect(extensionId).toBe(extensionIdFor(extensionDir));
    expect(await sw.evaluate(() => chrome.storage.managed.get('libraryUrl'))).toEqual({ libraryUrl: 'http://pustaka.instansi.go.id' });
    const popup = await PopupPage.open(context, extensionId);
    await expect.poll(() => popup.statusAfterReload()).toMatch(/^Alamat pustaka ditolak karena tidak memakai https:\/\//);
    const page = await context.newPage();
    await page.goto('https://x.com/compose/post');
    await expect(new SidebarPage(page).status()).toHaveText(/^Alamat pustaka ditolak karena tidak memakai https:\/\//);
    expect(await readStoredItems(sw)).toHaveLength(0);
  } finally {
    await close();
    rmSync(policyFile, { force: true });
  }
});
