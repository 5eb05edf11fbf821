// Valid feed items for unit tests and benchmarks.
import type { ContentItem } from '../../utils/shared/schema';

export function sampleItem(id: string, overrides: Partial<ContentItem> = {}): ContentItem {
  return {
    id,
    version: 1,
    title: `Judul ${id}`,
    program: 'Kesehatan',
    tags: ['uji'],
    kind: 'infografis',
    priority: 'normal',
    publishedAt: '2026-11-20T08:00:00+07:00',
    captions: { default: `Keterangan ${id} untuk {daerah}` },
    hashtags: ['IndonesiaSehat'],
    link: 'https://www.kemkes.go.id/',
    media: [],
    ...overrides,
  };
}
