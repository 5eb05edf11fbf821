// Reads a content folder (items/*.json, media/*, removed.json) into feed items with computed media fields.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ContentItemSchema, RemovedSchema, type ContentItem } from '../utils/schema';

export interface MediaFile {
  path: string;
  mime: string;
}

export interface LoadedLibrary {
  items: ContentItem[];
  removed: { id: string; reason: 'withdrawn' | 'expired' | 'replaced' }[];
  /** Feed-relative media URL → file on disk. */
  files: Map<string, MediaFile>;
}

/** Width and height from a PNG IHDR or a JPEG SOF marker. */
export function imageSize(bytes: Buffer): { width: number; height: number } {
  if (bytes.subarray(1, 4).toString('latin1') === 'PNG') return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  for (let i = 2; i < bytes.length - 9; ) {
    if (bytes[i] !== 0xff) throw new Error('bukan JPEG yang valid');
    const marker = bytes[i + 1]!;
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      return { height: bytes.readUInt16BE(i + 5), width: bytes.readUInt16BE(i + 7) };
    }
    i += 2 + bytes.readUInt16BE(i + 2);
  }
  throw new Error('ukuran gambar tidak ditemukan');
}

export function loadContentFolder(dir: string): LoadedLibrary {
  const files = new Map<string, MediaFile>();
  const items = readdirSync(join(dir, 'items'))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const raw = JSON.parse(readFileSync(join(dir, 'items', file), 'utf8'));
      const media = (raw.media ?? []).map((m: { id: string; file: string; mime: string; alt: string }) => {
        const bytes = readFileSync(join(dir, m.file));
        const url = m.file.split('/').map(encodeURIComponent).join('/');
        files.set(url, { path: join(dir, m.file), mime: m.mime });
        return { id: m.id, url, mime: m.mime, sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length, ...imageSize(bytes), alt: m.alt };
      });
      return ContentItemSchema.parse({ ...raw, media });
    });
  const removedPath = join(dir, 'removed.json');
  const removed = existsSync(removedPath) ? RemovedSchema.array().parse(JSON.parse(readFileSync(removedPath, 'utf8')).map(({ id, reason }: { id: string; reason: string }) => ({ id, reason }))) : [];
  return { items, removed, files };
}
