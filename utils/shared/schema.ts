// Zod schemas for the national library feed v1 (../shared/spec/library-feed.md) and the settings.
import { z } from 'zod';
import { CONTENT_KINDS, MEDIA_MIMES, PRIORITIES, REMOVAL_REASONS } from './library-terms';

const isoDate = z.iso.datetime({ offset: true });

const ImageFileSchema = z.object({
  url: z.string().min(1),
  mime: z.enum(MEDIA_MIMES),
  sha256: z.string().regex(/^[0-9a-f]{64}$/i),
  bytes: z.number().int().positive().max(15_000_000),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});

/** ≤ 8 KB of JPEG or PNG as base64 (docs/feed-media.md): signed with the item, no request of its own. */
export const THUMBNAIL_MAX_CHARS = 11_000;

export const MediaSchema = ImageFileSchema.extend({
  id: z.string().min(1).max(128),
  alt: z.string(),
  /** Small preview for the sidebar list (extension of v1, optional). */
  thumbnail: z
    .string()
    .max(THUMBNAIL_MAX_CHARS)
    .regex(/^data:image\/(jpeg|png);base64,[A-Za-z0-9+/]+=*$/)
    .optional(),
  /** The editor's file when `url` is a platform-ready copy of it (extension of v1, optional). */
  original: ImageFileSchema.optional(),
});

/** `default` and one optional variant per network, keyed by the network's id (utils/shared/networks.ts). */
export const CaptionsSchema = z.object({ default: z.string() }).catchall(z.string());

/** A network id as a record key (utils/shared/networks.ts). */
const networkKey = z.string().regex(/^[a-z0-9-]{1,32}$/);

/** The most extra approved captions a network may carry besides `captions[network]` (or `default`). */
export const MAX_CAPTION_VARIANTS = 9;

/**
 * Extra approved captions per network (extension of v1, docs/feed-extensions.md). `captions[network]`
 * (or `default`) keeps its meaning and stays variant 0, the one older clients insert; a client that
 * knows this field gives each officer one of [variant 0, ...these] (utils/shared/variants.ts).
 */
export const CaptionVariantsSchema = z.record(networkKey, z.array(z.string().trim().min(1)).max(MAX_CAPTION_VARIANTS));

/** The official account's own post of the item per network (extension of v1): officers may quote it. */
export const OfficialPostsSchema = z.record(networkKey, z.url({ protocol: /^https$/ }).max(2000));

