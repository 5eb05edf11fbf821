// The libraries an officer follows (national, their province's, their agency's): each signed with its
// own key, synced on its own, and merged in the sidebar with its label. The first library is the
// primary one: its items keep their plain ids (installs from before several libraries keep their
// store as it is); every other library's items are stored as `<libraryId>:<itemId>`, so the same id
// in two libraries stays two items (ids are `[a-z0-9-]`, so ':' never occurs in one).
import { z } from 'zod';

export const LIBRARY_ID_PATTERN = /^[a-z0-9-]{1,32}$/;
/** The id of the one library of settings that list none (the national library). */
export const PRIMARY_LIBRARY_ID = 'nasional';
const SEPARATOR = ':';

/** One library as policy (or settings, in development) lists it. */
export const LibraryConfigSchema = z.object({
  id: z.string().regex(LIBRARY_ID_PATTERN),
  label: z.string().trim().min(1).max(80).optional(),
  url: z.string(),
  publicKey: z.string().optional(),
});
export type LibraryConfig = z.infer<typeof LibraryConfigSchema>;

/** A library to sync: its settings, and whether it is the primary one (plain ids, the original sync state). */
export interface LibrarySource extends LibraryConfig {
  primary: boolean;
}

/** The libraries of the effective settings, primary first; settings without a list follow one library. */
export function librariesOf(settings: { libraryUrl: string; publicKey?: string; libraries?: LibraryConfig[] }): LibrarySource[] {
  const list = settings.libraries?.length ? settings.libraries : [{ id: PRIMARY_LIBRARY_ID, url: settings.libraryUrl }];
  // The primary's address and key are the merged ones (a key built into the extension wins there).
  return list.map((library, i) => (i === 0 ? { ...library, url: settings.libraryUrl, publicKey: settings.publicKey, primary: true } : { ...library, primary: false }));
}

/** How an item of a library is stored (and shown to the sidebar). */
export function storedItemId(library: Pick<LibrarySource, 'id' | 'primary'>, itemId: string): string {
  return library.primary ? itemId : `${library.id}${SEPARATOR}${itemId}`;
}

/** Which library a stored id belongs to (undefined: the primary) and the library's own id for the item. */
export function splitStoredId(storedId: string): { libraryId?: string; itemId: string } {
  const at = storedId.indexOf(SEPARATOR);
  return at < 0 ? { itemId: storedId } : { libraryId: storedId.slice(0, at), itemId: storedId.slice(at + 1) };
}

/** Whether a stored id is one of this library's items. */
export function belongsTo(library: Pick<LibrarySource, 'id' | 'primary'>, storedId: string): boolean {
  const { libraryId } = splitStoredId(storedId);
  return library.primary ? libraryId === undefined : libraryId === library.id;
}

/** The library id of a stored item, the primary's when the id carries none. */
export function libraryIdOf(storedId: string, libraries: Pick<LibrarySource, 'id'>[]): string {
  return splitStoredId(storedId).libraryId ?? libraries[0]?.id ?? PRIMARY_LIBRARY_ID;
}

/** The sidebar's filter key of a library: '' for the primary (plain ids), else its id. */
export const sourceKey = (library: Pick<LibrarySource, 'id' | 'primary'>) => (library.primary ? '' : library.id);
/** The filter key of a stored item's library. */
export const sourceKeyOf = (storedId: string) => splitStoredId(storedId).libraryId ?? '';

/** A log entry's item in its library's own terms: the item's id there and the library's id. */
export function entryItem(storedId: string, libraries: Pick<LibrarySource, 'id'>[]): { itemId: string; libraryId: string } {
  return { itemId: splitStoredId(storedId).itemId, libraryId: libraryIdOf(storedId, libraries) };
}

/** The stored id of a log entry's item (entries from before several libraries carry no libraryId: the primary's). */
export function storedIdOfEntry(itemId: string, libraryId: string | undefined, primaryId: string): string {
  return !libraryId || libraryId === primaryId ? itemId : `${libraryId}${SEPARATOR}${itemId}`;
}
