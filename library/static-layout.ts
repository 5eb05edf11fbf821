// Writes the library's static, CDN-friendly layout (docs/static-format.md): one small signed index
// (`v1/index.json`, the only file that changes) naming content-addressed snapshot pages, thumbnail
// packs and deltas under `v1/static/`, which never change once written. Deterministic: the same items,
// history and time give the same bytes.
import { createHash, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ContentItem, FeedPage } from '../utils/shared/schema';
import {
  PRIORITY_NEWEST,
  STATIC_FORMAT,
  STATIC_INDEX_PATH,
  STATIC_PAGE_ITEMS,
  type FileRef,
  type StaticDelta,
  type StaticIndex,
  type StaticPage,
  type ThumbPack,
} from '../utils/shared/static-format';
import { signatureHeader } from './keys';
import {
  appendPublication,
  changesBetween,
  deltaBases,
  filesToKeep,
  HISTORY_PATH,
  latestPublication,
  pruneHistory,
  serializeHistory,
  type History,
} from './static-history';

type Removed = FeedPage['removed'][number];
const FILE_KINDS = ['pages', 'thumbs', 'deltas', 'hints'] as const;
type FileKind = (typeof FILE_KINDS)[number];

export interface StaticLayoutInput {
  /** Live items, thumbnails inline (as in `v1/feed`). */
  items: ContentItem[];
  /** The library's site hints (site-hints.json), already validated; none: the index names no hints file. */
  siteHints?: unknown;
  /** The publisher's tombstones, listed on the first snapshot page as in `v1/feed`. */
  tombstones: Removed[];
  /** Why each withdrawn id went (removed.json), for the deltas. */
  reasons: Map<string, Removed['reason']>;
  publisher: string;
  /** Shared with `v1/feed`: the same publication has the same number and time in both. */
  publication: { sequence: number; issuedAt: string };
  /** The history read before this run (static-history.ts). */
  history: History;
  signingKey?: KeyObject;
  /** For file retention. */
  now: Date;
}

export interface StaticLayoutResult {
  indexBytes: number;
  pages: number;
  deltas: number;
  sequence: number;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const newestFirst = (a: ContentItem, b: ContentItem) => Date.parse(b.publishedAt) - Date.parse(a.publishedAt) || byText(a.id, b.id);

/** Writes via a temporary name: a host serving the folder, or a crash, never leaves half a file. */
function writeAtomically(file: string, body: Buffer | string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, body);
  renameSync(`${file}.tmp`, file);
}

/** Writes only when the bytes differ, so an unchanged publication touches nothing. */
function writeIfChanged(file: string, body: Buffer): void {
  if (existsSync(file) && readFileSync(file).equals(body)) return;
  writeAtomically(file, body);
}

/** A content-addressed file: written once, named by the sha256 of its bytes. */
function writeContentFile(outDir: string, kind: FileKind, content: unknown): FileRef {
  const body = Buffer.from(JSON.stringify(content));
  const hash = sha256(body);
  const path = `v1/static/${kind}/${hash}.json`;
  if (!existsSync(join(outDir, path))) writeAtomically(join(outDir, path), body);
  return { path, sha256: hash, bytes: body.length };
}

/** First page: every urgent item and the newest others, so the sidebar is useful at once; then the rest, newest first. */
export function paginate(items: ContentItem[]): ContentItem[][] {
  const sorted = [...items].sort(newestFirst);
  const others = sorted.filter((i) => i.priority !== 'urgent');
  const pages = [[...sorted.filter((i) => i.priority === 'urgent'), ...others.slice(0, PRIORITY_NEWEST)]];
  for (let start = PRIORITY_NEWEST; start < others.length; start += STATIC_PAGE_ITEMS) pages.push(others.slice(start, start + STATIC_PAGE_ITEMS));
  return pages;
}

/** A page's items without thumbnails, and its thumbnail pack (undefined when it has none). */
function splitThumbnails(items: ContentItem[]): { items: ContentItem[]; pack?: ThumbPack } {
  const thumbs = new Map<string, string>();
  const bare = items.map((item) => ({
    ...item,
    media: item.media.map(({ thumbnail, ...media }) => {
      if (thumbnail) thumbs.set(media.sha256, thumbnail);
      return media;
    }),
  }));
  if (!thumbs.size) return { items: bare };
  return { items: bare, pack: { thumbs: Object.fromEntries([...thumbs].sort(([a], [b]) => byText(a, b))) } };
}

