// Ed25519 key helpers for signing feeds: the public key in the form settings and policy expect.
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

export function rawPublicKeyBase64(key: KeyObject): string {
  // An Ed25519 SPKI DER is a fixed 12-byte prefix followed by the 32-byte raw key.
  return createPublicKey(key).export({ format: 'der', type: 'spki' }).subarray(-32).toString('base64');
}

export function generateSigningKey(): { privatePem: string; publicKey: string } {
  const { privateKey } = generateKeyPairSync('ed25519');
  return { privatePem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), publicKey: rawPublicKeyBase64(privateKey) };
}

export function loadPrivateKey(pem: string): KeyObject {
  return createPrivateKey(pem);
}

/** The `X-Library-Signature` header value for exact body bytes. */
export function signatureHeader(key: KeyObject, body: Buffer): string {
  return `ed25519=${sign(null, body, key).toString('base64')}`;
}
