// The dev server's feed as spec v1.2 asks (every page names the request it answers, inside the
// signed bytes; `complete` never set), and its two hostile faults: a fresh signed answer replayed to
// every request, and a `complete: true` on the last page of an incremental answer.
import { generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { rawPublicKeyBase64 } from '../../library/keys';
import { startLibraryServer, type LibraryServer } from '../../library/server';
import { verifyFeedSignature } from '../../utils/shared/crypto';
import { sampleItem } from '../support/sample-items';

const { privateKey } = generateKeyPairSync('ed25519');
const publicKey = rawPublicKeyBase64(privateKey);

let server: LibraryServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A library of three items, two to a page, signed. */
async function threeItems() {
  server = await startLibraryServer({ items: ['satu', 'dua', 'tiga'].map((id) => sampleItem(id)), pageSize: 2, signingKey: privateKey });
  return server;
}

/** One feed answer: its exact bytes, signature header and parsed page. */
async function get(lib: LibraryServer, since?: string) {
  const res = await fetch(`${lib.url}/v1/feed${since === undefined ? '' : `?since=${encodeURIComponent(since)}`}`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  const signature = res.headers.get('x-library-signature');
  const page = JSON.parse(new TextDecoder().decode(bytes)) as { since?: string; cursor: string; hasMore: boolean; items: { id: string }[]; complete?: boolean };
  return { bytes, signature, page, verified: await verifyFeedSignature(publicKey, signature, bytes) };
}

/** Every page of a walk from no cursor, as a client reads them. */
async function walk(lib: LibraryServer) {
  const pages = [await get(lib)];
  while (pages.at(-1)!.page.hasMore) pages.push(await get(lib, pages.at(-1)!.page.cursor));
  return pages;
}

describe("the dev server's feed (v1.2)", () => {
  it("binds every signed page to its request's cursor and never says complete", async () => {
    const lib = await threeItems();
    const pages = await walk(lib);
    expect(pages.map((p) => p.page.since)).toEqual(['', 'r2']);
    expect(pages.every((p) => p.verified)).toBe(true);
    expect(pages.some((p) => 'complete' in p.page)).toBe(false);
    // `since` is inside the signed bytes: the signature of one page does not cover it rewritten.
    const rewritten = new TextEncoder().encode(new TextDecoder().decode(pages[1]!.bytes).replace('"since":"r2"', '"since":"r0"'));
    expect(await verifyFeedSignature(publicKey, pages[1]!.signature, rewritten)).toBe(false);
    expect((await get(lib, 'r3')).page).toMatchObject({ since: 'r3', items: [] });
    expect((await get(lib, '')).page.since).toBe('');
  });

  it('replayNewest answers every request with the signed bytes of the answer to the newest cursor', async () => {
    const lib = await threeItems();
    lib.withdraw('dua');
    const newest = await get(lib, 'r4');
    expect(newest.page).toMatchObject({ since: 'r4', cursor: 'r4', items: [], hasMore: false });
    lib.setFault('replayNewest');
    for (const since of [undefined, 'r1', 'r2']) {
      const replayed = await get(lib, since);
      expect(Buffer.from(replayed.bytes).equals(Buffer.from(newest.bytes))).toBe(true);
      expect(replayed.signature).toBe(newest.signature);
      expect(replayed.verified).toBe(true);
    }
    lib.setFault('none');
    expect((await get(lib, 'r1')).page).toMatchObject({ since: 'r1', items: [{ id: 'tiga' }] });
  });

  it('completeOnLastPage marks the last page of an answer to a cursor complete, signed and bound to that cursor', async () => {
    const lib = await threeItems();
    lib.setFault('completeOnLastPage');
    const pages = await walk(lib);
    expect(pages.map((p) => [p.page.since, p.page.complete])).toEqual([['', undefined], ['r2', true]]);
    expect(pages[1]!.page.items.map((i) => i.id)).toEqual(['tiga']);
    expect(pages[1]!.verified).toBe(true);
    // An incremental answer of one page is marked too: it lists only what changed since its cursor.
    lib.upsert(sampleItem('empat'));
    expect((await get(lib, 'r3')).page).toMatchObject({ since: 'r3', complete: true, items: [{ id: 'empat' }] });
    // A whole library on one page, to a request without cursor, is what `complete` may honestly mark: left alone.
    await lib.close();
    server = await startLibraryServer({ items: [sampleItem('satu')], signingKey: privateKey });
    server.setFault('completeOnLastPage');
    const whole = (await get(server)).page;
    expect(whole).toMatchObject({ since: '', hasMore: false, items: [{ id: 'satu' }] });
    expect(whole.complete).toBeUndefined();
  });
});
