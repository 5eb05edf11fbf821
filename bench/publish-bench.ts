// Publisher figures: 10,000 items from a content folder to a signed snapshot, and its size per item.
import { generateKeyPairSync } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publishLibrary } from '../library/publish';
import { makeItems } from '../tests/support/generate-items';
import type { Figure } from './stats';

const ITEMS = 10_000;
const SAMPLE_MEDIA = new URL('../library/content/media/', import.meta.url).pathname;

export async function publishFigures(runs: number): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'hk-publish-bench-'));
  mkdirSync(join(dir, 'items'));
  mkdirSync(join(dir, 'media'));
  copyFileSync(join(SAMPLE_MEDIA, 'cek-bansos-resmi.png'), join(dir, 'media', 'a.png'));
  copyFileSync(join(SAMPLE_MEDIA, 'tas-siaga-bencana.jpg'), join(dir, 'media', 'b.jpg'));
  for (const [i, item] of makeItems(ITEMS).entries()) {
    // One item in ten carries an infographic, as in the sample library.
    const media = i % 10 === 0 ? [{ id: `${item.id}-1`, file: i % 20 === 0 ? 'media/a.png' : 'media/b.jpg', mime: i % 20 === 0 ? 'image/png' : 'image/jpeg', alt: 'Infografis' }] : [];
    writeFileSync(join(dir, 'items', `${item.id}.json`), JSON.stringify({ ...item, media }));
  }
  const { privateKey } = generateKeyPairSync('ed25519');
  const seconds: number[] = [];
  let bytesPerItem = 0;
  for (let run = 0; run < runs; run++) {
    const out = mkdtempSync(join(tmpdir(), 'hk-publish-out-'));
    const started = performance.now();
    const result = await publishLibrary(dir, out, { signingKey: privateKey });
    seconds.push((performance.now() - started) / 1000);
    bytesPerItem = result.feedBytes / result.items;
    rmSync(out, { recursive: true, force: true });
  }
  rmSync(dir, { recursive: true, force: true });
  return [
    { name: 'publish 10,000 items (validate, hash, sign, write)', unit: 's', samples: seconds, goal: { median: 10 } },
    { name: 'snapshot size per item', unit: 'bytes', samples: [bytesPerItem], note: 'uncompressed JSON; CDNs serve it gzipped' },
  ];
}
