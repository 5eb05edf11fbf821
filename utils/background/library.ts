// The library's read model, the one owner of what the sidebar sees: items in sidebar order with
// search text, media availability, composed captions memoised per platform, and `query()` over
// them (the ordering and matching rules are in library-query.ts). Sync pages update it in place,
// so a 100-item change does not rebuild 10,000 entries.
import type { Slots } from '../shared/compose';
import type { HumasDb, StoredItem } from '../storage/db';
import { storedItems } from '../storage/item-store';
import type { LibraryCard, LibraryQuery } from '../shared/messages';
import { compareForSidebar, composeForCard, indexItem, isExpired, queryLibrary, type ComposedText, type IndexedItem, type MediaInfo } from './library-query';
import type { Platform } from '../shared/schema';
import { PrefixIndex } from './search-index';
import { aheadItemIds } from './media-ahead';
import { compileQuery } from './search-text';

export interface LibraryChanges {
  upserted: StoredItem[];
  removedIds: string[];
  /** The whole library was replaced (another library URL): rebuild from the database. */
  replaced: boolean;
}

export interface LibrarySnapshot {
  items: IndexedItem[];
  byId: Map<string, IndexedItem>;
  media: Map<string, MediaInfo>;
  programs: string[];
  search: PrefixIndex;
  /** Items whose images are downloaded ahead; the others' come when the officer needs them. */
  ahead: Set<string>;
}

function programsOf(items: IndexedItem[]): string[] {
  return [...new Set(items.map((i) => i.program))].sort((a, b) => a.localeCompare(b, 'id'));
}

const termsOf = (item: IndexedItem) => (item.searchText ?? '').split(' ');

/** Terms are already normalised and stemmed by `searchableText`; the index only maps them to ids. */
function newSearchIndex(items: IndexedItem[]): PrefixIndex {
  const index = new PrefixIndex();
  for (const item of items) index.add(item.id, termsOf(item));
  return index;
}

/** Ids whose words (or stems) start with every query word (or its stem). */
export function searchIds(index: PrefixIndex, text: string): Set<string> {
  return index.search(compileQuery(text));
}

const REBUILD_ABOVE = 2000;

export function createLibrary(db: HumasDb) {
  let snapshot: Promise<LibrarySnapshot> | undefined;
  const composed = new Map<string, ComposedText>();
  let composedFor = '';
  let visible: { count: number; until: number; of: IndexedItem[] } | undefined;

  const build = async (): Promise<LibrarySnapshot> => {
    const [rows, mediaRows] = await Promise.all([storedItems(db), db.media.toArray()]);
    const items = rows.map(indexItem).sort(compareForSidebar);
    return {
      items,
      byId: new Map(items.map((i) => [i.id, i])),
      media: new Map(mediaRows.map((m) => [m.sha256, { state: m.state, thumb: m.thumb }])),
      programs: programsOf(items),
      search: newSearchIndex(items),
      ahead: aheadItemIds(items),
    };
  };

  /**
   * The next snapshot, made from the one before it. It is set before anything is awaited, so a change
   * that starts meanwhile (another library's pages, a thumbnail pack's refresh) builds on this one's
   * result instead of reading the older snapshot and dropping this change when it is set.
   */
  const changeSnapshot = (base: Promise<LibrarySnapshot>, change: (current: LibrarySnapshot) => LibrarySnapshot | Promise<LibrarySnapshot>) => {
    const next = base.then(change);
    snapshot = next;
    // A failed change (the database unreadable) is not kept: the next reader rebuilds from the database.
    next.catch(() => {
      if (snapshot === next) snapshot = undefined;
    });
    return next;
  };

  return {
    get(): Promise<LibrarySnapshot> {
      snapshot ??= build();
      return snapshot;
    },

    /**
     * Applies the pages a sync committed, once at its end. Small changes update the snapshot in place;
     * large ones (a first sync) drop it, since one rebuild is cheaper than many merges.
     */
    async apply(pages: LibraryChanges[]): Promise<void> {
      if (!snapshot || pages.length === 0) return;
      const upserted = new Map(pages.flatMap((p) => p.upserted).map((item) => [item.id, item]));
      const removedIds = pages.flatMap((p) => p.removedIds).filter((id) => !upserted.has(id));
      if (pages.some((p) => p.replaced) || upserted.size + removedIds.length > REBUILD_ABOVE) {
        snapshot = undefined;
        return;
      }
      await changeSnapshot(snapshot, (current) => {
        const drop = new Set([...removedIds, ...upserted.keys()]);
        const added = [...upserted.values()].map(indexItem);
        const items = current.items.filter((i) => !drop.has(i.id)).concat(added).sort(compareForSidebar);
        for (const id of removedIds) current.search.remove(id);
        for (const item of added) current.search.add(item.id, termsOf(item));
        for (const id of removedIds) current.byId.delete(id);
        for (const item of added) current.byId.set(item.id, item);
        return { ...current, items, programs: programsOf(items), ahead: aheadItemIds(items) };
      });
    },

    /** How many items are not expired at `nowMs`; recounted only when the list changes or an item expires. */
    async visibleCount(nowMs: number): Promise<number> {
      const { items } = await this.get();
      if (visible && visible.of === items && nowMs < visible.until) return visible.count;
      let count = 0;
      let until = Infinity;
      for (const item of items) {
        const expires = item.expiresMs ?? Infinity;
        if (expires > nowMs) {
          count++;
          until = Math.min(until, expires);
        }
      }
      visible = { count, until, of: items };
      return count;
    },

    /** Re-reads image availability and thumbnails (a few hundred rows at most). */
    async refreshMedia(): Promise<void> {
      if (!snapshot) return;
      const rows = db.media.toArray();
      await changeSnapshot(snapshot, async (current) => ({ ...current, media: new Map((await rows).map((m) => [m.sha256, { state: m.state, thumb: m.thumb }])) }));
    },

    /** The sidebar's cards for a query: urgent first, then newest, never expired items. */
    async query(query: LibraryQuery, slots: Slots, now: Date, onDemand = false, officer = ''): Promise<{ cards: LibraryCard[]; programs: string[] }> {
      const { items, byId, media, programs, search, ahead } = await this.get();
      const cards = queryLibrary(items, query, slots, now, {
        onDemand,
        ahead,
        media: (sha) => media.get(sha),
        compose: (item) => this.composed(item, query.platform, slots, officer),
        textMatches: (text) => searchIds(search, text),
        sorted: { byId },
      });
      return { cards, programs };
    },

    /** One item as the sidebar may offer it: stored and not expired. */
    async find(itemId: string, now: Date): Promise<IndexedItem | undefined> {
      const item = (await this.get()).byId.get(itemId);
      return item && !isExpired(item, now) ? item : undefined;
    },

    /** The caption as inserted on a platform and its length check, computed once per item version, settings and officer. */
    composed(item: IndexedItem, platform: Platform, slots: Slots, officer = ''): ComposedText {
      const slotKey = `${slots.agency}\u0000${slots.region}\u0000${officer}`;
      if (slotKey !== composedFor) {
        composed.clear();
        composedFor = slotKey;
      }
      const key = `${platform}\u0000${item.id}\u0000${item.version}`;
      let value = composed.get(key);
      if (!value) {
        value = composeForCard(item, platform, slots, officer);
        composed.set(key, value);
      }
      return value;
    },
  };
}

export type Library = ReturnType<typeof createLibrary>;
