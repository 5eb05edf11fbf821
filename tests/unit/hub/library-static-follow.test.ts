// The hub follows a library's static layout (signed v1/index.json naming content-addressed files)
// when it has one: a snapshot on the first read, a delta from the accepted publication after; every
// file checked against the signed index's sha256 and size; an older index refused like a replay.
import { createHash, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { followLibrary } from '../../../hub/library-follow';
import type { HubDatabase } from '../../../hub/database';
import { BACKENDS } from './hub-support';
import { signatureHeader } from '../../../library/keys';
import { STATIC_FORMAT, type StaticPage } from '../../../utils/shared/static-format';
import { answer, devKey, devPublicKey as publicKey, item, library, LIBRARY, libraryState, storedItems, libraryDatabase } from './library-fakes';

type Delta = { from: number; to?: number; items?: object[]; removed?: StaticPage['removed'] };

/** A static host with a publisher writing the layout into it. */
function staticLibrary() {
  const lib = library();
  const put = (kind: 'pages' | 'thumbs' | 'deltas', value: unknown) => {
    const bytes = Buffer.from(JSON.stringify(value));
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const path = `v1/static/${kind}/${sha256}.json`;
    lib.files.set(path, () => new Response(bytes));
    return { path, sha256, bytes: bytes.length };
  };
  /** Writes the files and a signed index for publication `sequence`; returns the paths. */
  const publish = (sequence: number, pages: StaticPage[], deltas: Delta[] = [], key: KeyObject = devKey) => {
    const pageRefs = pages.map((page) => ({ ...put('pages', page), items: page.items.length }));
    const deltaRefs = deltas.map((d) => ({ ...put('deltas', { items: [], removed: [], to: sequence, ...d }), from: d.from }));
    const thumbs = pages.map(() => put('thumbs', { thumbs: {} }));
    const index = JSON.stringify({
      schema: 1, format: STATIC_FORMAT, publisher: 'Komdigi', since: '', sequence, issuedAt: `2026-11-2${sequence}T00:00:00Z`,
      snapshot: { pages: pageRefs, thumbs }, deltas: deltaRefs,
    });
    lib.files.set('v1/index.json', () => new Response(JSON.stringify({ signature: signatureHeader(key, Buffer.from(index)), index })));
    return { pages: pageRefs.map((r) => r.path), deltas: deltaRefs.map((r) => r.path), thumbs: thumbs.map((r) => r.path) };
  };
  return { ...lib, publish, fetched: () => lib.urls.splice(0).map((u) => u.slice(1)) };
}

const manyItems = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => item(`${prefix}-${i}`));
const withdrawn = (id: string) => ({ id, reason: 'withdrawn' as const });

