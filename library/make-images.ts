// Draws the sample library's infographics (1080×1350, as a designer exports them: PNG ~400 KB,
// JPEG ~350 KB) so the publisher's thumbnails and platform-ready copies are made from realistic files.
// Run once after adding items: `npx tsx library/make-images.ts`. The images are committed.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { drawInfographic } from './infographic';

const root = new URL('./content/', import.meta.url).pathname;

for (const file of readdirSync(join(root, 'items'))) {
  const item = JSON.parse(readFileSync(join(root, 'items', file), 'utf8'));
  for (const media of item.media ?? []) {
    const format = media.mime === 'image/jpeg' ? 'jpeg' : media.mime === 'image/webp' ? 'webp' : 'png';
    // The seed comes from the item id: the same item always draws the same bytes.
    const seed = createHash('sha256').update(item.id).digest().readUInt32BE(0);
    const bytes = await drawInfographic({ title: item.title, program: item.program, hashtags: item.hashtags, seed, grain: format === 'png' ? 1 : 14, format });
    writeFileSync(join(root, media.file), bytes);
    console.log(`${media.file}: ${Math.round(bytes.length / 1024)} KB`);
  }
}
