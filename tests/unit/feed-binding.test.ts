// Feed spec v1.2 in the extension's sync: a signed page must answer the request it was given; a full
// snapshot removes by absence only as the single answer to a request without a cursor; a library
// published by an older publisher (one snapshot, no `since`) still syncs.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { rawPublicKeyBase64, signatureHeader } from '../../library/keys';
import { startLibraryServer, type LibraryServer } from '../../library/server';
import { readSyncState, syncLibrary } from '../../utils/background/sync';
import { describeSyncState } from '../../utils/background/sync-status';
import { mergeSettings } from '../../utils/shared/settings';
import { openDb } from '../../utils/storage/db';
import { sampleItem } from '../support/sample-items';
import { startStaticHost, type StaticHost } from '../support/static-host';
import { storedItems } from '../support/stored-items';

let server: LibraryServer | undefined;
let host: StaticHost | undefined;
let n = 0;
afterEach(async () => {
  await server?.close();
  await host?.close();
  server = host = undefined;
});

const ids = async (db: ReturnType<typeof openDb>) => (await storedItems(db)).map((i) => i.id).sort();

async function signedServer(items: string[], pageSize = 2) {
  const { privateKey } = generateKeyPairSync('ed25519');
  server = await startLibraryServer({ items: items.map((id) => sampleItem(id)), signingKey: privateKey, pageSize });
  const db = openDb(`binding-${++n}`);
  const settings = mergeSettings({ libraryUrl: server.url, publicKey: rawPublicKeyBase64(privateKey) }, {});
  return { db, settings, server };
}

describe('answers bound to their request (feed v1.2)', () => {
  it('the fresh signed answer to the newest cursor, served to a client at an older one, is refused; the next honest sync applies what it would have skipped', async () => {
    const { db, settings, server } = await signedServer(['tetap', 'ditarik', 'lain']);
    await syncLibrary({ db, settings });
    const cursor = (await readSyncState(db)).cursor;
    server.withdraw('ditarik');
    server.upsert(sampleItem('hoaks-baru', { priority: 'urgent' }));
    server.setFault('replayNewest');
    await expect(syncLibrary({ db, settings })).rejects.toMatchObject({ code: 'binding' });
    expect(await ids(db)).toEqual(['ditarik', 'lain', 'tetap']);
    expect((await readSyncState(db)).cursor).toBe(cursor);
    expect(describeSyncState(await readSyncState(db), 3)).toMatch(/^Jawaban pustaka bukan untuk permintaan ini/);

    server.setFault('none');
    await syncLibrary({ db, settings });
    expect(await ids(db)).toEqual(['hoaks-baru', 'lain', 'tetap']);
    expect(await db.withdrawn.get('ditarik')).toMatchObject({ reason: 'withdrawn' });
  });

  it('complete: true on the last page of an answer to a cursor removes nothing', async () => {
    const { db, settings, server } = await signedServer(['a', 'b', 'c', 'd', 'e']);
    await syncLibrary({ db, settings });
    server.setFault('completeOnLastPage');
    server.upsert(sampleItem('f'));
    server.upsert(sampleItem('g'));
    server.upsert(sampleItem('h'));
    await syncLibrary({ db, settings });
    expect(await ids(db)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
  });

  it("an older publisher's snapshot (no since) syncs, and is then asked without a cursor; a client that kept a cursor asks again without it", async () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const site = mkdtempSync(join(tmpdir(), 'hk-old-publisher-'));
    const publish = (items: string[], sequence: number) => {
      const body = Buffer.from(JSON.stringify({ schema: 1, publisher: 'Lama', cursor: `s-${sequence}`, hasMore: false, complete: true, items: items.map((id) => sampleItem(id)), removed: [], issuedAt: new Date(Date.UTC(2026, 10, sequence)).toISOString(), sequence }));
      mkdirSync(join(site, 'v1'), { recursive: true });
      writeFileSync(join(site, 'v1', 'feed'), body);
      writeFileSync(join(site, '_headers'), `/v1/feed\n  X-Library-Signature: ${signatureHeader(privateKey, body)}\n`);
    };
    publish(['satu', 'dua'], 1);
    host = await startStaticHost(site);
    const db = openDb(`binding-${++n}`);
    const settings = mergeSettings({ libraryUrl: host.url, publicKey: rawPublicKeyBase64(privateKey) }, {});
    await syncLibrary({ db, settings });
    expect(await ids(db)).toEqual(['dua', 'satu']);

    publish(['satu', 'tiga'], 2);
    const mark = host.answers.length;
    await syncLibrary({ db, settings });
    expect(await ids(db)).toEqual(['satu', 'tiga']);
    // Only the snapshot's one address (no `?since=`): a static host's ETag then answers 304.
    expect(host.answers.slice(mark).map((a) => a.path)).toEqual(['/v1/feed']);

    // An install from before v1.2 holds a cursor: the snapshot it gets for it is fetched again without.
    const { fullSnapshots: _, ...state } = await readSyncState(db);
    const { setMeta } = await import('../../utils/storage/db');
    await setMeta(db, 'sync', { ...state, etag: undefined });
    publish(['empat'], 3);
    const again = host.answers.length;
    await syncLibrary({ db, settings });
    expect(await ids(db)).toEqual(['empat']);
    expect(host.answers.length - again).toBe(2);
    expect((await readSyncState(db)).fullSnapshots).toBe(true);
  });
});
