// The library's static, CDN-friendly layout (docs/static-format.md): one small signed index that
// changes with each publication, and content-addressed files that never change once written. Read by
// the extension's sync and the hub's library follower; written by the publisher (library/static-layout.ts).
import { z } from 'zod';
import { RemovedSchema } from './schema';

export const STATIC_FORMAT = 'hk-static-1';
/** Relative to the library's address, like `/v1/feed`; outside `v1/static/` (immutable files) so no host merges their cache headers into its. */
export const STATIC_INDEX_PATH = 'v1/index.json';
/** Snapshot pages after the first hold this many items each (sorted newest first). */
export const STATIC_PAGE_ITEMS = 500;
/** The first page: urgent items and this many of the newest others, so the sidebar is useful at once. */
export const PRIORITY_NEWEST = 100;

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const isoDate = z.iso.datetime({ offset: true });

/** An immutable file: its address is its content (the sha256 of its bytes), checked after download. */
export const FileRefSchema = z.object({
  path: z.string().regex(/^v1\/static\/(pages|thumbs|deltas|hints)\/[0-9a-f]{64}\.json$/),
  sha256: hex64,
  bytes: z.number().int().positive().max(50_000_000),
});

export const StaticIndexSchema = z.object({
  schema: z.literal(1),
  format: z.literal(STATIC_FORMAT),
  publisher: z.string(),
  /** v1.2: the index answers a request without a cursor, whoever asks. */
  since: z.literal(''),
  sequence: z.number().int().min(0),
  issuedAt: isoDate,
  /** Every live item at `sequence`: an item stored but listed on no page is gone. */
  snapshot: z.object({
    pages: z.array(FileRefSchema.extend({ items: z.number().int().min(0) })).min(1),
    /** One thumbnail pack per page (same order); null when that page has no thumbnails. */
    thumbs: z.array(FileRefSchema.nullable()),
  }),
  /** Each brings a client at any sequence ≥ `from` to `sequence`. */
  deltas: z.array(FileRefSchema.extend({ from: z.number().int().min(0) })),
  /** The library's site hints (docs/feed-extensions.md), when it has any: `{siteHints}`. */
  hints: FileRefSchema.optional(),
});

/** What `v1/index.json` holds: the index's exact bytes as a string, and their signature. */
export const SignedIndexFileSchema = z.object({
  /** `ed25519=<base64>` over the UTF-8 bytes of `index` (absent only for unsigned development libraries). */
  signature: z.string().optional(),
  index: z.string(),
});

/** A snapshot page: items without thumbnails (those are in the page's pack); the first page also lists recent removals. */
export const StaticPageSchema = z.object({
  items: z.array(z.unknown()),
  removed: z.array(RemovedSchema),
});

/** Every change in (from, to]: each changed item at its newest version (thumbnails inline), and removals. */
export const StaticDeltaSchema = z.object({
  from: z.number().int().min(0),
  to: z.number().int().min(0),
  items: z.array(z.unknown()),
  removed: z.array(RemovedSchema),
});

/** The hints file: the same section a feed page carries as `siteHints`, judged by the same rules. */
export const StaticHintsSchema = z.object({ siteHints: z.unknown() });

/** Thumbnails of one snapshot page's media, by the media's sha256. */
export const ThumbPackSchema = z.object({
  thumbs: z.record(hex64, z.string()),
});

export type FileRef = z.infer<typeof FileRefSchema>;
export type StaticIndex = z.infer<typeof StaticIndexSchema>;
export type StaticPage = z.infer<typeof StaticPageSchema>;
export type StaticDelta = z.infer<typeof StaticDeltaSchema>;
export type ThumbPack = z.infer<typeof ThumbPackSchema>;

export type StaticPlan =
  | { kind: 'current' }
  | { kind: 'delta'; delta: StaticIndex['deltas'][number] }
  | { kind: 'snapshot' };

/**
 * What a client at `accepted` (its highest accepted sequence; undefined: nothing yet) fetches: nothing,
 * the delta with the nearest base at or below it, or the whole snapshot when no delta reaches back that
 * far or the delta would cost more than the snapshot's text.
 */
export function planStaticSync(index: StaticIndex, accepted: number | undefined): StaticPlan {
  if (accepted !== undefined && accepted >= index.sequence) return { kind: 'current' };
  if (accepted === undefined) return { kind: 'snapshot' };
  const usable = index.deltas.filter((d) => d.from <= accepted).sort((a, b) => b.from - a.from);
  const delta = usable[0];
  const snapshotBytes = index.snapshot.pages.reduce((sum, page) => sum + page.bytes, 0);
  return delta && delta.bytes <= snapshotBytes ? { kind: 'delta', delta } : { kind: 'snapshot' };
}
