// The library publisher: a content folder → a signed, static, CDN-ready feed snapshot.
// Output is byte-identical for unchanged content (stable order, no build timestamps), so ETags hold.
import { createHash, type KeyObject } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readContentFolder, type FileProblem } from './content-folder';
import { signatureHeader } from './keys';

export const TOMBSTONE_DAYS = 90;

export type { FileProblem } from './content-folder';

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

export function publishLibrary(contentDir: string, outDir: string, options: PublishOptions = {}): PublishResult {
  const now = options.now ?? new Date();
  const { items, drafts, problems, removals, files } = readContentFolder(contentDir);

  const live = new Set(items.map((i) => i.id));
  const cutoff = now.getTime() - TOMBSTONE_DAYS * 86_400_000;
  const removed = removals
    .filter((r) => !live.has(r.id) && (!r.removedAt || Date.parse(r.removedAt) >= cutoff))
    .map(({ id, reason }) => ({ id, reason }))
    .sort((a, b) => a.id.localeCompare(b.id));

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
  for (const [name, file] of files) {
    if (!existsSync(join(outDir, name))) copyFileSync(file.path, join(outDir, name));
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
