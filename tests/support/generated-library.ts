// A generated library shaped like the sample one, for tests and benchmarks of the static layout at
// thousands of items: deterministic text and incompressible thumbnails of the publisher's usual size.
import { createHash } from 'node:crypto';
import type { ContentItem } from '../../utils/shared/schema';

const WORDS = 'bantuan sosial kesehatan gratis puskesmas warga daerah pendidikan sekolah beasiswa petani pupuk harga beras bencana banjir siaga hoaks cek resmi layanan publik program pemerintah desa kota anak gizi'.split(' ');
// The shared start of the publisher's JPEG thumbnails (quantisation tables); the rest is as incompressible as JPEG data.
const JPEG_HEAD = '/9j/2wBDAA0NDQ0ODQ4QEA4UFhMWFB4bGRkbHi0gIiAiIC1EKjIqKjIqRDxJOzc7STxsVUtLVWx9aWNpfZeHh5e+tb75+f//2wBDAQ0NDQ0ODQ4QEA4UFhMWFB4bGRkbHi0gIiAiIC1EKjIqKjIqRDxJOzc7STxsVUtLVWx9aWNpfZeHh5e+tb75+f//wgARCABIADoDASIAAhEBAxEB/8QA';

/** Deterministic bytes from a seed (a sha256 chain). */
function seeded(seed: string, bytes: number): Buffer {
  const parts: Buffer[] = [];
  for (let i = 0; parts.length * 32 < bytes; i++) parts.push(createHash('sha256').update(`${seed}:${i}`).digest());
  return Buffer.concat(parts).subarray(0, bytes);
}
const phrase = (seed: string, count: number) => [...seeded(seed, count)].map((b) => WORDS[b % WORDS.length]).join(' ');

/** Items shaped like the sample library's (one image each, ~2.2 KB with its thumbnail), one every 37 minutes back from `newest`. */
export function generatedItems(count: number, { urgentEvery = 0, newest = new Date('2026-11-23T00:00:00Z') } = {}): ContentItem[] {
  return Array.from({ length: count }, (_, i) => {
    const id = `konten-${String(i).padStart(5, '0')}`;
    const title = phrase(`${id}-judul`, 7);
    const sha = seeded(`${id}-siap`, 32).toString('hex');
    const originalSha = seeded(`${id}-asli`, 32).toString('hex');
    return {
      id, version: 1, title, program: 'Kesehatan', tags: phrase(`${id}-tag`, 3).split(' '), kind: 'infografis',
      priority: urgentEvery && i % urgentEvery === 0 ? 'urgent' : 'normal',
      publishedAt: new Date(newest.getTime() - i * 37 * 60_000).toISOString(),
      captions: { default: `${phrase(`${id}-keterangan`, 28)} {daerah}.` },
      hashtags: ['IndonesiaSehat'], link: 'https://www.kemkes.go.id/',
      media: [{
        id: `${id}-1`, url: `media/${sha}.jpg`, mime: 'image/jpeg', sha256: sha, bytes: 80_000 + i, width: 1080, height: 1350, alt: `Infografis: ${title}`,
        thumbnail: `data:image/jpeg;base64,${JPEG_HEAD}${seeded(`${id}-thumb`, 660).toString('base64')}`,
        original: { url: `media/${originalSha}.png`, mime: 'image/png', sha256: originalSha, bytes: 390_000 + i, width: 1080, height: 1350 },
      }],
    };
  });
}
