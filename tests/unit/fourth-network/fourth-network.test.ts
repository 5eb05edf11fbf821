// @vitest-environment happy-dom
// A fourth network added with nothing but these files (profile, adapter, fixture): it composes
// captions, checks lengths, is found by URL, takes text and an image, logs, exports and imports.
// Registered the way a built-in network is: its adapter as `mastodon.ts` beside the site registry's
// own source, whose glob picks it up (site-folder.ts), and its profile through `registerNetwork`,
// the call every entry of BUILT_IN_NETWORKS goes through.
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { checkLength } from '../../../utils/background/platform-limits';
import { appendLogEntry, verifyChain } from '../../../utils/background/posting-log';
import * as builtIn from '../../../utils/content/sites';
import { csvFile, exportJson } from '../../../utils/pages/log-export';
import { importJson } from '../../../utils/pages/log-import';
import { CSV_FIELDS } from '../../../utils/shared/log-csv';
import { composeCaption } from '../../../utils/shared/compose';
import { BUILT_IN_NETWORKS, networkName, registerNetwork } from '../../../utils/shared/networks';
import { ContentItemSchema } from '../../../utils/shared/schema';
import { isPostEntry, openDb, type StoredLogEntry } from '../../../utils/storage/db';
import { sampleItem } from '../../support/sample-items';
import { mountFixture } from './fixture';
import { adapter } from './mastodon';
import { profile } from './profile';
import { sitesFolderWith } from './site-folder';

registerNetwork(profile);
const folder = sitesFolderWith('mastodon', join(dirname(fileURLToPath(import.meta.url)), 'mastodon.ts'));
const sites: typeof builtIn = await import(/* @vite-ignore */ join(folder, 'index.ts'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const slots = { agency: 'Diskominfo Kota Malang', region: 'Kota Malang' };
const item = ContentItemSchema.parse(sampleItem('fediverse-uji', { captions: { default: 'Umum untuk {daerah}', mastodon: 'Khusus Mastodon untuk {daerah}' }, hashtags: ['KotaMalang'] }));

describe('a fourth network from its profile, adapter and fixture alone', () => {
  it('composes its own caption variant, with the link (its links are clickable), and checks its limits', () => {
    const text = composeCaption(item, 'mastodon', slots);
    expect(text).toBe('Khusus Mastodon untuk Kota Malang\n\n#KotaMalang\nhttps://www.kemkes.go.id/');
    expect(checkLength(text, 'mastodon')).toMatchObject({ limit: 500, ok: true });
    const long = checkLength('a'.repeat(501), 'mastodon');
    expect(long.ok).toBe(false);
    expect(long.warning).toContain('Mastodon');
    expect(checkLength(Array.from({ length: 11 }, (_, i) => `#t${i}`).join(' '), 'mastodon').ok).toBe(false);
    expect(networkName('mastodon')).toBe('Mastodon');
  });

  it('is picked up from its file by the registry that picks up X, Facebook and Instagram', () => {
    expect(sites.SITE_ADAPTERS).toHaveLength(builtIn.SITE_ADAPTERS.length + 1);
    expect(sites.SITE_ADAPTERS).toEqual(expect.arrayContaining([...builtIn.SITE_ADAPTERS, adapter]));
    // The content script's match patterns (the manifest's) come from the same registry.
    expect(sites.contentScriptMatches()).toEqual(expect.arrayContaining([...builtIn.contentScriptMatches(), 'https://mastodon.social/*']));
    // Every built-in network has an adapter (Meta Business Suite's is a second one posting as Facebook).
    expect([...new Set(builtIn.SITE_ADAPTERS.map((a) => a.platform))].sort()).toEqual(BUILT_IN_NETWORKS.map((n) => n.id).sort());
  });

  it('is found by its URL, and its adapter puts text and an image into the site\'s own model', async () => {
    expect(sites.adapterForUrl('https://mastodon.social/home')).toBe(adapter);
    expect(builtIn.adapterForUrl('https://mastodon.social/home')).toBeUndefined();
    const site = mountFixture(document);
    const composer = adapter.composerFor(document.querySelector(adapter.editorSelector)!)!;
    const file = new File([new Uint8Array([137, 80, 78, 71])], 'fediverse-uji-1.png', { type: 'image/png' });
    expect(await adapter.attachFile(composer, file)).toBe(true);
    const text = composeCaption(item, 'mastodon', slots);
    expect(await adapter.insertText(composer, text)).toBe(true);
    expect(site.text()).toBe(text);
    expect(site.files().map((f) => f.name)).toEqual(['fediverse-uji-1.png']);
    expect(adapter.readAccount(composer)).toBe('@humas_malang@mastodon.social');
  });

  it('logs its posts, exports them as CSV and JSON, and another browser imports them', async () => {
    const db = openDb('fourth-network-a');
    await appendLogEntry(db, { platform: 'mastodon', itemId: item.id, itemVersion: 1, program: item.program, mediaIds: [], text: 'x', edited: false, account: '@humas', pageUrl: 'https://mastodon.social/home', officerName: 'Sari', agency: 'Diskominfo' });
    const csv = Papa.parse<string[]>((await (await csvFile(db, {})).blob.text()).slice(1).trim(), { newline: '\r\n' }).data;
    expect(csv[1]?.[CSV_FIELDS.indexOf('platform')]).toBe('mastodon');

    const other = openDb('fourth-network-b');
    const report = await importJson(other, JSON.stringify(await exportJson(db)));
    expect(report.added).toBe(1);
    const imported = (await other.log.toArray()) as StoredLogEntry[];
    expect(imported.map((e) => e.platform)).toEqual(['mastodon']);
    expect(await verifyChain(imported)).toEqual({ ok: true, checked: 1 });
  });
});
