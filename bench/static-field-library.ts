// The national-size library of the static field bench: tests/support/generated-library.ts's items
// (text shaped like the sample library, one urgent item every 500) written as an editors' content
// folder, each with its own small image so the publisher makes a real signed thumbnail (≈ 1.3 KB,
// the publisher's usual size). Kept in the temp folder between runs, with the prepared images in the
// publisher's cache, so the 10,000-item library is made once (about two minutes on 2 cores).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { prepareMediaCached } from '../library/media-prep';
import { generatedItems } from '../tests/support/generated-library';

const RECIPE = 2;
export const URGENT_EVERY = 500;

function seeded(seed: string, bytes: number): Buffer {
  const parts: Buffer[] = [];
  for (let i = 0; parts.length * 32 < bytes; i++) parts.push(createHash('sha256').update(`${seed}:${i}`).digest());
  return Buffer.concat(parts).subarray(0, bytes);
}

/** A small distinct image: a seeded 6×8 colour grid smoothed to 24×30 (≈ 2.3 KB PNG). */
export const smallImage = (seed: string) =>
  sharp(seeded(seed, 6 * 8 * 3), { raw: { width: 6, height: 8, channels: 3 } }).resize(24, 30, { kernel: 'cubic' }).png({ compressionLevel: 9 }).toBuffer();

/** The items as the generator makes them (konten-00000 newest; every URGENT_EVERY-th urgent). */
export const staticFieldItems = (count: number) => generatedItems(count, { urgentEvery: URGENT_EVERY });

/** The title as written in the content folder: the generated one and the item's number (unique words). */
export const staticFieldTitle = (title: string, i: number) => `${title} ${i}`;

/** The content folder of `count` items, each with its own image. */
export async function staticFieldLibrary(count: number): Promise<string> {
  const dir = join(tmpdir(), `humas-kanal-static-field-${count}-r${RECIPE}`);
  if (existsSync(join(dir, 'complete'))) return dir;
  const started = Date.now();
  const building = `${dir}.${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(join(building, 'items'), { recursive: true });
  mkdirSync(join(building, 'media'), { recursive: true });
  const items = staticFieldItems(count);
  const write = async (i: number) => {
    const { media, ...item } = items[i]!;
    const image = await smallImage(`${item.id}-gambar`);
    writeFileSync(join(building, 'media', `${item.id}.png`), image);
    // The publisher's cache, filled here (4 at a time) so the first publication does not prepare 10,000 images one by one.
    await prepareMediaCached(image, 'image/png');
    // Its number ends the title: text search matches every word, and the generator's titles share their words.
    const raw = { ...item, title: staticFieldTitle(item.title, i), media: [{ id: media[0]!.id, file: `media/${item.id}.png`, mime: 'image/png', alt: media[0]!.alt }] };
    writeFileSync(join(building, 'items', `${item.id}.json`), JSON.stringify(raw, null, 2));
  };
  for (let i = 0; i < count; i += 4) await Promise.all([i, i + 1, i + 2, i + 3].filter((j) => j < count).map(write));
  writeFileSync(join(building, 'complete'), '');
  rmSync(dir, { recursive: true, force: true });
  renameSync(building, dir);
  process.stdout.write(`  static field: ${count} items with images made in ${Math.round((Date.now() - started) / 1000)} s (kept in ${dir})\n`);
  return dir;
}
