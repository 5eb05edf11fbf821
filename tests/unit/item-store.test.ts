// Library items stored as segments: what a sync writes (records, not items), what the library reads
// back (the fold, also from a database handle that never saw the writes), and the upgrade from one
// record per item.
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type HumasDb, type StoredItem } from '../../utils/storage/db';
import { changeItems, compactItems, storedItems, storedLibrary } from '../../utils/storage/item-store';
import { mergeSettings } from '../../utils/shared/settings';
import { syncLibrary } from '../../utils/background/sync';
import { startLibraryServer, type LibraryServer } from '../../library/server';
import { sampleItem } from '../support/sample-items';

let server: LibraryServer | undefined;
let dbCount = 0;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const freshName = () => `item-store-${++dbCount}`;
const stored = (id: string, version = 1, title = `Judul ${id}`): StoredItem => ({ ...sampleItem(id, { version, title }), mediaShas: [], publishedMs: 0, storedAt: '' });
const ids = async (db: HumasDb) => (await storedItems(db)).map((i) => `${i.id}@${i.version}`).sort();
const settingsFor = (url: string) => mergeSettings({ libraryUrl: url, agency: 'Diskominfo', region: 'Kota Malang' }, {});

describe('item segments', () => {
  it('a first sync writes one record per feed page, and the library reads back whole', async () => {
    const items = Array.from({ length: 1200 }, (_, i) => sampleItem(`butir-${i}`));
    server = await startLibraryServer({ items, pageSize: 500 });
    const db = openDb(freshName());
    let records = 0;
    db.itemSegments.hook('creating', () => void records++);
    await syncLibrary({ db, settings: settingsFor(server.url) });
    expect(records).toBe(3);
    const reopened = openDb(db.name);
    expect((await storedItems(reopened)).length).toBe(1200);
  });

  it('later segments win: a newer version replaces, a removal removes, also for a handle that never saw the writes', async () => {
    const db = openDb(freshName());
    await changeItems(db, { put: [stored('satu'), stored('dua'), stored('tiga')], remove: [] });
    await changeItems(db, { put: [stored('dua', 2)], remove: ['tiga'] });
    await changeItems(db, { put: [stored('tiga', 3), stored('empat')], remove: ['empat'] });
    expect(await ids(db)).toEqual(['dua@2', 'satu@1', 'tiga@3']);
    expect(await ids(openDb(db.name))).toEqual(['dua@2', 'satu@1', 'tiga@3']);
    expect(await db.itemSegments.count()).toBe(3);
  });

  it('a write through another handle is seen, and an aborted write leaves nothing behind in memory', async () => {
    const db = openDb(freshName());
    await changeItems(db, { put: [stored('satu')], remove: [] });
    expect(await ids(db)).toEqual(['satu@1']);
    await changeItems(openDb(db.name), { put: [stored('dua')], remove: [] });
    expect(await ids(db)).toEqual(['dua@1', 'satu@1']);
    await expect(
      db.transaction('rw', [db.itemSegments, db.meta], async () => {
        await changeItems(db, { put: [stored('batal')], remove: ['satu'] });
        throw new Error('page rejected after the write');
      }),
    ).rejects.toThrow('page rejected');
    expect(await ids(db)).toEqual(['dua@1', 'satu@1']);
  });

  it('compaction keeps exactly the live items in few records, and clears with the library', async () => {
    const db = openDb(freshName());
    for (let i = 0; i < 40; i++) await changeItems(db, { put: [stored(`butir-${i}`), stored('sering', i + 1)], remove: i % 2 ? [`butir-${i - 1}`] : [] });
    const before = await ids(db);
    expect(before).toHaveLength(21);
    expect(await compactItems(db)).toBe(true);
    expect(await db.itemSegments.count()).toBe(1);
    expect(await ids(openDb(db.name))).toEqual(before);
    expect(await compactItems(db)).toBe(false);
    await changeItems(db, { put: [stored('baru')], remove: [], clear: true });
    expect(await ids(openDb(db.name))).toEqual(['baru@1']);
  });

  it('an install updated from one record per item keeps its library', async () => {
    const name = freshName();
    const old = new Dexie(name);
    old.version(7).stores({ items: '&id, program, *mediaShas', media: '&sha256, state', meta: '&key', csvBlocks: '&block' });
    await old.table('items').bulkPut([stored('lama'), stored('juga', 4)]);
    old.close();
    const db = openDb(name);
    expect(await ids(db)).toEqual(['juga@4', 'lama@1']);
    expect(db.tables.map((t) => t.name)).not.toContain('items');
    expect((await storedLibrary(db)).segments).toBe(1);
  });
});
