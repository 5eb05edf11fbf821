// Writes a desk library's signed static output from the database, composed as library/publish.ts
// composes a content folder's: `v1/feed` (+ `feed.sig`, `_headers`) and the incremental layout
// (writeStaticLayout: v1/index.json, v1/static/). Live items are the latest approved version of each
// published, non-withdrawn item whose publication time has come; withdrawals within TOMBSTONE_DAYS
// are tombstones with reason `withdrawn`. Unchanged content rewrites nothing (same sequence, bytes).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { headersFile, TOMBSTONE_DAYS } from '../../library/publish';
import { signatureHeader } from '../../library/keys';
import { writeStaticLayout } from '../../library/static-layout';
import { latestPublication, readHistory, type History } from '../../library/static-history';
import { fileNameFor } from '../../utils/shared/library-terms';
import type { ContentItem, FeedPage } from '../../utils/shared/schema';
import type { Queryable } from '../database';
import { toContentItem, DeskItemSchema, type DeskItem, type ResolvedMedia } from './draft';
import type { DeskLibraryRuntime } from './libraries';

export interface DeskPublication {
  sequence: number;
  issuedAt: string;
  items: number;
  tombstones: number;
  /** Approved items held back until their publishAt. */
  scheduled: number;
  /** False when the content was unchanged (same sequence, nothing rewritten). */
  changed: boolean;
}

type Removed = FeedPage['removed'][number];
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

type MediaRow = { sha256: string; mime: string; width: number; height: number; bytes: number; thumbnail: string; original_sha256: string | null; original_mime: string | null; original_width: number | null; original_height: number | null; original_bytes: number | null };

/** The media of the given sha256s as the feed carries them (url, size, thumbnail, original). */
export async function resolveMedia(db: Queryable, hashes: string[]): Promise<Map<string, ResolvedMedia>> {
  if (!hashes.length) return new Map();
  const rows = await db.query<MediaRow>(
    `SELECT sha256, mime, width, height, length(bytes) AS bytes, thumbnail, original_sha256, original_mime, original_width, original_height, length(original_bytes) AS original_bytes
       FROM desk_media WHERE sha256 = ANY($1)`,
    [hashes],
  );
  return new Map(rows.map((r) => [r.sha256, {
    id: r.sha256.slice(0, 16),
    url: `media/${fileNameFor(r.sha256, r.mime)}`,
    mime: r.mime as ResolvedMedia['mime'],
    sha256: r.sha256,
    bytes: Number(r.bytes),
    width: r.width,
    height: r.height,
    alt: '',
    thumbnail: r.thumbnail,
    ...(r.original_sha256 ? { original: { url: `media/${fileNameFor(r.original_sha256, r.original_mime!)}`, mime: r.original_mime as ResolvedMedia['mime'], sha256: r.original_sha256, bytes: Number(r.original_bytes), width: r.original_width!, height: r.original_height! } } : {}),
  }]));
}

/** Media files not in the output folder yet, from the database (content-addressed: never rewritten). */
async function writeMediaFiles(db: Queryable, outDir: string, items: ContentItem[]): Promise<void> {
  const wanted = new Map<string, string>();
  for (const m of items.flatMap((i) => i.media)) {
    if (!existsSync(join(outDir, m.url))) wanted.set(m.sha256, m.url);
    if (m.original && !existsSync(join(outDir, m.original.url))) wanted.set(m.original.sha256, m.original.url);
  }
  if (!wanted.size) return;
  const rows = await db.query<{ sha256: string; bytes: Buffer | Uint8Array; original_sha256: string | null; original_bytes: Buffer | Uint8Array | null }>(
    'SELECT sha256, bytes, original_sha256, original_bytes FROM desk_media WHERE sha256 = ANY($1) OR original_sha256 = ANY($1)',
    [[...wanted.keys()]],
  );
  mkdirSync(join(outDir, 'media'), { recursive: true });
  const put = (url: string, bytes: Buffer | Uint8Array) => {
    writeFileSync(join(outDir, `${url}.tmp`), bytes);
    renameSync(join(outDir, `${url}.tmp`), join(outDir, url));
  };
  for (const r of rows) {
    if (wanted.has(r.sha256)) put(wanted.get(r.sha256)!, r.bytes);
    if (r.original_sha256 && r.original_bytes && wanted.has(r.original_sha256)) put(wanted.get(r.original_sha256)!, r.original_bytes);
  }
}

/**
 * Approved versions as parsed, per database: an approved version's content never changes (a
 * correction is a new version), so a publication of 10,000 items reads and parses only what is new.
 */
type ParsedVersion = { draft: DeskItem; item?: { publishedAt: string; value: ContentItem } };
const parsedVersions = new WeakMap<object, Map<string, ParsedVersion>>();

