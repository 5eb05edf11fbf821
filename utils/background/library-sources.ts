// Several libraries in what the officer sees: each card's source label, the sidebar's filter by
// source, and a status line that names the library that failed (the others' items stay shown).
import { i18n } from '#i18n';
import type { HumasDb } from '../storage/db';
import { librariesOf, sourceKey, sourceKeyOf, type LibrarySource } from '../shared/libraries';
import type { CardSource, LibraryCard, LibraryQuery } from '../shared/messages';
import { formatDateTime } from '../shared/locale';
import type { Settings } from '../shared/settings';
import { readSyncState } from './sync';
import { describeSyncError, describeSyncState, type Freshness, type SyncState } from './sync-status';

export interface LibraryStatus {
  library: LibrarySource;
  state: SyncState;
  source: CardSource;
}

/** Policy's label, else the library's own name for itself, else "Nasional" for the primary one. */
export function labelOf(library: LibrarySource, state: SyncState): string {
  return library.label ?? state.publisher ?? (library.primary ? i18n.t('libraries.national') : library.id);
}

export async function readLibraryStatuses(db: HumasDb, settings: Settings): Promise<LibraryStatus[]> {
  return Promise.all(
    librariesOf(settings).map(async (library) => {
      const state = await readSyncState(db, library);
      return { library, state, source: { id: library.id, label: labelOf(library, state) } };
    }),
  );
}

const isStale = (state: SyncState, freshness: Freshness) => {
  const asOf = state.issuedAt ?? state.lastSuccessAt;
  return !!asOf && freshness.now.getTime() - Date.parse(asOf) > freshness.maxAgeDays * 86_400_000;
};

/**
 * The status line: one library as before; several: each failing or stale library by its label first
 * ("Prov. Jawa Timur: Tanda tangan tidak valid …"), then the count of every library's items.
 */
export function describeLibraries(statuses: LibraryStatus[], itemCount: number, freshness: Freshness): string {
  const [primary, ...others] = statuses;
  if (!primary) return '';
  if (others.length === 0) return describeSyncState(primary.state, itemCount, freshness);
  const problems = statuses.flatMap(({ state, source }) => [
    ...(state.lastError ? [i18n.t('libraries.failed', [source.label, describeSyncError(state.lastError.code, state.lastError.detail)])] : []),
    ...(source !== primary.source && isStale(state, freshness) ? [i18n.t('libraries.stale', [source.label, formatDateTime(state.issuedAt ?? state.lastSuccessAt!)])] : []),
  ]);
  const running = statuses.some((s) => s.state.running);
  const base = describeSyncState({ ...primary.state, lastError: undefined, running }, itemCount, freshness);
  return problems.length ? `${problems.join('. ')}. ${base}` : base;
}

/** The query with its source as the item store's key ('' for the primary library); an unknown source filters nothing. */
export function querySource(query: LibraryQuery, statuses: LibraryStatus[]): LibraryQuery {
  const { source, ...rest } = query;
  const library = statuses.find((s) => s.library.id === source)?.library;
  return library && statuses.length > 1 ? { ...rest, source: sourceKey(library) } : rest;
}

/** A stored item's library as shown to the officer, when they follow several (one needs no label). */
export function sourceOf(storedId: string, statuses: LibraryStatus[]): CardSource | undefined {
  return statuses.length < 2 ? undefined : statuses.find((s) => sourceKey(s.library) === sourceKeyOf(storedId))?.source;
}

/** Cards labelled with their library, and the filter's choices, when the officer follows several. */
export function withSources(cards: LibraryCard[], statuses: LibraryStatus[]): { cards: LibraryCard[]; sources?: CardSource[] } {
  if (statuses.length < 2) return { cards };
  return { cards: cards.map((card) => ({ ...card, source: sourceOf(card.id, statuses) })), sources: statuses.map((s) => s.source) };
}
