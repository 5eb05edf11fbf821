// The sidebar's read model under concurrent changes: two libraries sync side by side, and a sync's
// thumbnails refresh the media map while another library's pages are applied. Every change must
// land on the snapshot the previous one left (a change read from a stale snapshot drops the other's).
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createLibrary } from '../../utils/background/library';
import { changeItems } from '../../utils/storage/item-store';
import { openDb, type StoredItem } from '../../utils/storage/db';
import { sampleItem } from '../support/sample-items';

const stored = (id: string) => ({ ...sampleItem(id), version: 1 }) as unknown as StoredItem;

describe('library snapshot', () => {
  it('keeps pages applied while the media map is refreshed, and two applies at once', async () => {
    const db = openDb('library-snapshot-1');
    await changeItems(db, { put: [stored('a'), stored('b')], remove: [] });
    const library = createLibrary(db);
    expect((await library.get()).items).toHaveLength(2);

    await changeItems(db, { put: [stored('c'), stored('jatim:d')], remove: [] });
    // As a sync's thumbnail pack (refreshMedia, not awaited) and two libraries' pages arrive together.
    await Promise.all([
      library.refreshMedia(),
      library.apply([{ upserted: [stored('c')], removedIds: [], replaced: false }]),
      library.apply([{ upserted: [stored('jatim:d')], removedIds: [], replaced: false }]),
      library.refreshMedia(),
    ]);
    const { items, byId } = await library.get();
    expect(items.map((i) => i.id).sort()).toEqual(['a', 'b', 'c', 'jatim:d']);
    expect([...byId.keys()].sort()).toEqual(['a', 'b', 'c', 'jatim:d']);
    expect(await library.visibleCount(Date.now())).toBe(4);
  });
});
