// This install's identity for signed reports (feed spec v1.1, "Enrolled, signed reports"): an
// installId and an Ed25519 key pair made by WebCrypto on first use, the private key non-extractable
// (IndexedDB keeps the CryptoKey itself; its bytes can never be read out), and the chain's genesis.
import { bytesToBase64, sha256Hex } from '../shared/crypto';
import { getMeta, setMeta, type HumasDb } from '../storage/db';

export interface InstallIdentity {
  installId: string;
  /** base64 of the raw Ed25519 public key, as enrolled. */
  publicKey: string;
  /** hex sha256 of the raw public key: the first entry's prevHash. */
  genesis: string;
  /** base64 Ed25519 signature of the UTF-8 bytes of an entry's hex hash. */
  sign(hash: string): Promise<string>;
}

interface StoredIdentity {
  installId: string;
  publicKey: string;
  genesis: string;
  privateKey: CryptoKey;
}

const META_KEY = 'install';
const made = new WeakMap<HumasDb, Promise<InstallIdentity>>();

async function loadOrCreate(db: HumasDb): Promise<InstallIdentity> {
  let stored = await getMeta<StoredIdentity>(db, META_KEY);
  if (!stored) {
    const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as CryptoKeyPair;
    const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
    stored = { installId: crypto.randomUUID(), publicKey: bytesToBase64(raw), genesis: await sha256Hex(raw), privateKey: pair.privateKey };
    // Two workers racing on first run: the first identity written wins, both use it.
    await db.transaction('rw', db.meta, async () => {
      const existing = await getMeta<StoredIdentity>(db, META_KEY);
      if (existing) stored = existing;
      else await setMeta(db, META_KEY, stored);
    });
  }
  const { installId, publicKey, genesis, privateKey } = stored!;
  return {
    installId,
    publicKey,
    genesis,
    sign: async (hash) => bytesToBase64(new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, privateKey, new TextEncoder().encode(hash)))),
  };
}

export function installIdentity(db: HumasDb): Promise<InstallIdentity> {
  let identity = made.get(db);
  if (!identity) {
    identity = loadOrCreate(db);
    made.set(db, identity);
    identity.catch(() => made.delete(db));
  }
  return identity;
}
