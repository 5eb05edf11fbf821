// Sidebar queries over the stored library: search, filters, ordering, expiry. Runs in the background.
import { composeCaption, type Slots } from './compose';
import type { StoredItem, StoredMedia } from './db';
import { checkLength, type LengthCheck } from './platform-limits';
import type { ContentItem, Platform } from './schema';
import { matchesQuery, searchIndex } from './search-text';

export interface LibraryQuery {
  text?: string;
  program?: string;
  kind?: ContentItem['kind'];
  platform: Platform;
  /** Only items whose composed text fits the platform's limits. */
  fitsOnly?: boolean;
  limit?: number;
}

export interface CardImage {
  id: string;
  alt: string;
  mime: string;
  /** In the offline cache with verified bytes. */
  available: boolean;
  /** Small data-URL preview (absent where the worker cannot draw, e.g. in unit tests). */
  thumb?: string;
}

/** What a sidebar card needs: text fields and the caption as it will be inserted, never full images. */
export interface LibraryCard {
  id: string;
  version: number;
  title: string;
  program: string;
  kind: ContentItem['kind'];
  urgent: boolean;
  publishedAt: string;
  expiresAt?: string;
  text: string;
  check: LengthCheck;
  image?: CardImage;
}

export type MediaInfo = Pick<StoredMedia, 'state' | 'thumb'>;
export type IndexedItem = StoredItem & { searchText?: string };

export function isExpired(item: Pick<ContentItem, 'expiresAt'>, now: Date): boolean {
  return !!item.expiresAt && Date.parse(item.expiresAt) <= now.getTime();
}

export function searchableText(item: ContentItem): string {
  return searchIndex([item.title, item.program, item.kind, ...item.tags, ...item.hashtags, item.captions.default].join(' '));
}

const publishedMs = (item: ContentItem & { publishedMs?: number }) => item.publishedMs ?? Date.parse(item.publishedAt);

/** Urgent first, then newest. Uses the stored numeric date so 10,000-item queries stay cheap. */
export function compareForSidebar(a: ContentItem & { publishedMs?: number }, b: ContentItem & { publishedMs?: number }): number {
  const urgency = Number(b.priority === 'urgent') - Number(a.priority === 'urgent');
  return urgency || publishedMs(b) - publishedMs(a);
}

export function toCard(item: ContentItem, platform: Platform, slots: Slots, media?: (sha256: string) => MediaInfo | undefined): LibraryCard {
  const text = composeCaption(item, platform, slots);
  const first = item.media[0];
  const info = first && media?.(first.sha256.toLowerCase());
  return {
    id: item.id,
    version: item.version,
    title: item.title,
    program: item.program,
    kind: item.kind,
    urgent: item.priority === 'urgent',
    publishedAt: item.publishedAt,
    expiresAt: item.expiresAt,
    text,
    check: checkLength(text, platform),
    image: first && { id: first.id, alt: first.alt, mime: first.mime, available: info?.state === 'ok', thumb: info?.thumb },
  };
}

export function queryLibrary(
  items: Iterable<IndexedItem>,
  query: LibraryQuery,
  slots: Slots,
  now: Date,
  media?: (sha256: string) => MediaInfo | undefined,
): LibraryCard[] {
  const hits: IndexedItem[] = [];
  for (const item of items) {
    if (isExpired(item, now)) continue;
    if (query.program && item.program !== query.program) continue;
    if (query.kind && item.kind !== query.kind) continue;
    if (query.text && !matchesQuery(item.searchText ?? searchableText(item), query.text)) continue;
    hits.push(item);
  }
  // Already-sorted input (the background keeps its cache in this order) sorts in linear time.
  hits.sort(compareForSidebar);
  const cards: LibraryCard[] = [];
  const limit = query.limit ?? 200;
  for (const item of hits) {
    if (cards.length >= limit) break;
    const card = toCard(item, query.platform, slots, media);
    if (!query.fitsOnly || card.check.ok) cards.push(card);
  }
  return cards;
}
