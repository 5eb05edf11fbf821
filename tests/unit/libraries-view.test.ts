// Several libraries as the officer sees them through the background: cards from both with their
// source label, a filter by source, a status naming the library that failed, and log entries and
// the urgent to-do that tell the libraries' items apart.
import { generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackgroundService } from '../../utils/background/background-service';
import { openDb, type StoredLogEntry } from '../../utils/storage/db';
import { mergeSettings } from '../../utils/shared/settings';
import { startLibraryServer, type LibraryServer } from '../../library/server';
import { rawPublicKeyBase64 } from '../../library/keys';
import type { LibraryView, Message, TodoItem } from '../../utils/shared/messages';
import { memoryStore } from '../support/background-harness';
import { entryShapeProblem } from '../../hub/report-rules';
import { withdrawnFollowUp } from '../../utils/pages/log-query';
import { takedownRequests } from '../../utils/background/takedown';
import type { UrgentAlert } from '../../utils/background/urgent-alerts';
import { sampleItem } from '../support/sample-items';
import { storedItems } from '../support/stored-items';

const servers: LibraryServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const tab = { id: 'ext', tabId: 7, fromExtensionPage: false };
const page = { id: 'ext', fromExtensionPage: true };
/** Policy gives the national library no label: its feed's publisher names it. */
const NATIONAL = 'Kementerian Komunikasi dan Digital';
const urgent = { priority: 'urgent' as const, kind: 'klarifikasi' as const };

async function service(name: string, now = new Date('2026-11-21T00:00:00Z')) {
  const nationalKey = generateKeyPairSync('ed25519').privateKey;
  const provinceKey = generateKeyPairSync('ed25519').privateKey;
  const national = await startLibraryServer({ items: [sampleItem('sama', { title: 'Hoaks nasional', ...urgent }), sampleItem('hanya-nasional')], signingKey: nationalKey });
  const province = await startLibraryServer({ items: [sampleItem('sama', { title: 'Hoaks Jawa Timur', ...urgent }), sampleItem('hanya-jatim')], signingKey: provinceKey });
  servers.push(national, province);
  const settings = mergeSettings(
    {
      officerName: 'Sari',
      libraries: [
        { id: 'nasional', url: national.url, publicKey: rawPublicKeyBase64(nationalKey) },
        { id: 'jatim', label: 'Prov. Jawa Timur', url: province.url, publicKey: rawPublicKeyBase64(provinceKey) },
      ],
    },
    {},
  );
  const db = openDb(name);
  const alerts: UrgentAlert[] = [];
  const bg = createBackgroundService({ db, extensionId: 'ext', getSettings: async () => settings, session: memoryStore(), now: () => now, alertUrgent: async (alert) => void alerts.push(alert) });
  await bg.requestSync();
  const query = async (source?: string) => (await bg.handle({ type: 'library.query', query: { platform: 'x', source } } as Message, tab)) as LibraryView;
  return { db, bg, national, province, query, alerts };
}

