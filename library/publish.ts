// The library publisher: a content folder → a signed, static, CDN-ready feed snapshot.
// Output is byte-identical for unchanged content (stable order, no build timestamps), so ETags hold.
import { createHash, type KeyObject } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { ContentItemSchema, RemovedSchema, type ContentItem } from '../utils/schema';
import { imageSize } from './content-folder';
import { signatureHeader } from './keys';

export const TOMBSTONE_DAYS = 90;
const EXTENSIONS: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' };

export interface FileProblem {
  file: string;
  /** Bahasa Indonesia first, English after. */
  message: string;
}

export interface PublishOptions {
  signingKey?: KeyObject;
  /** For tombstone age; defaults to now. */
  now?: Date;
  publisher?: string;
}

export interface PublishResult {
  items: number;
  tombstones: number;
  drafts: number;
  problems: FileProblem[];
  feedBytes: number;
  signature?: string;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function describeIssues(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return error.issues.map((i) => `${i.path.join('.') || '(berkas)'}: ${i.message}`).join('; ');
}

interface RawMedia {
  id: string;
  file: string;
  mime: string;
  alt: string;
}

/** Reads one item file: validates it and prepares its media under content-addressed names. */
function readItem(contentDir: string, file: string, media: Map<string, string>): { item?: ContentItem; draft?: boolean; problem?: string } {
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
    const hash = sha256(bytes);
    const name = `media/${hash}.${EXTENSIONS[m.mime] ?? extname(m.file).slice(1)}`;
    media.set(name, path);
    prepared.push({ id: m.id, url: name, mime: m.mime, sha256: hash, bytes: bytes.length, ...size, alt: m.alt });
  }
  const parsed = ContentItemSchema.safeParse({ ...raw, media: prepared });
  if (!parsed.success) return { problem: `isi tidak valid / invalid content: ${describeIssues(parsed.error)}` };
  if (`${parsed.data.id}.json` !== file) return { problem: `nama berkas harus ${parsed.data.id}.json / file name must be ${parsed.data.id}.json` };
  return { item: parsed.data };
}

export function publishLibrary(contentDir: string, outDir: string, options: PublishOptions = {}): PublishResult {
  const now = options.now ?? new Date();
  const problems: FileProblem[] = [];
  const media = new Map<string, string>();
  const items: ContentItem[] = [];
  let drafts = 0;
  for (const file of readdirSync(join(contentDir, 'items')).filter((f) => f.endsWith('.json')).sort()) {
    const { item, draft, problem } = readItem(contentDir, file, media);
    if (problem) problems.push({ file: `items/${file}`, message: problem });
    if (draft) drafts++;
    if (item) items.push(item);
  }

  const removedPath = join(contentDir, 'removed.json');
  const removedRaw = existsSync(removedPath) ? (JSON.parse(readFileSync(removedPath, 'utf8')) as { id: string; reason: string; removedAt?: string }[]) : [];
  const live = new Set(items.map((i) => i.id));
  const cutoff = now.getTime() - TOMBSTONE_DAYS * 86_400_000;
  const removed = removedRaw
    .filter((r) => !live.has(r.id) && (!r.removedAt || Date.parse(r.removedAt) >= cutoff))
    .map((r) => RemovedSchema.parse({ id: r.id, reason: r.reason }))
    .sort((a, b) => a.id.localeCompare(b.id));

  items.sort((a, b) => a.id.localeCompare(b.id));
  const content = JSON.stringify({ items, removed });
  const feed = {
    schema: 1,
    publisher: options.publisher ?? 'Kementerian Komunikasi dan Digital',
    // Derived from the content: unchanged content, unchanged bytes.
    cursor: `s-${sha256(Buffer.from(content)).slice(0, 20)}`,
    hasMore: false,
    items,
    removed,
  };
  const body = Buffer.from(JSON.stringify(feed));

  mkdirSync(join(outDir, 'v1'), { recursive: true });
  mkdirSync(join(outDir, 'media'), { recursive: true });
  writeFileSync(join(outDir, 'v1', 'feed'), body);
  for (const [name, source] of media) {
    if (!existsSync(join(outDir, name))) copyFileSync(source, join(outDir, name));
  }
  const signature = options.signingKey ? signatureHeader(options.signingKey, body) : undefined;
  writeFileSync(join(outDir, '_headers'), headersFile(signature));
  if (signature) writeFileSync(join(outDir, 'v1', 'feed.sig'), `${signature}\n`);
  return { items: items.length, tombstones: removed.length, drafts, problems, feedBytes: body.length, signature };
}

/**
 * Response headers for the static host, in the `_headers` format that Netlify, Cloudflare Pages and
 * similar hosts read; for others (nginx, S3/CloudFront) set the same headers in their config.
 */
export function headersFile(signature?: string): string {
  return [
    '/v1/feed',
    '  Content-Type: application/json; charset=utf-8',
    '  Access-Control-Allow-Origin: *',
    '  Access-Control-Expose-Headers: ETag, X-Library-Signature',
    '  Cache-Control: no-cache',
    ...(signature ? [`  X-Library-Signature: ${signature}`] : []),
    '/media/*',
    '  Access-Control-Allow-Origin: *',
    '  Cache-Control: public, max-age=31536000, immutable',
    '',
  ].join('\n');
}
