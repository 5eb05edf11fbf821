// Realistic-looking library items in bulk, for sync and search benchmarks.
import type { ContentItem } from '../../utils/shared/schema';

const PROGRAMS = ['Kesehatan', 'Pendidikan', 'Pertanian', 'Infrastruktur', 'Klarifikasi Hoaks', 'Bencana', 'Ekonomi', 'Sosial'];
const WORDS = ['layanan', 'warga', 'pendaftaran', 'bantuan', 'sekolah', 'puskesmas', 'petani', 'jalan', 'bendungan', 'banjir', 'hoaks', 'vaksin', 'beasiswa', 'pupuk', 'rumah', 'desa', 'digital', 'pangan', 'harga', 'imunisasi', 'gizi', 'guru', 'siswa', 'pasar', 'usaha', 'kredit', 'bencana', 'evakuasi', 'internet', 'air'];

function words(seed: number, count: number): string {
  return Array.from({ length: count }, (_, i) => WORDS[(seed * 7 + i * 13) % WORDS.length]).join(' ');
}

export function makeItems(count: number, version = 1, offset = 0): ContentItem[] {
  return Array.from({ length: count }, (_, k) => {
    const i = k + offset;
    return {
      id: `bench-${i}`,
      version,
      title: `Informasi ${words(i, 4)} nomor ${i}`,
      program: PROGRAMS[i % PROGRAMS.length]!,
      tags: [WORDS[i % WORDS.length]!, WORDS[(i + 3) % WORDS.length]!],
      kind: (['infografis', 'berita', 'klarifikasi'] as const)[i % 3]!,
      priority: i % 500 === 0 ? 'urgent' : 'normal',
      publishedAt: new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString(),
      captions: { default: `${words(i, 25)} untuk warga {daerah} dari {instansi}.`, x: `${words(i, 12)} di {daerah}.` },
      hashtags: ['IndonesiaMaju', `Program${i % 50}`],
      link: `https://www.example.go.id/konten/${i}`,
      media: [],
    };
  });
}
