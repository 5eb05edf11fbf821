// Several libraries (national, a province's): each synced with its own key and state; one failing
// leaves the others syncing and shown; the same item id in two libraries stays two items.
import { generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb } from '../../utils/storage/db';
import { mergeSettings } from '../../utils/shared/settings';
import { librariesOf, splitStoredId } from '../../utils/shared/libraries';
import { readSyncState, syncLibrary } from '../../utils/background/sync';
import { startLibraryServer, type LibraryServer } from '../../library/server';
import { rawPublicKeyBase64 } from '../../library/keys';
import { sampleItem } from '../support/sample-items';
import { storedItem, storedItems } from '../support/stored-items';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeStaticLayout } from '../../library/static-layout';
import { readHistory } from '../../library/static-history';
import { startStaticHost } from '../support/static-host';

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function twoLibraries() {
  const nationalKey = generateKeyPairSync('ed25519').privateKey;
  const provinceKey = generateKeyPairSync('ed25519').privateKey;
  const national = await startLibraryServer({ items: [sampleItem('sama', { title: 'Versi nasional' }), sampleItem('hanya-nasional')], signingKey: nationalKey });
  const province = await startLibraryServer({ items: [sampleItem('sama', { title: 'Versi Jawa Timur' }), sampleItem('hanya-jatim')], signingKey: provinceKey, publisher: 'Diskominfo Jawa Timur' });
  servers.push(national, province);
  const settings = mergeSettings(
    {
      libraries: [
        { id: 'nasional', label: 'Nasional', url: national.url, publicKey: rawPublicKeyBase64(nationalKey) },
        { id: 'jatim', label: 'Prov. Jawa Timur', url: province.url, publicKey: rawPublicKeyBase64(provinceKey) },
      ],
    },
    {},
  );
  const [first, second] = librariesOf(settings);
  return { national, province, settings, first: first!, second: second! };
}

describe('several libraries', () => {
  it('syncs each with its own key; an id present in both stays two items, each with its library', async () => {
    const { settings, first, second, province } = await twoLibraries();
    const db = openDb('libraries-1');
    await syncLibrary({ db, settings, library: first });
    await syncLibrary({ db, settings, library: second });
    const items = await storedItems(db);
    expect(items.map((i) => i.id).sort()).toEqual(['hanya-nasional', 'jatim:hanya-jatim', 'jatim:sama', 'sama']);
    expect((await storedItem(db, 'sama'))?.title).toBe('Versi nasional');
    expect((await storedItem(db, 'jatim:sama'))?.title).toBe('Versi Jawa Timur');
    expect(splitStoredId('jatim:sama')).toEqual({ libraryId: 'jatim', itemId: 'sama' });
    // Each library keeps its own state: its publisher names it when policy gives no label.
    expect((await readSyncState(db, second)).publisher).toBe('Diskominfo Jawa Timur');
    expect((await readSyncState(db, first)).publisher).toBe('Kementerian Komunikasi dan Digital');

    // The province withdraws its "sama": only its copy goes.
    province.withdraw('sama');
    await syncLibrary({ db, settings, library: second });
    expect((await storedItems(db)).map((i) => i.id).sort()).toEqual(['hanya-nasional', 'jatim:hanya-jatim', 'sama']);
    expect(await db.withdrawn.get('jatim:sama')).toBeDefined();
    expect(await db.withdrawn.get('sama')).toBeUndefined();
  });

  it('a library whose signature fails keeps its items and says so; the other goes on syncing', async () => {
    const { settings, first, second, national, province } = await twoLibraries();
    const db = openDb('libraries-2');
    await syncLibrary({ db, settings, library: first });
    await syncLibrary({ db, settings, library: second });
    province.upsert(sampleItem('baru-jatim')); // a change its forged answer would bring
    province.setFault('badSignature');
    national.upsert(sampleItem('baru-nasional'));
    await expect(syncLibrary({ db, settings, library: second })).rejects.toThrow('signature');
    await syncLibrary({ db, settings, library: first });
    expect((await readSyncState(db, second)).lastError?.code).toBe('signature');
    expect((await readSyncState(db, first)).lastError).toBeUndefined();
    expect((await storedItems(db)).map((i) => i.id).sort()).toEqual(['baru-nasional', 'hanya-nasional', 'jatim:hanya-jatim', 'jatim:sama', 'sama']);
  });

  it("a library's new address replaces only that library's items", async () => {
    const { settings, first, second } = await twoLibraries();
    const db = openDb('libraries-3');
    await syncLibrary({ db, settings, library: first });
    await syncLibrary({ db, settings, library: second });
    const otherKey = generateKeyPairSync('ed25519').privateKey;
    const moved = await startLibraryServer({ items: [sampleItem('pindah')], signingKey: otherKey });
    servers.push(moved);
    await syncLibrary({ db, settings, library: { ...second, url: moved.url, publicKey: rawPublicKeyBase64(otherKey) } });
    expect((await storedItems(db)).map((i) => i.id).sort()).toEqual(['hanya-nasional', 'jatim:pindah', 'sama']);
  });

  it("a static library's snapshot removes by absence only its own items, and records no other library's as withdrawn", async () => {
    const { settings, second } = await twoLibraries();
    const nationalKey = generateKeyPairSync('ed25519').privateKey;
    const out = mkdtempSync(join(tmpdir(), 'hk-libraries-static-'));
    const now = new Date();
    writeStaticLayout(out, { items: [sampleItem('sama'), sampleItem('hanya-nasional')], tombstones: [], reasons: new Map(), publisher: 'Uji', publication: { sequence: 1, issuedAt: now.toISOString() }, history: readHistory(out), signingKey: nationalKey, now });
    const host = await startStaticHost(out);
    servers.push(host);
    const national = { id: 'nasional', url: host.url, publicKey: rawPublicKeyBase64(nationalKey), primary: true };
    const db = openDb('libraries-4');
    await syncLibrary({ db, settings, library: second });
    // The national library's first snapshot lists only its own items: the province's stay, unwithdrawn.
    await syncLibrary({ db, settings: { ...settings, libraryUrl: host.url, publicKey: national.publicKey }, library: national });
    expect((await readSyncState(db, national)).layout).toBe('static');
    expect((await storedItems(db)).map((i) => i.id).sort()).toEqual(['hanya-nasional', 'jatim:hanya-jatim', 'jatim:sama', 'sama']);
    expect(await db.withdrawn.count()).toBe(0);
  });
});

