// WebCrypto helpers shared by sync (signatures, image integrity) and the posting log (hash chain).

export async function sha256Hex(data: BufferSource | string): Promise<string> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64.trim());
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function bytesToBase64(bytes: Uint8Array): string {
  let bin = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) bin += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(bin);
}

/** Verifies an `X-Library-Signature: ed25519=<base64>` header over the exact body bytes. */
export async function verifyFeedSignature(publicKeyB64: string, header: string | null, body: Uint8Array<ArrayBuffer>): Promise<boolean> {
  const match = header?.match(/^\s*ed25519=([A-Za-z0-9+/=]+)\s*$/);
  if (!match) return false;
  try {
    const key = await crypto.subtle.importKey('raw', base64ToBytes(publicKeyB64), { name: 'Ed25519' }, false, ['verify']);
    return await crypto.subtle.verify({ name: 'Ed25519' }, key, base64ToBytes(match[1]!), body);
  } catch {
    return false;
  }
}

/** A verifier for signatures of entry hashes by one install's key (raw Ed25519, base64); undefined when the key is not one. */
export async function entrySignatureVerifier(publicKeyB64: string): Promise<((hash: string, signatureB64: string) => Promise<boolean>) | undefined> {
  try {
    const raw = base64ToBytes(publicKeyB64);
    if (raw.length !== 32) return undefined;
    const key = await crypto.subtle.importKey('raw', raw, { name: 'Ed25519' }, false, ['verify']);
    return async (hash, signatureB64) => {
      try {
        return await crypto.subtle.verify({ name: 'Ed25519' }, key, base64ToBytes(signatureB64), new TextEncoder().encode(hash));
      } catch {
        return false;
      }
    };
  } catch {
    return undefined;
  }
}
