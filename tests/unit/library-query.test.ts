// The sidebar query over the background's cache (sorted, indexed, stopping at the page size) must
// return exactly what a plain scan of the whole library returns, for common and rare words alike.
import { describe, expect, it } from 'vitest';
import { makeItems } from '../support/generate-items';
import { searchIds } from '@/utils/background/library';
import { compareForSidebar, indexItem, queryLibrary, type IndexedItem } from '@/utils/background/library-query';
import type { LibraryQuery } from '@/utils/shared/messages';
import { PrefixIndex } from '@/utils/background/search-index';
import { compileQuery, normalizeForSearch } from '@/utils/background/search-text';

const NOW = new Date('2026-12-01T00:00:00Z');
const slots = { agency: 'Diskominfo', region: 'Kota Malang' };
const rare = makeItems(3, 1, 90_000).map((item, i) => ({ ...item, priority: 'normal' as const, publishedAt: `2020-01-0${i + 1}T00:00:00Z`, title: `Zebrakuda langka ${i}` }));
const expired = { ...makeItems(1, 1, 95_000)[0]!, title: 'Zebrakuda kedaluwarsa', expiresAt: '2026-11-01T00:00:00Z' };
const items: IndexedItem[] = [...makeItems(4000), ...rare, expired].map((item) => indexItem({ ...item, mediaShas: [], publishedMs: Date.parse(item.publishedAt), storedAt: '' })).sort(compareForSidebar);
const index = new PrefixIndex();
for (const item of items) index.add(item.id, (item.searchText ?? '').split(' '));
const byId = new Map(items.map((i) => [i.id, i]));

const ids = (query: LibraryQuery, cached: boolean) =>
  queryLibrary(cached ? items : [...items].reverse(), query, slots, NOW, cached ? { textMatches: (t) => searchIds(index, t), sorted: { byId } } : {}).map((c) => c.id);

describe('sidebar query on the cache', () => {
  it.each([
    ['a common word', { text: 'banjir', platform: 'x', limit: 40 }],
    ['two common words', { text: 'pendaftaran sekolah', platform: 'facebook', limit: 40 }],
    ['a rare word only old items have', { text: 'zebrakuda', platform: 'x', limit: 40 }],
    ['a word form (stemmed)', { text: 'mendaftar', platform: 'x', limit: 10 }],
    ['filters without text', { program: 'Bencana', kind: 'berita', platform: 'instagram', limit: 25 }],
    ['nothing matching', { text: 'zzz tidak ada', platform: 'x' }],
  ] as [string, LibraryQuery][])('%s: same cards in the same order as a full scan', (_, query) => {
    expect(ids(query, true)).toEqual(ids(query, false));
  });

  it('finds rare items beyond the first scanned stretch, never the expired one', () => {
    expect(ids({ text: 'zebrakuda', platform: 'x' }, true)).toEqual(rare.map((r) => r.id).reverse());
  });
});

describe('prefix index after removals', () => {
  it('an item removed or replaced is found only as it is now, also after the postings are rebuilt', () => {
    const small = new PrefixIndex();
    small.add('a', ['banjir', 'jakarta']);
    small.add('b', ['banjir', 'bandung']);
    small.add('c', ['gempa']);
    small.remove('a');
    expect([...small.search(compileQuery('banjir'))]).toEqual(['b']);
    small.add('b', ['gempa', 'cianjur']); // replaced: no longer about floods
    expect([...small.search(compileQuery('banjir'))]).toEqual([]);
    small.remove('c'); // dead slots now outnumber live ones: rebuilt
    expect([...small.search(compileQuery('gem'))]).toEqual(['b']);
    small.add('a', ['banjir']);
    expect([...small.search(compileQuery('ban'))]).toEqual(['a']);
    expect([...small.search(compileQuery('jakarta'))]).toEqual([]);
  });
});

describe('search normalisation', () => {
  it('ASCII text (the fast path) normalises exactly as through the Unicode path', () => {
    const samples = ['Pendaftaran SEKOLAH 2027: buka!', 'KUR-UMKM_bunga  rendah... #IndonesiaMaju', ' a\tb\nc ', '', 'x@y.go.id/100%'];
    for (const text of samples) expect(`${normalizeForSearch(text)} e`.trim()).toBe(normalizeForSearch(`${text} é`));
    expect(normalizeForSearch('Imunisasi Anak-anak, GRATIS')).toBe('imunisasi anak anak gratis');
  });
});
