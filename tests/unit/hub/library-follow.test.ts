// The hub's library follower holds to the extension's rules: the library's key and https are
// required (unless the hub runs with --dev), every page is verified, and a page older than the
// newest one read (or than a first read's floor) is refused, so a replayed answer cannot bring a
// withdrawn item back.
import { generateKeyPairSync } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { followLibrary, libraryFollowProblem } from '../../../hub/library-follow';
import type { HubDatabase } from '../../../hub/database';
import { BACKENDS } from './hub-support';
import { answer, devPublicKey as publicKey, item, library, LIBRARY, storedItems, libraryDatabase } from './library-fakes';

describe.each(BACKENDS)("the hub's library follower on %s", (_backend, open) => {
  const database = libraryDatabase(open);
  let db: HubDatabase;
  beforeEach(() => void (db = database()));
  const items = () => storedItems(db);

  it('refuses a library without a key or over plain http unless the hub runs with --dev, before any request', async () => {
    const lib = library();
    expect(libraryFollowProblem({ libraryUrl: LIBRARY })).toMatch(/--library-key/);
    expect(libraryFollowProblem({ libraryUrl: 'http://pustaka.test', publicKey })).toMatch(/https/);
    expect(libraryFollowProblem({ libraryUrl: LIBRARY, publicKey: 'bukan-kunci' })).toMatch(/Ed25519/);
    await expect(followLibrary(db, { libraryUrl: LIBRARY, fetch: lib.doFetch })).rejects.toThrow(/--library-key/);
    await expect(followLibrary(db, { libraryUrl: 'http://pustaka.test', publicKey, fetch: lib.doFetch })).rejects.toThrow(/https/);
    expect(lib.urls).toEqual([]);
    expect(libraryFollowProblem({ libraryUrl: LIBRARY, publicKey })).toBeUndefined();
    // Development: an unsigned library on this computer is followed.
    lib.serve((since) => answer({ since, items: [item('lokal')] }, null));
    await followLibrary(db, { libraryUrl: 'http://127.0.0.1:8787', dev: true, fetch: lib.doFetch });
    expect(await items()).toEqual([{ id: 'lokal', version: 1, withdrawn: false }]);
  });

  it('refuses a page with a bad signature, or signed without issuedAt/sequence, storing nothing', async () => {
    const lib = library();
    const stranger = generateKeyPairSync('ed25519').privateKey;
    lib.serve((since) => answer({ since, sequence: 1, issuedAt: '2026-11-20T00:00:00Z', items: [item('palsu')] }, stranger));
    await expect(followLibrary(db, { libraryUrl: LIBRARY, publicKey, fetch: lib.doFetch })).rejects.toThrow(/tanda tangan/);
    lib.serve((since) => answer({ since, items: [item('tanpa-nomor')] }));
    await expect(followLibrary(db, { libraryUrl: LIBRARY, publicKey, fetch: lib.doFetch })).rejects.toThrow(/issuedAt\/sequence/);
    expect(await items()).toEqual([]);
  });

  it('refuses a replayed older snapshot: a withdrawn item stays withdrawn', async () => {
    const lib = library();
    const options = { libraryUrl: LIBRARY, publicKey, fetch: lib.doFetch };
    // A static host's one snapshot answers every request; an older publisher's carries no `since`.
    const snapshot = (page: { sequence: number; issuedAt: string; items?: object[]; removed?: object[] }) => () => answer({ ...page, complete: true });
    const old = snapshot({ sequence: 4, issuedAt: '2026-11-20T00:00:00Z', items: [item('hoaks-lama', 2)] });
    lib.serve(old);
    await followLibrary(db, options);
    lib.serve(snapshot({ sequence: 5, issuedAt: '2026-11-21T00:00:00Z', removed: [{ id: 'hoaks-lama', reason: 'withdrawn' }] }));
    await followLibrary(db, options);
    expect(await items()).toEqual([{ id: 'hoaks-lama', version: 2, withdrawn: true }]);
    lib.serve(old);
    await expect(followLibrary(db, options)).rejects.toThrow(/4 < 5/);
    expect(await items()).toEqual([{ id: 'hoaks-lama', version: 2, withdrawn: true }]);
  });

  it("refuses a first read below the floor, and starts a changed library's numbers afresh", async () => {
    const lib = library();
    lib.serve((since) => answer({ since, sequence: 2, issuedAt: '2026-11-20T00:00:00Z', items: [item('satu')] }));
    await expect(followLibrary(db, { libraryUrl: LIBRARY, publicKey, minSequence: 3, fetch: lib.doFetch })).rejects.toThrow(/2 < 3/);
    expect(await items()).toEqual([]);
    lib.serve((since) => answer({ since, sequence: 9, issuedAt: '2026-11-20T00:00:00Z', items: [item('satu')] }));
    await followLibrary(db, { libraryUrl: LIBRARY, publicKey, fetch: lib.doFetch });
    // Another library, whose publications are numbered from 1: its sequence is not compared with the first one's.
    lib.serve((since) => answer({ since, sequence: 1, issuedAt: '2026-11-22T00:00:00Z', items: [item('dua')] }));
    await followLibrary(db, { libraryUrl: 'https://pustaka-baru.test', publicKey, fetch: lib.doFetch });
    expect((await items()).map((i) => i.id)).toEqual(['dua', 'satu']);
  });
});
