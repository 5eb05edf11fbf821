// Sidebar queries over the stored library: search, filters, ordering, expiry. Runs in the background.
import { composeCaption, type Slots } from './compose';
import type { StoredItem, StoredMedia } from './db';
import { checkLength, type LengthCheck } from './platform-limits';
import type { ContentItem, Platform } from './schema';
import { compileQuery, matchesQuery, searchIndex } from './search-text';

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
export type IndexedItem = StoredItem & { searchText?: string; expiresMs?: number };

export function isExpired(item: Pick<ContentItem, 'expiresAt'> & { expiresMs?: number }, now: Date): boolean {
  if (!item.expiresAt) return false;
  return (item.expiresMs ?? Date.parse(item.expiresAt)) <= now.getTime();
}

/** Search text and numeric expiry computed once per stored item, so each query is a plain scan. */
export function indexItem(item: StoredItem): IndexedItem {
  return { ...item, searchText: searchableText(item), expiresMs: item.expiresAt ? Date.parse(item.expiresAt) : undefined };
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

export interface ComposedText {
  text: string;
  check: LengthCheck;
}

export function composeForCard(item: ContentItem, platform: Platform, slots: Slots): ComposedText {
  const text = composeCaption(item, platform, slots);
  return { text, check: checkLength(text, platform) };
}

export function toCard(
  item: ContentItem,
  platform: Platform,
  slots: Slots,
  media?: (sha256: string) => MediaInfo | undefined,
  composed: ComposedText = composeForCard(item, platform, slots),
): LibraryCard {
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
    text: composed.text,
    check: composed.check,
    image: first && { id: first.id, alt: first.alt, mime: first.mime, available: info?.state === 'ok', thumb: info?.thumb },
  };
}

export interface QueryHelpers {
  media?: (sha256: string) => MediaInfo | undefined;
  compose?: (item: IndexedItem) => ComposedText;
  /** Ids matching `query.text` from a search index; without it the text is matched by scanning. */
  textMatches?: (text: string) => Set<string>;
}

export function queryLibrary(items: Iterable<IndexedItem>, query: LibraryQuery, slots: Slots, now: Date, helpers: QueryHelpers = {}): LibraryCard[] {
  const compose = helpers.compose ?? ((item: IndexedItem) => composeForCard(item, query.platform, slots));
  const words = query.text ? compileQuery(query.text) : [];
  const indexed = words.length && helpers.textMatches ? helpers.textMatches(query.text!) : undefined;
  const hits: IndexedItem[] = [];
  for (const item of items) {
    if (isExpired(item, now)) continue;
    if (query.program && item.program !== query.program) continue;
    if (query.kind && item.kind !== query.kind) continue;
    if (indexed ? !indexed.has(item.id) : words.length && !matchesQuery(item.searchText ?? searchableText(item), words)) continue;
    hits.push(item);
  }
  // Already-sorted input (the background keeps its cache in this order) sorts in linear time.
  hits.sort(compareForSidebar);
  const cards: LibraryCard[] = [];
  const limit = query.limit ?? 200;
  for (const item of hits) {
    if (cards.length >= limit) break;
    const card = toCard(item, query.platform, slots, helpers.media, compose(item));
    if (!query.fitsOnly || card.check.ok) cards.push(card);
  }
  return cards;
}