describe('several libraries in the sidebar', () => {
  it('shows both libraries with their source labels, and filters by source', async () => {
    const { query } = await service('libraries-view-1');
    const view = await query();
    expect(view.cards.map((c) => [c.title, c.source?.label]).sort()).toEqual([
      ['Hoaks Jawa Timur', 'Prov. Jawa Timur'],
      ['Hoaks nasional', NATIONAL],
      ['Judul hanya-jatim', 'Prov. Jawa Timur'],
      ['Judul hanya-nasional', NATIONAL],
    ]);
    expect(view.sources).toEqual([{ id: 'nasional', label: NATIONAL }, { id: 'jatim', label: 'Prov. Jawa Timur' }]);
    expect((await query('jatim')).cards.map((c) => c.title).sort()).toEqual(['Hoaks Jawa Timur', 'Judul hanya-jatim']);
    expect((await query('nasional')).cards.map((c) => c.title).sort()).toEqual(['Hoaks nasional', 'Judul hanya-nasional']);
    expect(view.status).toMatch(/^4 konten · sinkron terakhir/);
  });

  it('a library that fails is named in the status; the other keeps syncing and both stay shown', async () => {
    const { bg, province, national, query } = await service('libraries-view-2');
    province.upsert(sampleItem('baru-jatim'));
    province.setFault('badSignature');
    national.upsert(sampleItem('baru-nasional'));
    await bg.requestSync();
    const view = await query();
    expect(view.status).toMatch(/^Pustaka Prov\. Jawa Timur gagal: Tanda tangan tidak valid.*5 konten/);
    expect(view.cards.map((c) => c.title)).toContain('Judul baru-nasional');
    expect(view.cards.map((c) => c.title)).toContain('Hoaks Jawa Timur');
    expect(view.cards.map((c) => c.title)).not.toContain('Judul baru-jatim');
  });

  it("a post is logged with its library's id and the item's own id; the to-do ticks only that library's item", async () => {
    const { db, bg, query } = await service('libraries-view-3');
    const card = (await query('jatim')).cards.find((c) => c.title === 'Hoaks Jawa Timur')!;
    const prepared = (await bg.handle({ type: 'insert.prepare', itemId: card.id, platform: 'x' } as Message, tab)) as { token: string; text: string };
    await bg.handle({ type: 'log.post', token: prepared.token, text: prepared.text, account: '', pageUrl: 'https://x.com/compose/post' } as Message, tab);
    await bg.handle({ type: 'log.update', token: prepared.token, status: 'confirmed' } as Message, tab);
    const [entry] = (await db.log.toArray()) as StoredLogEntry[];
    expect([entry?.itemId, entry?.libraryId]).toEqual(['sama', 'jatim']);
    // The hub takes it as sent (libraryId is signed with the rest), and refuses a malformed library id.
    const { seq: _seq, chain: _chain, latest: _latest, ...sent } = entry as StoredLogEntry & { latest?: unknown };
    expect(entryShapeProblem(sent)).toBeUndefined();
    expect(entryShapeProblem({ ...sent, libraryId: 'Jawa Timur!' })).toBe('format');
    // Posted on X (the one network in use): the province's item is done, the national one with the same id is not.
    const todo = (await bg.handle({ type: 'todo.list' } as Message, page)) as TodoItem[];
    expect(todo.map((t) => [t.title, t.marks.map((m) => [m.platform, m.posted])])).toEqual([['Hoaks nasional', [['x', false]]]]);
  });

  it("alerts each library's new urgent items once (each library's first sync quietly), naming the library", async () => {
    const { bg, national, province, alerts } = await service('libraries-view-7');
    expect(alerts).toEqual([]);
    province.upsert(sampleItem('darurat-jatim', { title: 'Banjir Jawa Timur', ...urgent }));
    national.upsert(sampleItem('darurat-jatim', { title: 'Hoaks nasional baru', ...urgent }));
    await bg.requestSync();
    expect(alerts.map((a) => [a.itemId, a.title, a.source]).sort()).toEqual([
      ['darurat-jatim', 'Hoaks nasional baru', NATIONAL],
      ['jatim:darurat-jatim', 'Banjir Jawa Timur', 'Prov. Jawa Timur'],
    ]);
  });

  it('says which library is stale', async () => {
    const { query } = await service('libraries-view-6', new Date(Date.now() + 30 * 86_400_000));
    expect((await query()).status).toMatch(/^Pustaka Prov\. Jawa Timur belum diperbarui sejak .*Pustaka belum diperbarui sejak .*4 konten/);
  });

  it("a withdrawal follows up (and asks to take down) the posts of that library's item only", async () => {
    const { db, bg, query, national, province } = await service('libraries-view-5');
    const card = (await query('jatim')).cards.find((c) => c.title === 'Hoaks Jawa Timur')!;
    const prepared = (await bg.handle({ type: 'insert.prepare', itemId: card.id, platform: 'x' } as Message, tab)) as { token: string; text: string };
    await bg.handle({ type: 'log.post', token: prepared.token, text: prepared.text, account: '', pageUrl: 'https://x.com/compose/post' } as Message, tab);
    // The national library withdraws its own "sama": the province's post is not a post of it.
    national.withdraw('sama');
    await bg.requestSync();
    expect(await withdrawnFollowUp(db)).toEqual([]);
    expect(await takedownRequests(db)).toEqual([]);
    province.withdraw('sama');
    await bg.requestSync();
    expect((await withdrawnFollowUp(db)).map((p) => [p.itemId, p.libraryId, p.title])).toEqual([['sama', 'jatim', 'Hoaks Jawa Timur']]);
    expect((await takedownRequests(db)).map((r) => [r.itemId, r.title, r.cause])).toEqual([['sama', 'Hoaks Jawa Timur', 'withdrawn']]);
  });

  it("a library no longer followed takes its items with it", async () => {
    const { db, bg, national } = await service('libraries-view-4');
    expect(await storedItems(db)).toHaveLength(4);
    const single = mergeSettings({ libraryUrl: national.url }, {});
    const again = createBackgroundService({ db, extensionId: 'ext', getSettings: async () => ({ ...single, publicKey: undefined }), session: memoryStore(), now: () => new Date('2026-11-21T00:00:00Z') });
    void bg;
    await again.requestSync().catch(() => undefined);
    expect((await storedItems(db)).map((i) => i.id).sort()).toEqual(['hanya-nasional', 'sama']);
  });
});
