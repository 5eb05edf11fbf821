// Ed25519 checks of uploaded entries off the hub's main thread (plain JavaScript: a worker needs no
// build step). Input: an install's raw public key and the entries' hashes and signatures (base64).
// Output: one boolean per entry.
import { createPublicKey, verify } from 'node:crypto';
import { parentPort } from 'node:worker_threads';

const keys = new Map();

parentPort.on('message', ({ id, publicKey, items }) => {
  let key = keys.get(publicKey);
  if (!key) {
    key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKey, 'base64').toString('base64url') }, format: 'jwk' });
    if (keys.size > 10_000) keys.clear();
    keys.set(publicKey, key);
  }
  const valid = items.map(([hash, signature]) => {
    try {
      return verify(null, Buffer.from(hash), key, Buffer.from(signature, 'base64'));
    } catch {
      return false;
    }
  });
  parentPort.postMessage({ id, valid });
});