/** Everything a client at `from` lacks to be at `to`: changed items at their current version, and removals. */
function buildDelta(history: History, from: number, to: number, live: Map<string, ContentItem>): StaticDelta | undefined {
  const changes = changesBetween(history, from, to);
  if (!changes) return undefined;
  return {
    from,
    to,
    items: [...changes.changed].filter((id) => live.has(id)).sort(byText).map((id) => live.get(id)!),
    removed: [...changes.removed]
      .filter(([id]) => !live.has(id))
      .sort(([a], [b]) => byText(a, b))
      .map(([id, reason]) => ({ id, reason })),
  };
}

/** Deletes files under v1/static/{pages,thumbs,deltas,hints}/ that no client can still be fetching. */
function deleteUnusedFiles(outDir: string, keep: Set<string>): void {
  for (const kind of FILE_KINDS) {
    const dir = join(outDir, 'v1', 'static', kind);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) if (!keep.has(`v1/static/${kind}/${name}`)) rmSync(join(dir, name), { force: true });
  }
}

export function writeStaticLayout(outDir: string, input: StaticLayoutInput): StaticLayoutResult {
  const { sequence, issuedAt } = input.publication;
  // An unchanged publication is already recorded: everything below then reproduces the same bytes.
  const recorded = latestPublication(input.history)?.sequence === sequence;
  let history = recorded ? input.history : appendPublication(input.history, { sequence, issuedAt, items: input.items, reasons: input.reasons });

  const pageRefs: StaticIndex['snapshot']['pages'] = [];
  const thumbRefs: StaticIndex['snapshot']['thumbs'] = [];
  paginate(input.items).forEach((pageItems, i) => {
    const { items, pack } = splitThumbnails(pageItems);
    const page: StaticPage = { items, removed: i === 0 ? input.tombstones : [] };
    pageRefs.push({ ...writeContentFile(outDir, 'pages', page), items: items.length });
    thumbRefs.push(pack ? writeContentFile(outDir, 'thumbs', pack) : null);
  });
  const live = new Map(input.items.map((item) => [item.id, item]));
  const deltaRefs: StaticIndex['deltas'] = [];
  for (const from of deltaBases(history, sequence, issuedAt)) {
    const delta = buildDelta(history, from, sequence, live);
    if (delta) deltaRefs.push({ ...writeContentFile(outDir, 'deltas', delta), from });
  }

  const hintsRef = input.siteHints === undefined ? undefined : writeContentFile(outDir, 'hints', { siteHints: input.siteHints });
  const index: StaticIndex = {
    schema: 1,
    format: STATIC_FORMAT,
    publisher: input.publisher,
    since: '',
    sequence,
    issuedAt,
    snapshot: { pages: pageRefs, thumbs: thumbRefs },
    deltas: deltaRefs,
    ...(hintsRef ? { hints: hintsRef } : {}),
  };
  const indexText = JSON.stringify(index);
  const signature = input.signingKey ? signatureHeader(input.signingKey, Buffer.from(indexText, 'utf8')) : undefined;
  const indexFile = Buffer.from(JSON.stringify(signature ? { signature, index: indexText } : { index: indexText }));

  const referenced = [...pageRefs, ...thumbRefs, ...deltaRefs, hintsRef].flatMap((ref) => (ref ? [ref.path] : []));
  const latest = latestPublication(history)!;
  const files = [...new Set([...latest.files, ...referenced])].sort(byText);
  history = { ...history, publications: [...history.publications.slice(0, -1), { ...latest, files }] };
  if (!recorded) history = pruneHistory(history, input.now);

  // Content files first, then the index that names them, then the history.
  writeIfChanged(join(outDir, STATIC_INDEX_PATH), indexFile);
  writeIfChanged(join(outDir, HISTORY_PATH), Buffer.from(serializeHistory(history)));
  if (!recorded) deleteUnusedFiles(outDir, filesToKeep(history, input.now));
  return { indexBytes: indexFile.length, pages: pageRefs.length, deltas: deltaRefs.length, sequence };
}
