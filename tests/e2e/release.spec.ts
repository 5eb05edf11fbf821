// `npm run release` as an agency's IT team runs it, then Chromium installing the result the way the
// agency's computers would: a managed policy (ExtensionInstallForcelist) pointing at update.xml on the
// agency's server, which names the CRX. The server here is a local http server; the policy folder is
// Chromium's own (/etc/chromium/policies/managed), but seen only by this test's browser.
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test, type BrowserContext, type Worker } from '@playwright/test';
import crx3 from 'crx3';
import { rawPublicKeyBase64 } from '../../library/keys';
import { updateManifest } from '../../release/chrome-package';
import { CHROMIUM } from '../support/launch';

const POLICY_DIR = '/etc/chromium/policies/managed';
const PACKAGE_JSON = new URL('../../package.json', import.meta.url);
const VERSION: string = JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')).version;
/** The national library's key for this build, made here as `npm run library:keygen` would. */
const NATIONAL_KEY = rawPublicKeyBase64(generateKeyPairSync('ed25519').privateKey);

/** What the installed extension says about itself (these need no permission). */
interface InstalledExtensionApi {
  runtime: { id: string; getManifest(): { version: string }; requestUpdateCheck(): Promise<{ status: string; version: string }>;
    onUpdateAvailable: { addListener(listener: (details: { version: string }) => void): void };
  };
  management: { getSelf(): Promise<{ installType: string }> };
}

function release(args: string[], env: NodeJS.ProcessEnv) {
  return spawnSync('npm', ['run', '--silent', 'release', '--', ...args], { env, encoding: 'utf8' });
}

