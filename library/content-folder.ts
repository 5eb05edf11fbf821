// The one reader of a content folder (items/*.json, media/*, removed.json), for the publisher and the
// dev server alike: validated items under content-addressed media names, drafts left out, and each
// broken file named with its problem (Bahasa Indonesia first, English after).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileNameFor } from '../utils/shared/library-terms';
import { ContentItemSchema, RemovedSchema, type ContentItem, type FeedPage } from '../utils/shared/schema';

export interface MediaFile {
  path: string;
  mime: string;
}

export interface FileProblem {
  file: string;
  message: string;
}

/** A withdrawal as the editors write it; `removedAt` dates it for the publisher's tombstone window. */
export type Removal = FeedPage['removed'][number] & { removedAt?: string };

export interface ContentFolder {
  /** Valid, non-draft items, sorted by id. */
  items: ContentItem[];
  removals: Removal[];
  drafts: number;
  problems: FileProblem[];
  /** Feed-relative media URL (`media/<sha256>.<ext>`) → file on disk. */
  files: Map<string, MediaFile>;
}

interface RawMedia {
  id: string;
  file: string;
  mime: string;
  alt: string;
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

function describeIssues(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return error.issues.map((i) => `${i.path.join('.') || '(berkas)'}: ${i.message}`).join('; ');
}

/** Reads one item file: validates it and prepares its media under content-addressed names. */
function readItem(contentDir: string, file: string, files: Map<string, MediaFile>): { item?: ContentItem; draft?: boolean; problem?: string } {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(readFileSync(join(contentDir, 'items', file), 'utf8'));
  } catch (err) {
    return { problem: `JSON tidak valid / invalid JSON: ${(err as Error).message}` };
  }
  if (raw.draft === true) return { draft: true };
  const prepared = [];
  for (const m of (raw.media ?? []) as RawMedia[]) {
    const path = join(contentDir, String(m.file ?? ''));
    if (!m.file || !existsSync(path)) return { problem: `berkas gambar tidak ada / image file missing: ${m.file}` };
    const bytes = readFileSync(path);
    let size;
    try {
      size = imageSize(bytes);
    } catch (err) {
      return { problem: `gambar tidak dapat dibaca / unreadable image ${m.file}: ${(err as Error).message}` };
    }
    const hash = createHash('sha256').update(bytes).digest('hex');
    const url = `media/${fileNameFor(hash, m.mime)}`;
    files.set(url, { path, mime: m.mime });
    prepared.push({ id: m.id, url, mime: m.mime, sha256: hash, bytes: bytes.length, ...size, alt: m.alt });
  }
  const parsed = ContentItemSchema.safeParse({ ...raw, media: prepared });
  if (!parsed.success) return { problem: `isi tidak valid / invalid content: ${describeIssues(parsed.error)}` };
  if (`${parsed.data.id}.json` !== file) return { problem: `nama berkas harus ${parsed.data.id}.json / file name must be ${parsed.data.id}.json` };
  return { item: parsed.data };
}

export function readContentFolder(contentDir: string): ContentFolder {
  const folder: ContentFolder = { items: [], removals: [], drafts: 0, problems: [], files: new Map() };
  for (const file of readdirSync(join(contentDir, 'items')).filter((f) => f.endsWith('.json')).sort()) {
    const { item, draft, problem } = readItem(contentDir, file, folder.files);
    if (problem) folder.problems.push({ file: `items/${file}`, message: problem });
    if (draft) folder.drafts++;
    if (item) folder.items.push(item);
  }
  folder.items.sort((a, b) => a.id.localeCompare(b.id));
  const removedPath = join(contentDir, 'removed.json');
  if (existsSync(removedPath)) {
    const parsed = RemovedSchema.extend({ removedAt: RemovedSchema.shape.id.optional() }).array().safeParse(JSON.parse(readFileSync(removedPath, 'utf8')));
    if (parsed.success) folder.removals = parsed.data;
    else folder.problems.push({ file: 'removed.json', message: `isi tidak valid / invalid content: ${describeIssues(parsed.error)}` });
  }
  return folder;
}
