// The agency's own Chromium package: a CRX3 signed with the agency's RSA key (its id is derived from
// that key, so the key must be kept for every later version), the update manifest Chromium polls
// (Google's gupdate format) and the policy that installs and updates the extension from there.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, writeFileSync } from 'node:fs';
import crx3 from 'crx3';

export const HOW_TO_MAKE_A_KEY =
  'Buat sekali dengan `npm run release -- --new-key /aman/humas-kanal-crx.pem` dan simpan di luar repositori (kunci yang hilang = ID ekstensi baru) / ' +
  'make one once with `npm run release -- --new-key /safe/humas-kanal-crx.pem` and keep it outside the repository (a lost key means a new extension id)';

/** The agency's key as Node reads it, or a bilingual problem. */
export function loadCrxKey(path: string | undefined): { key: KeyObject } | { problem: string } {
  if (!path) return { problem: `Kunci CRX instansi belum diberikan (--key atau HK_CRX_KEY) / The agency's CRX key is not given (--key or HK_CRX_KEY). ${HOW_TO_MAKE_A_KEY}` };
  if (!existsSync(path)) return { problem: `Kunci CRX tidak ditemukan / CRX key not found: ${path}. ${HOW_TO_MAKE_A_KEY}` };
  try {
    const key = createPrivateKey(readFileSync(path));
    if (key.asymmetricKeyType !== 'rsa') throw new Error(`${key.asymmetricKeyType} key`);
    return { key };
  } catch (err) {
    return { problem: `${path} bukan kunci privat RSA (PEM) / is not an RSA private key (PEM): ${(err as Error).message}. ${HOW_TO_MAKE_A_KEY}` };
  }
}

/** Writes a new 2048-bit RSA key (PKCS#8 PEM, readable by its owner only); refuses to replace one. */
export function makeCrxKey(path: string): KeyObject {
  if (existsSync(path)) throw new Error(`${path} sudah ada, tidak ditimpa / already exists, not overwritten`);
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  writeFileSync(path, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  return privateKey;
}

/** Chromium's extension id: sha256 of the public key (DER SubjectPublicKeyInfo), first 32 hex digits written as a–p. */
export function extensionIdOf(key: KeyObject): string {
  const der = createPublicKey(key).export({ type: 'spki', format: 'der' });
  const hex = createHash('sha256').update(der).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + parseInt(digit, 16))).join('');
}

/** Packs the store zip's files (exactly those) into a CRX3 signed with the key at keyPath. */
export async function packCrx(zipPath: string, keyPath: string, crxPath: string): Promise<string> {
  const packed = await crx3(createReadStream(zipPath), { keyPath, crxPath });
  return packed.appId;
}

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Google's update manifest: where version `version` of extension `appId` is (`codebase`), and the oldest Chromium it runs in. */
export function updateManifest(appId: string, version: string, codebase: string, minimumChromeVersion: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<gupdate xmlns="http://www.google.com/update2/response" protocol="2.0">
  <app appid="${appId}">
    <updatecheck codebase="${escapeXml(codebase)}" version="${escapeXml(version)}" prodversionmin="${escapeXml(minimumChromeVersion)}" />
  </app>
</gupdate>
`;
}

/**
 * The managed policy that installs the extension from update.xml and keeps updating it from there.
 * ExtensionSettings, not ExtensionInstallForcelist alone: a forcelist URL serves the first install only,
 * later update checks go to the manifest's update_url (none: the store's), unless override_update_url.
 */
export function chromiumPolicy(appId: string, updateUrl: string) {
  return { ExtensionSettings: { [appId]: { installation_mode: 'force_installed', update_url: updateUrl, override_update_url: true } } };
}
