// Caption variants per officer, the first line and the posting window (utils/shared/variants.ts), and
// what one click inserts with them (utils/background/insert-text.ts).
import { describe, expect, it } from 'vitest';
import { composeForCard, indexItem } from '../../utils/background/library-query';
import { insertText, refuseOverLimit } from '../../utils/background/insert-text';
import type { Library } from '../../utils/background/library';
import { ContentItemSchema, type ContentItem } from '../../utils/shared/schema';
import { assignVariant, captionChoices, officerKey, postingWindow, withFirstLine, withVariant, WINDOW_SLOTS } from '../../utils/shared/variants';
import type { Settings } from '../../utils/shared/settings';
import type { StoredItem } from '../../utils/storage/db';

const item: ContentItem = ContentItemSchema.parse({
  id: 'ckg-2026',
  version: 1,
  title: 'Cek Kesehatan Gratis',
  program: 'Kesehatan',
  tags: [],
  kind: 'berita',
  publishedAt: '2026-12-07T10:07:00+07:00',
  captions: { default: 'Cek kesehatan gratis di puskesmas.', x: 'CKG gratis di puskesmas terdekat.' },
  captionVariants: { x: ['Sudah cek kesehatan gratis? Datang ke puskesmas.', 'Puskesmas terdekat melayani CKG tanpa biaya.'] },
  officialPosts: { x: 'https://x.com/kemkomdigi/status/1865000000000000000' },
  hashtags: ['CekKesehatanGratis'],
  media: [],
});
const indexed = indexItem(item as unknown as StoredItem);
const settings = { officerName: 'Sari', agency: 'Diskominfo Malang', region: 'Kota Malang' } as Settings;
const library = { composed: (i: ContentItem, platform: string, slots: Settings, officer: string) => composeForCard(i, platform, slots, officer) } as unknown as Library;

describe('caption variants', () => {
  it('variant 0 is the network caption older clients insert; the extra ones follow', () => {
    expect(captionChoices(item, 'x')).toEqual([item.captions.x, ...item.captionVariants!.x!]);
    expect(captionChoices(item, 'facebook')).toEqual([item.captions.default]);
    expect(withVariant(item, 'facebook', 'a').variant).toBeUndefined();
  });

  it('is the same for the same officer and item, whatever the order of asking', () => {
    const officer = officerKey({ officerName: ' Sari Dewi ', agency: 'Diskominfo' }, 'install-1');
    expect(officerKey({ officerName: 'sari dewi', agency: 'DISKOMINFO' }, 'install-2')).toBe(officer);
    const first = assignVariant(officer, 'ckg-2026', 3);
    for (let i = 0; i < 5; i++) expect(assignVariant(officer, 'ckg-2026', 3)).toBe(first);
    expect(withVariant(item, 'x', officer).item.captions.x).toBe(captionChoices(item, 'x')[first]);
    // Without a name, the install decides.
    expect(officerKey({ officerName: '' }, 'install-1')).not.toBe(officerKey({ officerName: '' }, 'install-2'));
  });

  it('hashes the library\'s own id for the item, not the id another library\'s item is stored under', () => {
    const stored = { ...item, id: `jatim:${item.id}` };
    for (const officer of ['a', 'b', 'c', 'd', 'e', 'f']) {
      expect(withVariant(stored, 'x', officer).variant).toBe(assignVariant(officer, item.id, 3));
      expect(postingWindow(officer, stored)).toEqual(postingWindow(officer, item));
    }
  });

  it('spreads officers across the variants of one item', () => {
    for (const count of [2, 3, 5]) {
      const tally = new Array<number>(count).fill(0);
      for (let i = 0; i < 3000; i++) tally[assignVariant(officerKey({ officerName: `Petugas ${i}`, agency: 'Diskominfo' }, ''), 'ckg-2026', count)]!++;
      for (const n of tally) expect(n / 3000).toBeGreaterThan(0.8 / count), expect(n / 3000).toBeLessThan(1.2 / count);
    }
    // One officer does not get the same index for every item either.
    const officer = officerKey({ officerName: 'Sari', agency: 'A' }, '');
    expect(new Set(Array.from({ length: 30 }, (_, i) => assignVariant(officer, `item-${i}`, 3))).size).toBe(3);
  });
});

describe('first line and quote', () => {
  it('puts the officer’s line and a blank line before the official text', () => {
    expect(withFirstLine('  Warga Malang, ayo!  ', 'Teks resmi')).toBe('Warga Malang, ayo!\n\nTeks resmi');
    expect(withFirstLine('   ', 'Teks resmi')).toBe('Teks resmi');
    const officer = officerKey(settings, '');
    const chosen = insertText(library, indexed, 'x', settings, officer, { firstLine: 'Ayo cek!' });
    expect(chosen.text).toBe(`Ayo cek!\n\n${composeForCard(item, 'x', settings, officer).text}`);
    expect(chosen.variant).toBe(withVariant(item, 'x', officer).variant);
  });

  it('counts the line within the network’s limit and refuses a line that pushes a fitting text over it', () => {
    const officer = officerKey(settings, '');
    const plain = insertText(library, indexed, 'x', settings, officer, {});
    const room = 280 - plain.check.count - 2;
    const fits = insertText(library, indexed, 'x', settings, officer, { firstLine: 'a'.repeat(room) });
    expect(fits.check).toMatchObject({ count: 280, ok: true });
    expect(() => refuseOverLimit(library, indexed, 'x', settings, officer, fits)).not.toThrow();
    const over = insertText(library, indexed, 'x', settings, officer, { firstLine: 'a'.repeat(room + 1) });
    expect(over.check).toMatchObject({ count: 281, ok: false });
    expect(() => refuseOverLimit(library, indexed, 'x', settings, officer, over)).toThrow(/kalimat pembuka/);
  });

  it('quotes the official post with the officer’s line; no official post, no quote', () => {
    const quoted = insertText(library, indexed, 'x', settings, '', { firstLine: 'Simak penjelasan resminya', quote: true });
    expect(quoted).toMatchObject({ text: 'Simak penjelasan resminya\n\nhttps://x.com/kemkomdigi/status/1865000000000000000', quote: true });
    expect(quoted).not.toHaveProperty('variant');
    expect(() => insertText(library, indexed, 'facebook', settings, '', { quote: true })).toThrow(/postingan resmi/);
  });
});

describe('posting window', () => {
  it('is a 20-minute slot of the first three hours, the same for the same officer; urgent items: now', () => {
    const window = postingWindow('sari', item);
    expect(window).toEqual(postingWindow('sari', item));
    if (window.now) throw new Error('not urgent');
    const start = Date.parse(window.start);
    expect(Date.parse(window.end) - start).toBe(20 * 60_000);
    expect(start % (20 * 60_000)).toBe(0);
    expect(start).toBeGreaterThanOrEqual(Date.parse(item.publishedAt));
    expect(start).toBeLessThan(Date.parse(item.publishedAt) + 3 * 3600_000);
    const starts = new Set(Array.from({ length: 200 }, (_, i) => (postingWindow(`petugas ${i}`, item) as { start: string }).start));
    expect(starts.size).toBe(WINDOW_SLOTS);
    expect(postingWindow('sari', { ...item, priority: 'urgent' })).toEqual({ now: true });
  });

  it('older clients read an item with variants and an official post (unknown fields are dropped, the item stays)', () => {
    const older = ContentItemSchema.omit({ captionVariants: true, officialPosts: true });
    expect(older.parse(item)).not.toHaveProperty('captionVariants');
    expect(older.safeParse(item).success).toBe(true);
  });
});