describe('libraries in settings', () => {
  it('keeps single-library settings working as the primary library', () => {
    const settings = mergeSettings({ libraryUrl: 'http://127.0.0.1:9000/', publicKey: 'K' }, {});
    expect(librariesOf(settings)).toEqual([{ id: 'nasional', url: 'http://127.0.0.1:9000', publicKey: 'K', primary: true }]);
  });

  it('takes the first listed library as primary; with a built-in key only policy may list libraries', () => {
    const listed = [
      { id: 'nasional', url: 'https://pustaka.example.go.id/', publicKey: 'A' },
      { id: 'jatim', label: 'Prov. Jawa Timur', url: 'https://pustaka.jatimprov.go.id', publicKey: 'B' },
    ];
    const dev = mergeSettings({ libraries: listed }, {}, 'http://127.0.0.1:8787', '');
    expect(dev.libraryUrl).toBe('https://pustaka.example.go.id');
    expect(librariesOf(dev).map((l) => [l.id, l.url, l.publicKey, l.primary])).toEqual([
      ['nasional', 'https://pustaka.example.go.id', 'A', true],
      ['jatim', 'https://pustaka.jatimprov.go.id', 'B', false],
    ]);
    const built = 'X'.repeat(43) + '=';
    expect(librariesOf(mergeSettings({ libraries: listed }, {}, 'https://pusat.go.id', built)).map((l) => l.id)).toEqual(['nasional']);
    const byPolicy = librariesOf(mergeSettings({}, { libraries: listed }, 'https://pusat.go.id', built));
    expect(byPolicy.map((l) => [l.id, l.publicKey])).toEqual([['nasional', built], ['jatim', 'B']]);
    // Two libraries with one id: the list is refused (and said so), the single library stays.
    const twice = mergeSettings({ libraries: [listed[0], listed[0]] }, {}, 'http://127.0.0.1:8787', '');
    expect(twice.rejected).toContain('libraries');
    expect(librariesOf(twice)).toHaveLength(1);
  });
});
