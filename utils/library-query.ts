// Sidebar queries over the stored library: search, filters, ordering, expiry. Runs in the background.
import { composeCaption, type Slots } from './compose';
import type { StoredItem } from './db';
import type { ContentItem, Platform } from './schema';

export interface LibraryQuery {
  text?: string;
  program?: string;
  kind?: ContentItem['kind'];
  platform: Platform;
  limit?: number;
}

/** What a sidebar card needs: text fields and the caption as it will be inserted, never image bytes. */
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
  hashtagCount: number;
  media: { id: string; alt: string; mime: string }[];
}

/** Lowercase, no diacritics, letters and digits only: "Pendidikan" finds "pendidikan", "Ré" finds "re". */
export function normalizeForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLocaleLowerCase('id')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function isExpired(item: Pick<ContentItem, 'expiresAt'>, now: Date): boolean {
  return !!item.expiresAt && Date.parse(item.expiresAt) <= now.getTime();
}

/** Every query word must start some word of the item (prefix search, any order). */
export function matchesText(haystackWords: string, query: string): boolean {
  const words = normalizeForSearch(query).split(' ').filter(Boolean);
  const padded = ` ${haystackWords}`;
  return words.every((w) => padded.includes(` ${w}`));
}

export function searchableText(item: ContentItem): string {
  return normalizeForSearch([item.title, item.program, item.kind, ...item.tags, ...item.hashtags, item.captions.default].join(' '));
}

export function compareForSidebar(a: ContentItem, b: ContentItem): number {
  const urgency = Number(b.priority === 'urgent') - Number(a.priority === 'urgent');
  return urgency || b.publishedAt.localeCompare(a.publishedAt);
}

export function toCard(item: ContentItem, platform: Platform, slots: Slots): LibraryCard {
  return {
    id: item.id,
    version: item.version,
    title: item.title,
    program: item.program,
    kind: item.kind,
    urgent: item.priority === 'urgent',
    publishedAt: item.publishedAt,
    expiresAt: item.expiresAt,
    text: composeCaption(item, platform, slots),
    hashtagCount: item.hashtags.length,
    media: item.media.map((m) => ({ id: m.id, alt: m.alt, mime: m.mime })),
  };
}

export function queryLibrary(items: Iterable<StoredItem & { searchText?: string }>, query: LibraryQuery, slots: Slots, now: Date): LibraryCard[] {
  const hits: StoredItem[] = [];
  for (const item of items) {
    if (isExpired(item, now)) continue;
    if (query.program && item.program !== query.program) continue;
    if (query.kind && item.kind !== query.kind) continue;
    if (query.text && !matchesText(item.searchText ?? searchableText(item), query.text)) continue;
    hits.push(item);
  }
  hits.sort(compareForSidebar);
  return hits.slice(0, query.limit ?? 200).map((item) => toCard(item, query.platform, slots));
}
