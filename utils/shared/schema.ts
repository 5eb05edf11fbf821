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
});

export type Media = z.infer<typeof MediaSchema>;
export type ContentItem = z.infer<typeof ContentItemSchema>;
export type FeedPage = z.infer<typeof FeedPageSchema>;
export type { Settings } from './settings';
export type { Platform } from './networks';
