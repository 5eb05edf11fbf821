// How another library's item is stored: `<libraryId>:<itemId>` (libraries.ts says why). Apart from
// libraries.ts, which validates settings with Zod, so that the content script (variants.ts) can read
// an item's own id without pulling a validation library into every page.
export const STORED_ID_SEPARATOR = ':';

/** Which library a stored id belongs to (undefined: the national library) and the library's own id for the item. */
export function splitStoredId(storedId: string): { libraryId?: string; itemId: string } {
  const at = storedId.indexOf(STORED_ID_SEPARATOR);
  return at < 0 ? { itemId: storedId } : { libraryId: storedId.slice(0, at), itemId: storedId.slice(at + 1) };
}
