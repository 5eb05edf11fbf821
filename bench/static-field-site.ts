// The static field bench's site: the generated content folder published signed, as the real
// publisher does, then published again into a new folder for each change and deployed at once (a
// CDN deploy). And where a run's bytes went, from the static host's answers.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { loadPrivateKey } from '../library/keys';
import { publishLibrary } from '../library/publish';
import type { HostAnswer } from '../tests/support/static-host';
import { smallImage } from './static-field-library';

const DEV_KEY = new URL('../library/dev-keys/', import.meta.url).pathname;
const signingKey = loadPrivateKey(readFileSync(`${DEV_KEY}dev-ed25519-private.pem`, 'utf8'));
export const PUBLIC_KEY = readFileSync(`${DEV_KEY}dev-ed25519-public.txt`, 'utf8').trim();

export interface Site {
  /** The folder the host serves now (the newest publication). */
  readonly root: string;
  /** Writes an item file into the content folder (and its image, when `image` names a seed). */
  writeItem(item: Record<string, unknown>, image?: string): Promise<void>;
  /** Publishes the content folder into a copy of the newest publication; the new folder, not deployed yet (kept until `remove`). */
  publish(): Promise<string>;
  /** The newest publication's sequence (its signed index). */
  sequence(): number;
  /** The changed item as the newest delta carries it, gzipped alone: the floor of a change. */
  changedItemGzipBytes(id: string): number;
  remove(): void;
}

/** A copy of `library` (a content folder) published signed into a fresh site folder. */
export async function publishedSite(library: string): Promise<Site> {
  const content = mkdtempSync(join(tmpdir(), 'hk-static-field-content-'));
  cpSync(library, content, { recursive: true });
  let root = mkdtempSync(join(tmpdir(), 'hk-static-field-site-'));
  const started = Date.now();
  await publishLibrary(content, root, { signingKey });
  process.stdout.write(`  static field: published in ${Math.round((Date.now() - started) / 1000)} s\n`);
  const roots = [root];
  return {
    get root() {
      return root;
    },
    async writeItem(item, image) {
      if (image) writeFileSync(join(content, 'media', `${item.id}.png`), await smallImage(image));
      writeFileSync(join(content, 'items', `${item.id}.json`), JSON.stringify(item, null, 2));
    },
    async publish() {
      const next = mkdtempSync(join(tmpdir(), 'hk-static-field-site-'));
      cpSync(root, next, { recursive: true });
      await publishLibrary(content, next, { signingKey });
      roots.push(next);
      root = next;
      return next;
    },
    sequence() {
      return JSON.parse(JSON.parse(readFileSync(join(root, 'v1', 'index.json'), 'utf8')).index).sequence;
    },
    changedItemGzipBytes(id) {
      const signed = JSON.parse(readFileSync(join(root, 'v1', 'index.json'), 'utf8'));
      const index = JSON.parse(signed.index) as { deltas: { path: string; from: number }[] };
      const newest = index.deltas.reduce((a, b) => (b.from > a.from ? b : a));
      const delta = JSON.parse(readFileSync(join(root, newest.path), 'utf8')) as { items: { id: string }[] };
      const item = delta.items.find((i) => i.id === id);
      if (!item) throw new Error(`${id} is not in the newest delta`);
      return gzipSync(JSON.stringify(item)).length;
    },
    remove() {
      rmSync(content, { recursive: true, force: true });
      for (const dir of roots) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** What an answer's path is: the index, snapshot pages, thumbnail packs, deltas, images or other. */
function kindOf(path: string): string {
  if (path === '/v1/index.json') return 'index';
  const match = path.match(/^\/v1\/static\/(pages|thumbs|deltas)\//);
  if (match) return match[1]!;
  if (path.startsWith('/media/')) return 'images';
  return path;
}

/** Answers grouped by kind: count, statuses and body bytes (compressed when gzipped). */
export function byKind(answers: HostAnswer[]): string {
  const groups = new Map<string, { count: number; bytes: number; statuses: Set<number> }>();
  for (const a of answers) {
    const group = groups.get(kindOf(a.path)) ?? { count: 0, bytes: 0, statuses: new Set() };
    group.count++;
    group.bytes += a.bytes;
    group.statuses.add(a.status);
    groups.set(kindOf(a.path), group);
  }
  return [...groups].map(([kind, g]) => `${kind} ${g.count}× ${(g.bytes / 1000).toFixed(1)} KB (${[...g.statuses].join('/')})`).join(', ');
}
