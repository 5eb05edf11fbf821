// What a build carries about the national library, from its environment, and whether that build
// may be made. A production build (any mode but development/test) must carry the library's key:
// without it the extension would follow an unsigned library, and the development key's private
// half is in this repository, so it proves nothing. Development and test builds may go without.
// Read by wxt.config.ts (Node); nothing here runs in the extension.

/** Modes whose builds may go without a key: `wxt build --mode development` (npm run build:dev) and tests. */
export const UNKEYED_BUILD_MODES = ['development', 'test'];

export interface BuildSettings {
  /** base64 raw Ed25519 key of the national library ('' in an unkeyed development build). */
  publicKey: string;
  /** HK_MIN_SEQUENCE: the lowest feed sequence a first sync accepts. */
  minSequence?: number;
  defaultLibraryUrl: string;
  /** Why this build must not be made (bilingual), or undefined. */
  problem?: string;
}

const isRawEd25519 = (key: string) => /^[A-Za-z0-9+/]{43}=$/.test(key);

export function buildSettings(mode: string, env: Record<string, string | undefined>, developmentPublicKey: string): BuildSettings {
  const publicKey = env.HK_LIBRARY_PUBLIC_KEY?.trim() ?? '';
  const minText = env.HK_MIN_SEQUENCE?.trim();
  const minSequence = minText ? Number(minText) : undefined;
  const settings: BuildSettings = { publicKey, minSequence, defaultLibraryUrl: env.HK_DEFAULT_LIBRARY_URL ?? 'http://127.0.0.1:8787' };
  const production = !UNKEYED_BUILD_MODES.includes(mode);
  const problem =
    publicKey && !isRawEd25519(publicKey)
      ? 'HK_LIBRARY_PUBLIC_KEY bukan kunci Ed25519 (base64, 32 byte) / HK_LIBRARY_PUBLIC_KEY is not a base64 raw Ed25519 key'
      : minSequence !== undefined && !(Number.isInteger(minSequence) && minSequence >= 0)
        ? 'HK_MIN_SEQUENCE harus bilangan bulat ≥ 0 / HK_MIN_SEQUENCE must be an integer ≥ 0'
        : production && !publicKey
          ? 'Build produksi memerlukan HK_LIBRARY_PUBLIC_KEY (kunci publik pustaka nasional, dari `npm run library:keygen`); untuk pengembangan dan uji: `npm run build:dev` / ' +
            "A production build needs HK_LIBRARY_PUBLIC_KEY (the national library's public key, from `npm run library:keygen`); for development and tests: `npm run build:dev`"
          : production && publicKey === developmentPublicKey
            ? 'Kunci pengembangan (library/dev-keys, kunci privatnya ada di repositori) ditolak untuk build produksi / ' +
              'The development key (library/dev-keys, whose private key is in the repository) is refused in a production build'
            : undefined;
  return { ...settings, ...(problem ? { problem } : {}) };
}
