// Feed spec v1.2 in the hub's library follower: a signed page must answer the request it is served
// for (`since`), so the fresh, empty answer to the newest cursor replayed to a hub at an older one
// cannot skip a withdrawal; `complete` counts only on the only page of a cursorless answer; and an
// older publisher's static snapshot (no `since`, one file whatever the query) is still followed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { followLibrary } from '../../../hub/library-follow';
import type { HubDatabase } from '../../../hub/database';
import { BACKENDS } from './hub-support';
import { startLibraryServer, type LibraryServer } from '../../../library/server';
import { sampleItem } from '../../support/sample-items';
import { answer, devKey, devPublicKey as publicKey, item, library, LIBRARY, libraryState, storedItems, libraryDatabase } from './library-fakes';

let server: LibraryServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const day = (n: number) => `2026-11-${String(20 + n).padStart(2, '0')}T00:00:00Z`;

describe.each(BACKENDS)("the hub's library follower binds answers to requests (v1.2) on %s", (_backend, open) => {
  const database = libraryDatabase(open);
  let db: HubDatabase;
  beforeEach(() => void (db = database()));

  it('refuses a signed page whose since is missing or names another cursor; cursor and items stay', async () => {
    const lib = library();
    const options = { libraryUrl: LIBRARY, publicKey, fetch: lib.doFetch };
    lib.serve((since) => answer({ since, sequence: 1, issuedAt: day(0), cursor: 'c1', items: [item('satu')] }));
    await followLibrary(db, options);
    const accepted = await libraryState(db);
    expect(accepted).toEqual({ cursor: 'c1', sequence: 1, snapshot_only: false });

    lib.serve(() => answer({ sequence: 2, issuedAt: day(1), cursor: 'c2', removed: [{ id: 'satu', reason: 'withdrawn' }] }));
    await expect(followLibrary(db, options)).rejects.toThrow(/tanpa since ditolak \/ library page without since refused/);
    lib.serve(() => answer({ since: 'c0', sequence: 2, issuedAt: day(1), cursor: 'c2', removed: [{ id: 'satu', reason: 'withdrawn' }] }));
    await expect(followLibrary(db, options)).rejects.toThrow(/since "c0", diminta "c1"/);
    expect(await libraryState(db)).toEqual(accepted);
    // Without a cursor, a missing `since` passes only on a whole snapshot: complete, and one page.
    await db.query('DELETE FROM library_state');
    lib.serve(() => answer({ sequence: 2, issuedAt: day(1), complete: true, hasMore: true, removed: [{ id: 'satu', reason: 'withdrawn' }] }));
    await expect(followLibrary(db, options)).rejects.toThrow(/without since/);
    lib.serve(() => answer({ sequence: 2, issuedAt: day(1), removed: [{ id: 'satu', reason: 'withdrawn' }] }));
    await expect(followLibrary(db, options)).rejects.toThrow(/without since/);
    expect(lib.feedRequests()).toEqual(['', 'c1', 'c1', '', '']);
    expect(await storedItems(db)).toEqual([{ id: 'satu', version: 1, withdrawn: false }]);
  });

  it("refuses the dev server's signed answer to its newest cursor replayed to an older one (replayNewest)", async () => {
    server = await startLibraryServer({ items: [sampleItem('tetap'), sampleItem('hoaks')], signingKey: devKey });
    const options = { libraryUrl: server.url, publicKey, dev: true };
    await followLibrary(db, options);
    server.withdraw('hoaks');
    server.setFault('replayNewest');
    await expect(followLibrary(db, options)).rejects.toThrow(/since "r3", diminta "r2"/);
    expect((await storedItems(db)).find((i) => i.id === 'hoaks')?.withdrawn).toBe(false);
    expect((await libraryState(db))?.cursor).toBe('r2');
    server.setFault('none');
    await followLibrary(db, options);
    expect((await storedItems(db)).find((i) => i.id === 'hoaks')?.withdrawn).toBe(true);
  });

  it("takes no complete: true on the last page of an answer to a cursor for a snapshot (completeOnLastPage)", async () => {
    server = await startLibraryServer({ items: [sampleItem('satu'), sampleItem('dua')], pageSize: 1, signingKey: devKey });
    server.setFault('completeOnLastPage');
    const options = { libraryUrl: server.url, publicKey, dev: true };
    await followLibrary(db, options);
    expect(await libraryState(db)).toMatchObject({ cursor: 'r2', snapshot_only: false });
    server.upsert(sampleItem('tiga'));
    await followLibrary(db, options);
    // Still read from its cursor, and nothing it did not list was touched.
    expect(server.feedLog).toEqual(['', 'r1', 'r2']);
    expect((await storedItems(db)).map((i) => [i.id, i.withdrawn])).toEqual([['dua', false], ['satu', false], ['tiga', false]]);
  });

  it("follows an older publisher's static snapshot (no since) twice, the second time without a cursor", async () => {
    const lib = library();
    const options = { libraryUrl: LIBRARY, publicKey, fetch: lib.doFetch };
    // One file whatever the query, as a static host serves it.
    lib.serve(() => answer({ sequence: 1, issuedAt: day(0), cursor: 's-aaa', complete: true, items: [item('satu'), item('dua')] }));
    await followLibrary(db, options);
    expect(await libraryState(db)).toEqual({ cursor: 's-aaa', sequence: 1, snapshot_only: true });
    lib.serve(() => answer({ sequence: 2, issuedAt: day(1), cursor: 's-bbb', complete: true, items: [item('satu', 2)], removed: [{ id: 'dua', reason: 'withdrawn' }] }));
    await followLibrary(db, options);
    expect(lib.feedRequests()).toEqual(['', '']);
    expect(await storedItems(db)).toEqual([{ id: 'dua', version: 1, withdrawn: true }, { id: 'satu', version: 2, withdrawn: false }]);
  });

  it('a hub that kept a cursor for a static host asks again without one, and judges that answer by every rule', async () => {
    const lib = library();
    const options = { libraryUrl: LIBRARY, publicKey, fetch: lib.doFetch };
    await db.query(`INSERT INTO library_state (id, cursor, sequence, library_url) VALUES (1, 's-lama', 3, $1)`, [LIBRARY]);
    lib.serve(() => answer({ sequence: 4, issuedAt: day(1), cursor: 's-baru', complete: true, items: [item('baru')] }));
    await followLibrary(db, options);
    expect(lib.feedRequests()).toEqual(['s-lama', '']);
    expect(await libraryState(db)).toEqual({ cursor: 's-baru', sequence: 4, snapshot_only: true });
    // The same way back cannot bring an older snapshot in (a v1.2 one, since "").
    await db.query(`UPDATE library_state SET cursor = 's-lama', snapshot_only = false`);
    lib.serve(() => answer({ since: '', sequence: 2, issuedAt: day(0), cursor: 's-tua', complete: true, items: [item('tua')] }));
    await expect(followLibrary(db, options)).rejects.toThrow(/2 < 4/);
    expect((await storedItems(db)).map((i) => i.id)).toEqual(['baru']);
  });
});
