// The library publisher: a content folder → a signed, static, CDN-ready feed snapshot (`v1/feed`) and
// the incremental static layout beside it (`v1/index.json`, `v1/static/`; library/static-layout.ts).
// Output is byte-identical for unchanged content (stable order, no build timestamps), so ETags hold.
import { createHash, type KeyObject } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readContentFolder, type FileProblem } from './content-folder';
import { signatureHeader } from './keys';
import { writeStaticLayout, type StaticLayoutResult } from './static-layout';
import { latestPublication, readHistory, type History } from './static-history';
import { SiteHintsSchema, type SiteHints } from '../utils/shared/schema';

export const TOMBSTONE_DAYS = 90;

export type { FileProblem } from './content-folder';

export interface PublishOptions {
  signingKey?: KeyObject;
  /** For tombstone age and the issue time; defaults to now. */
  now?: Date;
  /** Issue the unchanged library again with a new time and number (so clients do not call it stale). */
  refresh?: boolean;
  publisher?: string;
  /** Where prepared images are cached between runs (media-prep.ts). */
  prepCache?: string;
}

export interface PublishResult {
  items: number;
  tombstones: number;
  drafts: number;
  problems: FileProblem[];
  feedBytes: number;
  signature?: string;
  /** The static layout (docs/static-format.md) written beside `v1/feed`. */
  static: StaticLayoutResult;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

type PreviousFeed = { cursor?: string; issuedAt?: string; sequence?: number };

function readPreviousFeed(outDir: string): PreviousFeed | undefined {
  const path = join(outDir, 'v1', 'feed');
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * The publication's number and time, shared by `v1/feed` and `v1/index.json`: unchanged content
 * (same cursor, no refresh) keeps the previous ones, so no byte changes; anything else takes the
 * next number after the highest either file has issued.
 */
function decidePublication(previous: PreviousFeed | undefined, history: History, cursor: string, refresh: boolean | undefined, now: Date) {
  const last = Math.max(previous?.sequence ?? 0, latestPublication(history)?.sequence ?? 0);
  if (!refresh && previous?.cursor === cursor && previous.sequence === last && previous.issuedAt) return { sequence: last, issuedAt: previous.issuedAt };
  return { sequence: last + 1, issuedAt: now.toISOString() };
}

/**
 * The library's site hints (`site-hints.json` in the content folder; docs/feed-extensions.md),
 * validated as every client will validate them: an invalid file is a problem and is not published.
 */
function readSiteHints(contentDir: string): { siteHints?: SiteHints; problem?: FileProblem } {
  const path = join(contentDir, 'site-hints.json');
  if (!existsSync(path)) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    return { problem: { file: 'site-hints.json', message: `JSON tidak valid / invalid JSON: ${(err as Error).message}` } };
  }
  const parsed = SiteHintsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { problem: { file: 'site-hints.json', message: `isi tidak valid / invalid content: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}` } };
  }
  return { siteHints: parsed.data };
}

export async function publishLibrary(contentDir: string, outDir: string, options: PublishOptions = {}): Promise<PublishResult> {
  const now = options.now ?? new Date();
  const { items, drafts, problems, removals, files } = await readContentFolder(contentDir, options.prepCache);

  const live = new Set(items.map((i) => i.id));
  const cutoff = now.getTime() - TOMBSTONE_DAYS * 86_400_000;
  const removed = removals
    .filter((r) => !live.has(r.id) && (!r.removedAt || Date.parse(r.removedAt) >= cutoff))
    .map(({ id, reason }) => ({ id, reason }))
    .sort((a, b) => a.id.localeCompare(b.id));

  const hints = readSiteHints(contentDir);
  if (hints.problem) problems.push(hints.problem);
  const { siteHints } = hints;
  // Hints are content too: a change to them is a new publication.
  const content = JSON.stringify({ items, removed, ...(siteHints ? { siteHints } : {}) });
  const cursor = `s-${sha256(Buffer.from(content)).slice(0, 20)}`;
  // Freshness: a new publication number and issue time when the content changed (or on --refresh);
  // unchanged content keeps the previous snapshot's, so its bytes (and ETag) stay the same.
  const history = readHistory(outDir);
  const publication = decidePublication(readPreviousFeed(outDir), history, cursor, options.refresh, now);
  const publisher = options.publisher ?? 'Kementerian Komunikasi dan Digital';
  const feed = {
    schema: 1,
    publisher,
    // v1.2: the one snapshot answers a request without a cursor (a static host ignores the query).
    since: '',
    // Derived from the content: unchanged content, unchanged bytes.
    cursor,
    hasMore: false,
    // A full snapshot: an item missing from it is gone, even once its tombstone has aged out.
    complete: true,
    items,
    removed,
    issuedAt: publication.issuedAt,
    sequence: publication.sequence,
    ...(siteHints ? { siteHints } : {}),
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
  const reasons = new Map(removals.map((r) => [r.id, r.reason]));
  const staticLayout = writeStaticLayout(outDir, { items, siteHints, tombstones: removed, reasons, publisher, publication, history, signingKey: options.signingKey, now });
  return { items: items.length, tombstones: removed.length, drafts, problems, feedBytes: body.length, signature, static: staticLayout };
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
    '/v1/index.json',
    '  Content-Type: application/json; charset=utf-8',
    '  Access-Control-Allow-Origin: *',
    '  Access-Control-Expose-Headers: ETag',
    '  Cache-Control: no-cache',
    // Content-addressed: a file's bytes never change, so any cache may keep it for good.
    '/v1/static/*',
    '  Content-Type: application/json; charset=utf-8',
    '  Access-Control-Allow-Origin: *',
    '  Access-Control-Expose-Headers: ETag, Content-Range',
    '  Cache-Control: public, max-age=31536000, immutable',
    '/media/*',
    '  Access-Control-Allow-Origin: *',
    '  Access-Control-Expose-Headers: ETag, Content-Range',
    '  Cache-Control: public, max-age=31536000, immutable',
    '',
  ].join('\n');
}
