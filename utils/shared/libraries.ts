// The libraries an officer follows (national, their province's, their agency's): each signed with its
// own key, synced on its own, and merged in the sidebar with its label. The first library is the
// primary one (it keeps the single-library settings' sync state, address and built-in key). The
// national library's items (id `nasional`, also the one library of settings that list none) keep
// their plain ids, so installs from before several libraries keep their store and log as they are;
// every other library's items are stored as `<libraryId>:<itemId>`, so the same id in two libraries
// stays two items (ids are `[a-z0-9-]`, so ':' never occurs in one). Log entries name an item by its
// own id and `libraryId`; `storedIdOfEntry` maps them back without knowing the settings.
import { z } from 'zod';
import { splitStoredId, STORED_ID_SEPARATOR as SEPARATOR } from './stored-id';

export { splitStoredId };

export const LIBRARY_ID_PATTERN = /^[a-z0-9-]{1,32}$/;
/** The national library's id: its items keep plain ids (and it is the one library of settings that list none). */
export const PRIMARY_LIBRARY_ID = 'nasional';

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
export function storedItemId(library: Pick<LibrarySource, 'id'>, itemId: string): string {
  return library.id === PRIMARY_LIBRARY_ID ? itemId : `${library.id}${SEPARATOR}${itemId}`;
}

/** Whether a stored id is one of this library's items. */
export function belongsTo(library: Pick<LibrarySource, 'id'>, storedId: string): boolean {
  return sourceKeyOf(storedId) === sourceKey(library);
}

/** The library id of a stored item. */
export function libraryIdOf(storedId: string): string {
  return splitStoredId(storedId).libraryId ?? PRIMARY_LIBRARY_ID;
}

/** The item store's key of a library: '' for the national library (plain ids), else its id. */
export const sourceKey = (library: Pick<LibrarySource, 'id'>) => (library.id === PRIMARY_LIBRARY_ID ? '' : library.id);
/** The filter key of a stored item's library. */
export const sourceKeyOf = (storedId: string) => splitStoredId(storedId).libraryId ?? '';

/** A log entry's item in its library's own terms: the item's id there and the library's id. */
export function entryItem(storedId: string): { itemId: string; libraryId: string } {
  return { itemId: splitStoredId(storedId).itemId, libraryId: libraryIdOf(storedId) };
}

/** The stored id of a log entry's item (entries from before several libraries carry no libraryId: the national library's). */
export function storedIdOfEntry(entry: { itemId: string; libraryId?: string }): string {
  return storedItemId({ id: entry.libraryId ?? PRIMARY_LIBRARY_ID }, entry.itemId);
}
