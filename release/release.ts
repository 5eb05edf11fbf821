// `npm run release -- [--version 0.5.0] --key <agency.pem> --crx-url <https://…/humas-kanal.crx> [--out <dir>]`
// Everything an agency rolls out, from one production build: the Chrome Web Store zip, a CRX3 signed
// with the agency's key plus the update.xml and policy that install it from the agency's server, the
// Firefox package and its sources for signing on AMO (`web-ext sign` needs Mozilla's servers, so it
// is not done here). With --version, package.json's version and the changelog move first; every
// check runs before anything is written, and a failed build puts both files back.
// `npm run release -- --new-key <file>` makes the agency's key once.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildSettings } from '../utils/shared/build-settings';
import { compareVersions, planChangelog } from './changelog';
import { chromiumPolicy, extensionIdOf, loadCrxKey, makeCrxKey, packCrx, updateManifest } from './chrome-package';

const ROOT = resolve(import.meta.dirname, '..');
const PACKAGE_JSON = join(ROOT, 'package.json');
const PACKAGE_LOCK = join(ROOT, 'package-lock.json');
const CHANGELOG = join(ROOT, 'CHANGELOG.md');

const { values: options } = parseArgs({
  options: {
    version: { type: 'string' },
    key: { type: 'string', default: process.env.HK_CRX_KEY },
    'crx-url': { type: 'string', default: process.env.HK_CRX_URL },
    out: { type: 'string' },
    'new-key': { type: 'string' },
  },
});

function fail(problems: string[]): never {
  console.error(['Rilis dibatalkan, tidak ada yang diubah / Release stopped, nothing was changed:', ...problems.map((p) => `  - ${p}`)].join('\n'));
  process.exit(1);
}

if (options['new-key']) {
  try {
    const key = makeCrxKey(options['new-key']);
    console.log(`Kunci CRX dibuat / CRX key made: ${options['new-key']}\nID ekstensi / extension id: ${extensionIdOf(key)}`);
    process.exit(0);
  } catch (err) {
    fail([(err as Error).message]);
  }
}

const packageText = readFileSync(PACKAGE_JSON, 'utf8');
const currentVersion: string = JSON.parse(packageText).version;
const version = options.version ?? currentVersion;
const today = new Date().toISOString().slice(0, 10);
const changelogText = existsSync(CHANGELOG) ? readFileSync(CHANGELOG, 'utf8') : '';

// Every reason not to release, found before anything is written.
const problems: string[] = [];
const developmentKey = readFileSync(join(ROOT, 'library/dev-keys/dev-ed25519-public.txt'), 'utf8').trim();
const libraryProblem = buildSettings('production', process.env, developmentKey).problem;
if (libraryProblem) problems.push(libraryProblem);
const crxKey = loadCrxKey(options.key);
if ('problem' in crxKey) problems.push(crxKey.problem);
let crxUrl: URL | undefined;
try {
  crxUrl = new URL(options['crx-url'] ?? '');
  if (!/^https?:$/.test(crxUrl.protocol)) throw new Error(crxUrl.protocol);
} catch {
  problems.push(
    'Alamat CRX di server instansi belum benar (--crx-url atau HK_CRX_URL, mis. https://unduh.instansi.go.id/humas-kanal/humas-kanal.crx) / ' +
      "The CRX's address on the agency's server is missing or invalid (--crx-url or HK_CRX_URL, e.g. https://download.agency.go.id/humas-kanal/humas-kanal.crx)",
  );
}
if (!/^\d+\.\d+\.\d+$/.test(version)) problems.push(`Versi harus berbentuk X.Y.Z / The version must be X.Y.Z: ${version}`);
else if (options.version && compareVersions(version, currentVersion) <= 0) {
  problems.push(`Versi baru harus lebih tinggi dari ${currentVersion} (Chromium hanya memperbarui ke versi yang lebih tinggi) / The new version must be higher than ${currentVersion} (Chromium only updates to a higher version): ${version}`);
}
const changelog = planChangelog(changelogText, version, today);
if (!changelog.ok) problems.push(changelog.problem);
// The default folder is the release's own and is rebuilt; a folder given with --out is never emptied.
const outDir = resolve(options.out ?? join(ROOT, '.output/release', version));
if (options.out && existsSync(outDir) && readdirSync(outDir).length > 0) {
  problems.push(`--out harus folder kosong atau belum ada / --out must be an empty or new folder: ${outDir}`);
}
if (problems.length > 0 || 'problem' in crxKey || !crxUrl || !changelog.ok) fail(problems);

const lockText = readFileSync(PACKAGE_LOCK, 'utf8');
const run = (command: string, args: string[]) => execFileSync(command, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, HK_OUT_DIR: outDir } });

try {
  if (version !== currentVersion) run('npm', ['version', version, '--no-git-tag-version']);
  if (changelog.changed) writeFileSync(CHANGELOG, changelog.changelog);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  run('npx', ['wxt', 'zip']);
  run('npx', ['wxt', 'zip', '-b', 'firefox']);
} catch (err) {
  // The version and changelog go back: a release that was not built did not happen.
  if (version !== currentVersion) {
    writeFileSync(PACKAGE_JSON, packageText);
    writeFileSync(PACKAGE_LOCK, lockText);
  }
  if (changelog.changed) writeFileSync(CHANGELOG, changelogText);
  fail([`Build gagal / Build failed: ${(err as Error).message}`]);
}

const zips = readdirSync(outDir).filter((name) => name.endsWith('.zip'));
const chromeZip = zips.find((name) => name.endsWith(`-${version}-chrome.zip`));
if (!chromeZip) fail([`Zip Chrome tidak ada di / No Chrome zip in ${outDir}: ${zips.join(', ')}`]);

const appId = extensionIdOf(crxKey.key);
const crxName = crxUrl.pathname.split('/').pop() || 'humas-kanal.crx';
const packedId = await packCrx(join(outDir, chromeZip), options.key!, join(outDir, crxName));
if (packedId !== appId) fail([`ID CRX ${packedId} ≠ ID kunci ${appId} / CRX id differs from the key's id`]);
const manifest = JSON.parse(readFileSync(join(outDir, 'chrome-mv3/manifest.json'), 'utf8'));
writeFileSync(join(outDir, 'update.xml'), updateManifest(appId, version, crxUrl.href, manifest.minimum_chrome_version ?? '0'));
const updateUrl = new URL('update.xml', crxUrl).href;
writeFileSync(join(outDir, 'chromium-policy.json'), `${JSON.stringify(chromiumPolicy(appId, updateUrl), null, 2)}\n`);

const artifacts = readdirSync(outDir).filter((name) => /\.(zip|crx|xml|json)$/.test(name)).sort();
const sums = artifacts.map((name) => `${createHash('sha256').update(readFileSync(join(outDir, name))).digest('hex')}  ${name}`);
writeFileSync(join(outDir, 'SHA256SUMS'), `${sums.join('\n')}\n`);

console.log(`
Humas Kanal ${version} — ${outDir}
${artifacts.map((name) => `  ${name}`).join('\n')}
ID ekstensi / extension id: ${appId}
Unggah ${crxName} dan update.xml ke / Upload ${crxName} and update.xml to: ${new URL('.', crxUrl).href}
Kebijakan Chromium / Chromium policy: chromium-policy.json (ExtensionSettings → ${updateUrl})
Firefox: tandatangani dengan / sign with \`web-ext sign\` (README, "Peluncuran" / "Rollout").`);