describe.each(BACKENDS)("the hub's follower on a static layout on %s", (_backend, open) => {
  const database = libraryDatabase(open);
  let db: HubDatabase;
  beforeEach(() => void (db = database()));

  it("reads the snapshot's pages and the first page's withdrawals, and no thumbnails or feed", async () => {
    const lib = staticLibrary();
    const files = lib.publish(3, [{ items: [item('satu'), item('dua')], removed: [withdrawn('lama'), { id: 'usang', reason: 'expired' }] }, { items: [item('tiga')], removed: [] }]);
    await followLibrary(db, { libraryUrl: LIBRARY, publicKey, fetch: lib.doFetch });
    expect(await storedItems(db)).toEqual([
      { id: 'dua', version: 1, withdrawn: false }, { id: 'lama', version: 0, withdrawn: true }, { id: 'satu', version: 1, withdrawn: false }, { id: 'tiga', version: 1, withdrawn: false },
    ]);
    expect(await libraryState(db)).toEqual({ cursor: null, sequence: 3, snapshot_only: false });
    expect(lib.fetched().sort()).toEqual(['v1/index.json', ...files.pages].sort());
  });

  it('applies only the delta from the accepted publication, and fetches nothing more while current', async () => {
    const lib = staticLibrary();
    const options = { libraryUrl: LIBRARY, publicKey, fetch: lib.doFetch };
    lib.publish(3, [{ items: [item('satu'), item('dua'), ...manyItems('isi', 20)], removed: [] }]);
    await followLibrary(db, options);
    lib.fetched();
    const files = lib.publish(5, [{ items: [item('satu', 2), ...manyItems('isi', 20)], removed: [withdrawn('dua')] }], [{ from: 1 }, { from: 3, items: [item('satu', 2)], removed: [withdrawn('dua')] }]);
    await followLibrary(db, options);
    expect(lib.fetched()).toEqual(['v1/index.json', files.deltas[1]]);
    expect((await storedItems(db)).filter((i) => ['satu', 'dua'].includes(i.id))).toEqual([{ id: 'dua', version: 1, withdrawn: true }, { id: 'satu', version: 2, withdrawn: false }]);
    expect((await libraryState(db))?.sequence).toBe(5);
    await followLibrary(db, options);
    expect(lib.fetched()).toEqual(['v1/index.json']);
  });

  it("refuses a file whose bytes differ from the index's sha256, storing nothing", async () => {
    const lib = staticLibrary();
    const options = { libraryUrl: LIBRARY, publicKey, fetch: lib.doFetch };
    const first = lib.publish(3, [{ items: [item('satu')], removed: [] }, { items: [item('dua')], removed: [] }]);
    const genuine = lib.files.get(first.pages[1]!)!;
    // Same size, other content: only the hash tells.
    lib.files.set(first.pages[1]!, () => new Response(JSON.stringify({ items: [item('dux')], removed: [] })));
    await expect(followLibrary(db, options)).rejects.toThrow(/tidak cocok dengan sha256/);
    expect(await storedItems(db)).toEqual([]);
    expect(await libraryState(db)).toBeUndefined();
    lib.files.set(first.pages[1]!, genuine);
    await followLibrary(db, options);
    const next = lib.publish(4, [{ items: manyItems('isi', 20), removed: [] }], [{ from: 3, removed: [withdrawn('satu')] }]);
    lib.files.set(next.deltas[0]!, () => new Response(JSON.stringify({ from: 3, to: 4, items: [], removed: [] })));
    await expect(followLibrary(db, options)).rejects.toThrow(/does not match the index's sha256/);
    expect((await storedItems(db)).map((i) => [i.id, i.withdrawn])).toEqual([['dua', false], ['satu', false]]);
    expect((await libraryState(db))?.sequence).toBe(3);
  });

  it('refuses an index older than the accepted publication, or a delta that ends elsewhere', async () => {
    const lib = staticLibrary();
    const options = { libraryUrl: LIBRARY, publicKey, fetch: lib.doFetch };
    lib.publish(5, [{ items: [item('satu')], removed: [] }]);
    await followLibrary(db, options);
    lib.publish(4, [{ items: [item('satu'), item('kembali')], removed: [] }]);
    lib.fetched();
    await expect(followLibrary(db, options)).rejects.toThrow(/4 < 5/);
    expect(lib.fetched()).toEqual(['v1/index.json']);
    lib.publish(7, [{ items: manyItems('isi', 20), removed: [] }], [{ from: 5, to: 6, removed: [withdrawn('satu')] }]);
    await expect(followLibrary(db, options)).rejects.toThrow(/delta 5→6/);
    expect(await storedItems(db)).toEqual([{ id: 'satu', version: 1, withdrawn: false }]);
    expect((await libraryState(db))?.sequence).toBe(5);
  });

  it('refuses an index signed by another key; follows the feed where no index answers', async () => {
    const lib = staticLibrary();
    const options = { libraryUrl: LIBRARY, publicKey, fetch: lib.doFetch };
    lib.publish(2, [{ items: [item('palsu')], removed: [] }], [], generateKeyPairSync('ed25519').privateKey);
    await expect(followLibrary(db, options)).rejects.toThrow(/tanda tangan indeks pustaka tidak valid/);
    expect(lib.feedRequests()).toEqual([]);
    lib.files.delete('v1/index.json');
    lib.serve((since) => answer({ since, sequence: 2, issuedAt: '2026-11-22T00:00:00Z', items: [item('dari-feed')] }));
    await followLibrary(db, options);
    // A host's catch-all page where the index would be is no static layout either.
    lib.files.set('v1/index.json', () => new Response('<html>Beranda</html>', { headers: { 'Content-Type': 'text/html' } }));
    await followLibrary(db, options);
    expect(lib.feedRequests()).toEqual(['', 'c2']);
    expect((await storedItems(db)).map((i) => i.id)).toEqual(['dari-feed']);
  });
});
