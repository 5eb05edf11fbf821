// Sidebar queries over the stored library: search, filters, ordering, expiry. Runs in the background.
import { sourceKeyOf } from '../shared/libraries';
import { composeCaption, type Slots } from '../shared/compose';
import type { StoredItem, StoredMedia } from '../storage/db';
import { checkLength } from './platform-limits';
import type { LengthCheck, LibraryCard, LibraryQuery } from '../shared/messages';
import type { ContentItem, Platform } from '../shared/schema';
import { compileQuery, matchesQuery, searchIndex } from './search-text';
import { postingWindow, withVariant, type PostingWindow } from '../shared/variants';

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
  /** The approved caption this officer got on this platform, when it has several (variants.ts). */
  variant?: { index: number; count: number };
  window?: PostingWindow;
}

/** `officer`: who inserts (variants.ts's officerKey): picks the caption variant and the posting window. */
export function composeForCard(item: ContentItem, platform: Platform, slots: Slots, officer = ''): ComposedText {
  const chosen = withVariant(item, platform, officer);
  const text = composeCaption(chosen.item, platform, slots);
  return {
    text,
    check: checkLength(text, platform),
    ...(chosen.variant !== undefined ? { variant: { index: chosen.variant, count: chosen.variants } } : {}),
    window: postingWindow(officer, item),
  };
}

export function toCard(
  item: ContentItem,
  platform: Platform,
  slots: Slots,
  media?: (sha256: string) => MediaInfo | undefined,
  composed: ComposedText = composeForCard(item, platform, slots),
  onDemand = false,
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
    ...(composed.variant ? { variant: composed.variant } : {}),
    ...(composed.window ? { window: composed.window } : {}),
    ...(item.officialPosts?.[platform] ? { quoteUrl: item.officialPosts[platform] } : {}),
    image: first && {
      id: first.id,
      alt: first.alt,
      mime: first.mime,
      available: info?.state === 'ok',
      thumb: first.thumbnail ?? info?.thumb,
      ...(info?.state === 'pending' || info?.state === 'failed' ? { fetchable: true, ...(onDemand ? { onDemand } : {}) } : {}),
    },
  };
}

export interface QueryHelpers {
  media?: (sha256: string) => MediaInfo | undefined;
  compose?: (item: IndexedItem) => ComposedText;
  /** Ids matching `query.text` from a search index; without it the text is matched by scanning. */
  textMatches?: (text: string) => Set<string>;
  /** `items` are already urgent-first, newest-first (the background's cache), with this id lookup. */
  sorted?: { byId: Map<string, IndexedItem> };
  /** Data-saver mode: images not cached yet are marked as coming when needed. */
  onDemand?: boolean;
  /** Items whose images are downloaded ahead (media-ahead.ts); others' images come when needed. */
  ahead?: Set<string>;
  /** Who asks (variants.ts's officerKey): their caption variants and posting windows. */
  officer?: string;
}

/**
 * How many items (in sidebar order) a text search scans before asking the index. Common words fill
 * a page of cards from the first few dozen items; building the index's id set for them would cost
 * more (thousands of ids) than the scan. Rare words fall through to the index.
 */
const DENSE_SCAN = 1500;

export function queryLibrary(items: Iterable<IndexedItem>, query: LibraryQuery, slots: Slots, now: Date, helpers: QueryHelpers = {}): LibraryCard[] {
  const compose = helpers.compose ?? ((item: IndexedItem) => composeForCard(item, query.platform, slots, helpers.officer));
  const words = query.text ? compileQuery(query.text) : [];
  const limit = query.limit ?? 200;
  const passesFilters = (item: IndexedItem) =>
    !isExpired(item, now) && (!query.program || item.program === query.program) && (!query.kind || item.kind === query.kind) && (query.source === undefined || sourceKeyOf(item.id) === query.source);
  const passesAll = (item: IndexedItem) => passesFilters(item) && (!words.length || matchesQuery(item.searchText ?? searchableText(item), words));

  const cards: LibraryCard[] = [];
  /** Adds cards in order until `limit`; false when it stopped after `scanAtMost` items without filling the page. */
  const take = (ordered: Iterable<IndexedItem>, accept: (item: IndexedItem) => boolean, scanAtMost = Infinity): boolean => {
    let scanned = 0;
    for (const item of ordered) {
      if (cards.length >= limit) return true;
      if (scanned++ >= scanAtMost) return false;
      if (!accept(item)) continue;
      const card = toCard(item, query.platform, slots, helpers.media, compose(item), helpers.onDemand || (helpers.ahead && !helpers.ahead.has(item.id)));
      if (!query.fitsOnly || card.check.ok) cards.push(card);
    }
    return true;
  };

  const byId = helpers.sorted?.byId;
  if (!byId) {
    take([...items].sort(compareForSidebar), passesAll);
  } else if (!words.length || !helpers.textMatches) {
    take(items, passesAll);
  } else if (!take(items, passesAll, DENSE_SCAN)) {
    cards.length = 0;
    const hits = [...helpers.textMatches(query.text!)].map((id) => byId.get(id)).filter((i): i is IndexedItem => !!i);
    take(hits.sort(compareForSidebar), passesFilters);
  }
  return cards;
}
