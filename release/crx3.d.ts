// crx3 ships JavaScript only; the part of its API the release uses.
declare module 'crx3' {
  import type { Readable } from 'node:stream';
  interface Crx3Options {
    keyPath: string;
    crxPath: string;
    zipPath?: string;
    xmlPath?: string;
  }
  /** Packs the files, or a zip stream, into a CRX3; creates the key file when it does not exist. */
  export default function crx3(files: string[] | Readable, options: Crx3Options): Promise<{ appId: string }>;
}
