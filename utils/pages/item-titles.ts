// The titles officers and supervisors read in place of item ids: the stored library's items, and the
// titles kept for items the library has withdrawn since (they are gone from the library).
import type { HumasDb } from '../storage/db';
import { storedItems } from '../storage/item-store';

export async function itemTitles(db: HumasDb): Promise<Map<string, string>> {
  const titles = new Map<string, string>();
  for (const withdrawn of await db.withdrawn.toArray()) if (withdrawn.title) titles.set(withdrawn.itemId, withdrawn.title);
  for (const item of await storedItems(db)) titles.set(item.id, item.title);
  return titles;
}
