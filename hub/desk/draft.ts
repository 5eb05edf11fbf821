// An item as the desk writes it: the ContentItem's own fields (utils/shared/schema.ts, the same Zod
// schema), minus what the desk decides (id, version, publishedAt) and with media by reference to an
// uploaded image and its alt text, which is required. A draft may be incomplete; a version sent for
// review (or approved) must make a valid ContentItem within every network's limits.
import { z } from 'zod';
import { ContentItemSchema, type ContentItem } from '../../utils/shared/schema';
import { captionProblems, countItemCaptions } from './caption-limits';

export const ALT_REQUIRED = 'Teks alternatif (alt) wajib diisi untuk setiap gambar / alt text is required for every image';
const TITLE_REQUIRED = 'Judul wajib diisi / a title is required';
const PROGRAM_REQUIRED = 'Program wajib diisi / a programme is required';
const CAPTION_REQUIRED = 'Keterangan utama wajib diisi / the main caption is required';

export const DeskMediaRefSchema = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  alt: z.string({ error: ALT_REQUIRED }).trim().min(1, ALT_REQUIRED).max(1000),
});

const fields = ContentItemSchema.pick({ tags: true, kind: true, priority: true, expiresAt: true, hashtags: true, link: true, captionVariants: true }).shape;

const OFFICIAL_POST_X = 'Alamat postingan resmi di X harus berbentuk https://x.com/<akun>/status/<nomor> / the official X post must be https://x.com/<account>/status/<number>';
/** The official account's post per network; on X a status address, which X's composer turns into a quote. */
const OfficialPostsSchema = ContentItemSchema.shape.officialPosts.unwrap().refine((posts) => !posts.x || /^https:\/\/(x|twitter)\.com\/[A-Za-z0-9_]{1,15}\/status\/\d{1,25}$/.test(posts.x), OFFICIAL_POST_X);

/** Complete: what a version must hold to be sent for review, approved and published. */
export const DeskItemSchema = z.object({
  ...fields,
  title: z.string().trim().min(1, TITLE_REQUIRED).max(200),
  program: z.string().trim().min(1, PROGRAM_REQUIRED),
  captions: ContentItemSchema.shape.captions.refine((c) => c.default.trim().length > 0, CAPTION_REQUIRED),
  /** When officers may start posting it (publishedAt); the approval time when absent. */
  publishAt: ContentItemSchema.shape.publishedAt.optional(),
  media: z.array(DeskMediaRefSchema).max(4),
  officialPosts: OfficialPostsSchema.optional(),
  /** On a correction: officers who posted an older version are asked to take their post down (published as `takedownBefore`). */
  askTakedown: z.boolean().optional(),
});
export type DeskItem = z.infer<typeof DeskItemSchema>;

/** Saved while writing: any field may still be missing, but an attached image always has its alt text. */
export const DeskDraftSchema = DeskItemSchema.partial().extend({
  title: z.string().max(200).optional(),
  program: z.string().optional(),
  captions: ContentItemSchema.shape.captions.optional(),
  media: z.array(DeskMediaRefSchema).max(4).default([]),
});
export type DeskDraft = z.infer<typeof DeskDraftSchema>;

export type Issue = { path: string; message: string };
export const issuesOf = (error: z.ZodError): Issue[] => error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));

/** The media of a published item, resolved from desk_media. */
export type ResolvedMedia = ContentItem['media'][number];

/** The ContentItem officers get, checked by the feed's own schema. */
export function toContentItem(id: string, version: number, draft: DeskItem, publishedAt: string, media: ResolvedMedia[]): ContentItem {
  const { publishAt: _publishAt, media: _refs, askTakedown, ...rest } = draft;
  return ContentItemSchema.parse({ ...rest, id, version, publishedAt, media, ...(askTakedown && version > 1 ? { takedownBefore: version } : {}) });
}

/**
 * Whether a version may go to review or be approved: complete, a valid ContentItem, within every
 * network's limits. Returns the problems (empty when it may).
 */
export function reviewProblems(content: unknown, media: Map<string, ResolvedMedia>): { item?: DeskItem; issues: Issue[] } {
  const parsed = DeskItemSchema.safeParse(content);
  if (!parsed.success) return { issues: issuesOf(parsed.error) };
  const item = parsed.data;
  const missing = item.media.filter((m) => !media.has(m.sha256));
  if (missing.length) return { issues: missing.map((m) => ({ path: 'media', message: `gambar ${m.sha256.slice(0, 12)}… belum diunggah / image not uploaded` })) };
  const resolved = item.media.map((m) => ({ ...media.get(m.sha256)!, alt: m.alt }));
  const full = ContentItemSchema.safeParse({ ...item, publishAt: undefined, id: 'x', version: 1, publishedAt: item.publishAt ?? new Date().toISOString(), media: resolved });
  if (!full.success) return { issues: issuesOf(full.error) };
  return { item, issues: captionProblems(countItemCaptions(item)).map((message) => ({ path: 'captions', message })) };
}

/** Names of the fields that differ between two versions (the audit log's diff summary). */
export function changedFields(before: Record<string, unknown> | undefined, after: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after)]);
  return [...keys].filter((k) => JSON.stringify(before?.[k]) !== JSON.stringify(after[k])).sort();
}
