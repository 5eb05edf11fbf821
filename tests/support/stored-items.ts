// The library as stored in IndexedDB (segments folded by the product's item store), for assertions.
import type { HumasDb, StoredItem } from '../../utils/storage/db';
import { changeItems, storedItems, storedLibrary } from '../../utils/storage/item-store';

export { storedItems };

export async function storedItem(db: HumasDb, id: string): Promise<StoredItem | undefined> {
  return (await storedLibrary(db)).byId.get(id);
}

export function putItem(db: HumasDb, item: StoredItem): Promise<void> {
  return changeItems(db, { put: [item], remove: [] });
}
