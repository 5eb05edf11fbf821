// The one reader of a content folder (items/*.json, media/*, removed.json), for the publisher and the
// dev server alike: validated items under content-addressed media names, drafts left out, and each
// broken file named with its problem (Bahasa Indonesia first, English after). Each image becomes a
// platform-ready file plus a thumbnail (media-prep.ts); the editor's original stays published beside it.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { fileNameFor } from '../utils/shared/library-terms';
import { ContentItemSchema, RemovedSchema, type ContentItem, type FeedPage } from '../utils/shared/schema';
import { prepareMediaCached } from './media-prep';

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

/** Width and height of the editor's file, which must be the format its item says. */
async function imageSize(bytes: Buffer, mime: string): Promise<{ width: number; height: number }> {
  const meta = await sharp(bytes).metadata();
  if (`image/${meta.format}` !== mime) throw new Error(`berkasnya ${meta.format}, bukan ${mime} / the file is ${meta.format}, not ${mime}`);
  return { width: meta.width, height: meta.height };
}

function describeIssues(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return error.issues.map((i) => `${i.path.join('.') || '(berkas)'}: ${i.message}`).join('; ');
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Reads one item file: validates it and prepares its media under content-addressed names. */
async function readItem(contentDir: string, file: string, files: Map<string, MediaFile>, prepCache?: string): Promise<{ item?: ContentItem; draft?: boolean; problem?: string }> {
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
    let size, prep;
    try {
      size = await imageSize(bytes, m.mime);
      prep = await prepareMediaCached(bytes, m.mime, prepCache);
    } catch (err) {
      return { problem: `gambar tidak dapat dibaca / unreadable image ${m.file}: ${(err as Error).message}` };
    }
    const originalSha = sha256(bytes);
    const original = { url: `media/${fileNameFor(originalSha, m.mime)}`, mime: m.mime, sha256: originalSha, bytes: bytes.length, ...size };
    files.set(original.url, { path, mime: m.mime });
    const { ready } = prep;
    const readySha = prep.readyIsOriginal ? originalSha : sha256(ready.bytes);
    const url = `media/${fileNameFor(readySha, ready.mime)}`;
    if (!prep.readyIsOriginal) files.set(url, { path: prep.readyPath, mime: ready.mime });
    prepared.push({
      id: m.id,
      url,
      mime: ready.mime,
      sha256: readySha,
      bytes: ready.bytes.length,
      width: ready.width,
      height: ready.height,
      alt: m.alt,
      thumbnail: prep.thumbnail,
      ...(prep.readyIsOriginal ? {} : { original }),
    });
  }
  const parsed = ContentItemSchema.safeParse({ ...raw, media: prepared });
  if (!parsed.success) return { problem: `isi tidak valid / invalid content: ${describeIssues(parsed.error)}` };
  if (`${parsed.data.id}.json` !== file) return { problem: `nama berkas harus ${parsed.data.id}.json / file name must be ${parsed.data.id}.json` };
  return { item: parsed.data };
}

export async function readContentFolder(contentDir: string, prepCache?: string): Promise<ContentFolder> {
  const folder: ContentFolder = { items: [], removals: [], drafts: 0, problems: [], files: new Map() };
  for (const file of readdirSync(join(contentDir, 'items')).filter((f) => f.endsWith('.json')).sort()) {
    const { item, draft, problem } = await readItem(contentDir, file, folder.files, prepCache);
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
