// A library as a regional office meets it: many items, each with a 1080×1350 infographic as the
// designer exported it (PNG, 400 KB–1 MB). Written as an editors' content folder, so the dev server
// publishes it like the real one (platform-ready JPEG + signed thumbnail per image). Kept in the
// temp folder between runs: drawing a hundred infographics takes half a minute on 2 cores.
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { drawInfographic } from '../../library/infographic';

const RECIPE = 1;
const PROGRAMS = ['Kesehatan', 'Pendidikan', 'Pertanian', 'Infrastruktur', 'Bencana', 'Ekonomi', 'Sosial'];

export const FIELD_URGENT_INDEX = 7;
export const fieldItemId = (i: number) => `info-${String(i).padStart(3, '0')}`;

/** The content folder of `count` items; item FIELD_URGENT_INDEX is an urgent counter-hoax. */
export async function fieldLibrary(count: number): Promise<string> {
  const dir = join(tmpdir(), `humas-kanal-field-${count}-r${RECIPE}`);
  if (existsSync(join(dir, 'complete'))) return dir;
  const building = `${dir}.${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(join(building, 'items'), { recursive: true });
  mkdirSync(join(building, 'media'), { recursive: true });
  for (let i = 0; i < count; i++) {
    const id = fieldItemId(i);
    const urgent = i === FIELD_URGENT_INDEX;
    const program = urgent ? 'Klarifikasi Hoaks' : PROGRAMS[i % PROGRAMS.length]!;
    const title = urgent ? `Hoaks: pesan berantai bansos palsu nomor ${i}` : `Infografis program ${i} untuk warga`;
    const hashtags = ['InfoResmi', `Program${i}`];
    writeFileSync(join(building, 'media', `${id}.png`), await drawInfographic({ title, program, hashtags, seed: 1000 + i, grain: 1 + (i % 8) }));
    const item = {
      id,
      version: 1,
      title,
      program,
      tags: ['lapangan'],
      kind: urgent ? 'klarifikasi' : 'infografis',
      priority: urgent ? 'urgent' : 'normal',
      publishedAt: new Date(Date.UTC(2026, 10, 1) + i * 3_600_000).toISOString(),
      captions: { default: `${title}. Informasi resmi pemerintah untuk warga {daerah}.` },
      hashtags,
      media: [{ id: `${id}-1`, file: `media/${id}.png`, mime: 'image/png', alt: `Infografis: ${title}` }],
    };
    writeFileSync(join(building, 'items', `${id}.json`), JSON.stringify(item, null, 2));
  }
  writeFileSync(join(building, 'complete'), '');
  rmSync(dir, { recursive: true, force: true });
  renameSync(building, dir);
  return dir;
}