/** The agency's download server: the release's folder under /humas-kanal/, and every path asked for. */
async function startAgencyServer(): Promise<{ server: Server; origin: string; requests: string[]; serve: (dir: string) => void }> {
  let dir = '';
  const requests: string[] = [];
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    requests.push(path);
    const name = path.replace(/^\/humas-kanal\//, '');
    const file = join(dir, name);
    if (!dir || name.includes('/') || !existsSync(file)) return void response.writeHead(404).end();
    const type = name.endsWith('.xml') ? 'text/xml' : 'application/x-chrome-extension';
    response.writeHead(200, { 'content-type': type }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { server, origin, requests, serve: (releaseDir) => void (dir = releaseDir) };
}

/**
 * Chromium with `policy` as its managed policy, on one profile across restarts. The policy file is
 * bind-mounted over Chromium's policy folder in a mount namespace of its own, so no other browser on
 * this machine (other tests, production.spec.ts, which writes to the same folder) is given a
 * force-installed extension, and nothing is left behind in /etc.
 */
function browserWithPolicy(policy: object): { launch: () => Promise<BrowserContext>; remove: () => void } {
  const probe = spawnSync('unshare', ['--mount', 'true'], { encoding: 'utf8' });
  if (probe.status !== 0) throw new Error(`this test gives its browser a policy folder of its own (unshare --mount): run it as root, as CI does (${probe.stderr.trim()})`);
  const dir = mkdtempSync(join(work, 'browser-'));
  const policyDir = join(dir, 'policies');
  mkdirSync(policyDir);
  writeFileSync(join(policyDir, 'humas-kanal.json'), JSON.stringify(policy));
  const launcher = join(dir, 'chromium-with-policy.sh');
  writeFileSync(
    launcher,
    `#!/bin/sh\nexec unshare --mount --propagation private sh -c 'mount --bind "$0" ${POLICY_DIR} && exec "$@"' '${policyDir}' '${CHROMIUM}' "$@"\n`,
  );
  chmodSync(launcher, 0o755);
  return {
    launch: () =>
      chromium.launchPersistentContext(join(dir, 'profile'), {
        executablePath: launcher,
        headless: true,
        // Playwright's defaults turn extensions off, and with them background networking, which is what
        // fetches update.xml and the CRX for a policy install.
        ignoreDefaultArgs: ['--disable-extensions', '--disable-background-networking', '--disable-component-update'],
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-sync'],
      }),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The extension's service worker, once Chromium has fetched update.xml and the CRX and installed it. */
async function installedWorker(context: BrowserContext): Promise<Worker> {
  return context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 60_000 }));
}

function describeInstalled(worker: Worker) {
  return worker.evaluate(async () => {
    const api = (globalThis as unknown as { chrome: InstalledExtensionApi }).chrome;
    return { id: api.runtime.id, version: api.runtime.getManifest().version, installType: (await api.management.getSelf()).installType };
  });
}

/** The next version of this release, packed as the release packs it, with the same agency key, and its update.xml. */
async function nextVersionRelease(): Promise<{ dir: string; version: string }> {
  const dir = join(work, 'next');
  const version = VERSION.replace(/\d+$/, (patch) => String(Number(patch) + 1));
  cpSync(join(outDir, 'chrome-mv3'), join(dir, 'chrome-mv3'), { recursive: true });
  const manifestFile = join(dir, 'chrome-mv3/manifest.json');
  writeFileSync(manifestFile, JSON.stringify({ ...JSON.parse(readFileSync(manifestFile, 'utf8')), version }));
  await crx3([manifestFile], { keyPath: keyFile, crxPath: join(dir, 'humas-kanal.crx') });
  writeFileSync(join(dir, 'update.xml'), updateManifest(extensionId, version, crxUrl, '148'));
  return { dir, version };
}

// Made in beforeAll: Playwright also loads this file just to list its tests.
let work = '';
let keyFile = '';
let outDir = '';
let agency: Awaited<ReturnType<typeof startAgencyServer>>;
let crxUrl = '';
let extensionId = '';
let releaseOutput = '';

test.beforeAll(async () => {
  test.setTimeout(300_000);
  work = mkdtempSync(join(tmpdir(), 'hk-release-'));
  keyFile = join(work, 'agency-crx.pem');
  outDir = join(work, 'out');
  agency = await startAgencyServer();
  crxUrl = `${agency.origin}/humas-kanal/humas-kanal.crx`;
  const keygen = release(['--new-key', keyFile], process.env);
  expect(keygen.status, keygen.stderr).toBe(0);
  extensionId = /extension id: ([a-p]{32})/.exec(keygen.stdout)?.[1] ?? '';
  const packageBefore = readFileSync(PACKAGE_JSON, 'utf8');
  const built = release(['--key', keyFile, '--crx-url', crxUrl, '--out', outDir], { ...process.env, HK_LIBRARY_PUBLIC_KEY: NATIONAL_KEY });
  releaseOutput = built.stdout + built.stderr;
  expect(built.status, releaseOutput).toBe(0);
  // Without --version the release is of the version in package.json, which it leaves as it was.
  expect(readFileSync(PACKAGE_JSON, 'utf8')).toBe(packageBefore);
  agency.serve(outDir);
});

test.afterAll(async () => {
  await new Promise((resolve) => agency?.server.close(resolve));
  if (work) rmSync(work, { recursive: true, force: true });
});

test('the release refuses, in Indonesian and English, without the national key or the agency key, and builds nothing', () => {
  const refusedOut = join(work, 'refused');
  const env = { ...process.env };
  delete env.HK_LIBRARY_PUBLIC_KEY;
  const noNationalKey = release(['--key', keyFile, '--crx-url', crxUrl, '--out', refusedOut], env);
  expect(noNationalKey.status).not.toBe(0);
  expect(noNationalKey.stderr).toContain('Build produksi memerlukan HK_LIBRARY_PUBLIC_KEY');
  expect(noNationalKey.stderr).toContain('A production build needs HK_LIBRARY_PUBLIC_KEY');

  const noAgencyKey = release(['--key', join(work, 'missing.pem'), '--crx-url', crxUrl, '--out', refusedOut], { ...process.env, HK_LIBRARY_PUBLIC_KEY: NATIONAL_KEY });
  expect(noAgencyKey.status).not.toBe(0);
  expect(noAgencyKey.stderr).toContain('Kunci CRX tidak ditemukan / CRX key not found');
  expect(noAgencyKey.stderr).toContain('npm run release -- --new-key');
  expect(existsSync(refusedOut)).toBe(false);
});

test('the release holds the store zip, the agency CRX with its update.xml, and the Firefox package with its sources', () => {
  for (const file of [`humas-kanal-${VERSION}-chrome.zip`, `humas-kanal-${VERSION}-firefox.zip`, `humas-kanal-${VERSION}-sources.zip`, 'humas-kanal.crx', 'SHA256SUMS']) {
    expect(existsSync(join(outDir, file)), file).toBe(true);
  }
  const crx = readFileSync(join(outDir, 'humas-kanal.crx'));
  expect(crx.subarray(0, 4).toString('latin1')).toBe('Cr24');
  expect(crx.readUInt32LE(4)).toBe(3);
  const updateXml = readFileSync(join(outDir, 'update.xml'), 'utf8');
  expect(updateXml).toContain(`<app appid="${extensionId}">`);
  expect(updateXml).toContain(`<updatecheck codebase="${crxUrl}" version="${VERSION}" prodversionmin="148" />`);
  expect(JSON.parse(readFileSync(join(outDir, 'chromium-policy.json'), 'utf8'))).toEqual({
    ExtensionSettings: { [extensionId]: { installation_mode: 'force_installed', update_url: `${agency.origin}/humas-kanal/update.xml`, override_update_url: true } },
  });
  const firefoxManifest = JSON.parse(readFileSync(join(outDir, 'firefox-mv2/manifest.json'), 'utf8'));
  expect(firefoxManifest.version).toBe(VERSION);
  expect(firefoxManifest.browser_specific_settings.gecko.id).toBe('humas-kanal@komdigi.go.id');
  expect(releaseOutput).toContain(`ID ekstensi / extension id: ${extensionId}`);
});

test("Chromium installs the release from the agency's server by the release's policy, and updates it from there", async () => {
  test.setTimeout(180_000);
  const policy = JSON.parse(readFileSync(join(outDir, 'chromium-policy.json'), 'utf8'));
  // By default Chromium keeps DevTools (and so this test) away from force-installed extensions.
  const browser = browserWithPolicy({ ...policy, DeveloperToolsAvailability: 1 });
  try {
    let context = await browser.launch();
    // 'admin': installed by policy, not loaded from a folder or by the officer.
    expect(await describeInstalled(await installedWorker(context))).toEqual({ id: extensionId, version: VERSION, installType: 'admin' });
    expect(agency.requests).toEqual(expect.arrayContaining(['/humas-kanal/update.xml', '/humas-kanal/humas-kanal.crx']));

    // The agency puts the next version on its server: Chromium's update check finds it there and
    // installs it (for an extension that is running, at the next start).
    const next = await nextVersionRelease();
    agency.serve(next.dir);
    const update = await (await installedWorker(context)).evaluate(async () => {
      const api = (globalThis as unknown as { chrome: InstalledExtensionApi }).chrome;
      // onUpdateAvailable: the new CRX is downloaded, verified and waiting for the extension's next start.
      const staged = new Promise<string>((resolve) => api.runtime.onUpdateAvailable.addListener((details) => resolve(details.version)));
      const check = await api.runtime.requestUpdateCheck();
      return { check, staged: check.status === 'update_available' ? await staged : 'nothing to stage' };
    });
    expect(update).toEqual({ check: { status: 'update_available', version: next.version }, staged: next.version });
    await context.close();
    context = await browser.launch();
    expect(await describeInstalled(await installedWorker(context))).toEqual({ id: extensionId, version: next.version, installType: 'admin' });
    await context.close();
  } finally {
    browser.remove();
  }
});