export const ContentItemSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,64}$/),
  version: z.number().int().min(1),
  title: z.string().min(1).max(200),
  program: z.string().min(1),
  tags: z.array(z.string()),
  kind: z.enum(CONTENT_KINDS),
  priority: z.enum(PRIORITIES).default('normal'),
  publishedAt: isoDate,
  expiresAt: isoDate.optional(),
  captions: CaptionsSchema,
  hashtags: z.array(z.string().regex(/^[^#\s]+$/)),
  link: z.url({ protocol: /^https?$/ }).optional(),
  media: z.array(MediaSchema),
  captionVariants: CaptionVariantsSchema.optional(),
  officialPosts: OfficialPostsSchema.optional(),
  /** A correction that asks officers to delete posts of older versions: a post of a version below this is to be taken down (docs/editorial-desk.md). */
  takedownBefore: z.number().int().min(2).optional(),
});

export const RemovedSchema = z.object({
  id: z.string().min(1),
  reason: z.enum(REMOVAL_REASONS),
});

/** The envelope is checked as a whole; items stay `unknown` so each is validated on its own. */
export const FeedPageSchema = z.object({
  schema: z.literal(1),
  publisher: z.string(),
  cursor: z.string().min(1),
  hasMore: z.boolean(),
  items: z.array(z.unknown()),
  removed: z.array(RemovedSchema),
  /** Freshness (v1.1): when this answer was produced, and the library's publication number. */
  issuedAt: isoDate.optional(),
  sequence: z.number().int().min(0).optional(),
  /**
   * The page lists every live item (a publisher's full snapshot; docs/feed-extensions.md): a stored
   * item missing from it is gone, even after its tombstone left the snapshot.
   */
  complete: z.boolean().optional(),
  /**
   * v1.2: the cursor of the request this page answers (`""` for none), inside the signed bytes. A
   * signed page whose `since` is missing or differs from the request's cursor is refused, so a fresh
   * answer to one cursor cannot be replayed to a client at another.
   */
  since: z.string().optional(),
  /**
   * Site hints (docs/feed-extensions.md): extra selectors and texts per network and role. Inside the
   * signed bytes; checked on its own by `SiteHintsSchema`, so an invalid section is ignored as a
   * whole and never costs the page.
   */
  siteHints: z.unknown().optional(),
});

/** The roles a site hint can name: where adapters take extra candidates after their own. */
export const SITE_HINT_SELECTOR_ROLES = ['editor', 'postButton', 'fileInput'] as const;
export const SITE_HINT_TEXT_ROLES = ['successText', 'errorText'] as const;
export type SiteHintRole = (typeof SITE_HINT_SELECTOR_ROLES)[number] | (typeof SITE_HINT_TEXT_ROLES)[number];
export const SITE_HINT_LIMITS = { selector: 200, text: 100, perRole: 20, bytes: 16 * 1024 } as const;

/** Attributes a hint may select on: roles, test ids, ARIA, data attributes and form attributes — never class, id or style. */
const HINT_ATTRIBUTE = '(?:role|aria-[a-z]+(?:-[a-z]+)*|data-[a-z0-9]+(?:-[a-z0-9]+)*|contenteditable|type|name|placeholder|accept|title)';
const HINT_COMPOUND = `(?:[a-z][a-z0-9]*)?(?:\\[${HINT_ATTRIBUTE}(?:[~^$*|]?="[^"\\\\]*")?\\])+`;
const HINT_SELECTOR = new RegExp(`^${HINT_COMPOUND}(?:\\s*[> ]\\s*${HINT_COMPOUND})*$`);

/**
 * Whether a hint is an attribute selector list the adapters may use: each selector a chain of
 * compounds of an optional tag name and attribute tests (`div[role="textbox"][data-testid="x"]`),
 * joined by descendant or child combinators. No class names, ids, pseudo-classes or functions: data,
 * never code that reaches into the page by its styling.
 */
export function isHintSelector(selector: string): boolean {
  return selector.split(',').every((part) => HINT_SELECTOR.test(part.trim()));
}

const hintSelectors = z.array(z.string().min(1).max(SITE_HINT_LIMITS.selector).refine(isHintSelector, 'selector')).max(SITE_HINT_LIMITS.perRole);
const hintTexts = z.array(z.string().trim().min(1).max(SITE_HINT_LIMITS.text)).max(SITE_HINT_LIMITS.perRole);

export const NetworkHintsSchema = z.strictObject({
  editor: hintSelectors.optional(),
  postButton: hintSelectors.optional(),
  fileInput: hintSelectors.optional(),
  successText: hintTexts.optional(),
  errorText: hintTexts.optional(),
});

/** The envelope's `siteHints`: per network id, per role; at most 16 KB as JSON. */
export const SiteHintsSchema = z
  .record(z.string().regex(/^[a-z0-9-]{1,32}$/), NetworkHintsSchema)
  .refine((hints) => new TextEncoder().encode(JSON.stringify(hints)).length <= SITE_HINT_LIMITS.bytes, 'size');

export type NetworkHints = z.infer<typeof NetworkHintsSchema>;
export type SiteHints = z.infer<typeof SiteHintsSchema>;

export type Media = z.infer<typeof MediaSchema>;
export type ContentItem = z.infer<typeof ContentItemSchema>;
export type FeedPage = z.infer<typeof FeedPageSchema>;
export type { Settings } from './settings';
export type { Platform } from './networks';
