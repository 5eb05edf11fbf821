// The library's fixed vocabularies (feed spec, ../shared/spec/library-feed.md), defined once and
// free of dependencies: the Zod schemas, the database types, the sidebar's filters, the dev server
// and the publisher all derive from these lists.
export const CONTENT_KINDS = ['infografis', 'berita', 'klarifikasi', 'video'] as const;
export type ContentKind = (typeof CONTENT_KINDS)[number];

export const PRIORITIES = ['normal', 'urgent'] as const;

export const REMOVAL_REASONS = ['withdrawn', 'expired', 'replaced'] as const;
export type RemovalReason = (typeof REMOVAL_REASONS)[number];

/** Image types the feed may carry, with the file extension an attached file gets. */
export const MEDIA_EXTENSIONS = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' } as const;
export type MediaMime = keyof typeof MEDIA_EXTENSIONS;
export const MEDIA_MIMES = Object.keys(MEDIA_EXTENSIONS) as [MediaMime, ...MediaMime[]];

export function fileNameFor(mediaId: string, mime: string): string {
  return `${mediaId}.${MEDIA_EXTENSIONS[mime as MediaMime] ?? 'bin'}`;
}