/** The live items and tombstones of a library at `now`, from the database. */
export async function libraryContent(db: Queryable, libraryId: string, now: Date): Promise<{ items: ContentItem[]; removed: Removed[]; scheduled: number }> {
  const rows = await db.query<{ id: string; version: number; first_published_at: string }>(
    'SELECT id, published_version AS version, first_published_at FROM desk_items WHERE library_id = $1 AND withdrawn_at IS NULL AND published_version IS NOT NULL ORDER BY id',
    [libraryId],
  );
  const cache = parsedVersions.get(db) ?? new Map<string, ParsedVersion>();
  parsedVersions.set(db, cache);
  const keyOf = (id: string, version: number) => `${libraryId}\u0000${id}\u0000${version}`;
  const missing = rows.filter((r) => !cache.has(keyOf(r.id, r.version)));
  if (missing.length) {
    const contents = await db.query<{ item_id: string; version: number; content: unknown }>(
      'SELECT v.item_id, v.version, v.content FROM desk_versions v JOIN unnest($2::text[], $3::int[]) AS w(id, version) ON v.item_id = w.id AND v.version = w.version WHERE v.library_id = $1',
      [libraryId, missing.map((r) => r.id), missing.map((r) => r.version)],
    );
    for (const c of contents) cache.set(keyOf(c.item_id, c.version), { draft: DeskItemSchema.parse(c.content) });
  }
  const drafts = rows.map((r) => {
    const cached = cache.get(keyOf(r.id, r.version))!;
    return { ...r, cached, publishedAt: cached.draft.publishAt ?? r.first_published_at };
  });
  const unparsed = drafts.filter((d) => d.cached.item?.publishedAt !== d.publishedAt);
  const media = await resolveMedia(db, [...new Set(unparsed.flatMap((d) => d.cached.draft.media.map((m) => m.sha256)))]);
  const items: ContentItem[] = [];
  let scheduled = 0;
  for (const { id, version, cached, publishedAt } of drafts) {
    if (Date.parse(publishedAt) > now.getTime()) {
      scheduled++;
      continue;
    }
    if (cached.item?.publishedAt !== publishedAt) {
      cached.item = { publishedAt, value: toContentItem(id, version, cached.draft, publishedAt, cached.draft.media.map((m) => ({ ...media.get(m.sha256)!, alt: m.alt }))) };
    }
    items.push(cached.item.value);
  }
  const cutoff = new Date(now.getTime() - TOMBSTONE_DAYS * 86_400_000).toISOString();
  const removed = (await db.query<{ id: string }>('SELECT id FROM desk_items WHERE library_id = $1 AND withdrawn_at IS NOT NULL AND withdrawn_at >= $2 ORDER BY id', [libraryId, cutoff]))
    .map((r) => ({ id: r.id, reason: 'withdrawn' as const }));
  return { items, removed, scheduled };
}

function previousFeed(outDir: string): { cursor?: string; issuedAt?: string; sequence?: number } | undefined {
  try {
    return JSON.parse(readFileSync(join(outDir, 'v1', 'feed'), 'utf8'));
  } catch {
    return undefined;
  }
}

/** As library/publish.ts decides: unchanged content keeps its number and time, anything else takes the next. */
function decide(previous: ReturnType<typeof previousFeed>, history: History, cursor: string, now: Date) {
  const last = Math.max(previous?.sequence ?? 0, latestPublication(history)?.sequence ?? 0);
  if (previous?.cursor === cursor && previous.sequence === last && previous.issuedAt) return { sequence: last, issuedAt: previous.issuedAt };
  return { sequence: last + 1, issuedAt: now.toISOString() };
}

export async function publishDeskLibrary(db: Queryable, library: DeskLibraryRuntime, now = new Date()): Promise<DeskPublication> {
  const { items, removed, scheduled } = await libraryContent(db, library.id, now);
  const outDir = library.outDir;
  mkdirSync(join(outDir, 'v1'), { recursive: true });
  await writeMediaFiles(db, outDir, items);
  const cursor = `s-${sha256(Buffer.from(JSON.stringify({ items, removed }))).slice(0, 20)}`;
  const history = readHistory(outDir);
  const publication = decide(previousFeed(outDir), history, cursor, now);
  const feed = { schema: 1, publisher: library.publisher, since: '', cursor, hasMore: false, complete: true, items, removed, ...publication };
  const body = Buffer.from(JSON.stringify(feed));
  const signature = signatureHeader(library.key, body);
  // The layout first (its index is what current clients read), then the older clients' feed.
  const reasons = new Map(removed.map((r) => [r.id, r.reason]));
  writeStaticLayout(outDir, { items, tombstones: removed, reasons, publisher: library.publisher, publication, history, signingKey: library.key, now });
  writeFileSync(join(outDir, 'v1', 'feed.tmp'), body);
  renameSync(join(outDir, 'v1', 'feed.tmp'), join(outDir, 'v1', 'feed'));
  writeFileSync(join(outDir, 'v1', 'feed.sig'), `${signature}\n`);
  writeFileSync(join(outDir, '_headers'), headersFile(signature));
  return { ...publication, items: items.length, tombstones: removed.length, scheduled, changed: publication.issuedAt === now.toISOString() };
}
