// What the publisher makes of an editor's image: a platform-ready JPEG or PNG (never WebP/AVIF,
// which Instagram refuses) at the networks' recommended size, and a thumbnail small enough that a
// hundred of them fit the first sync of a 256 kbit/s office. sharp (libvips + mozjpeg) is
// deterministic for the same input and version, so unchanged content publishes byte-identical files.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp, { type Sharp } from 'sharp';

/** Bump when the recipe changes: cached results of an older recipe are not reused. */
export const PREP_RECIPE = 2;
/** Instagram's portrait maximum (4:5 at 1080 wide); X and Facebook show it as is. */
export const PLATFORM_BOX = { width: 1080, height: 1350 } as const;
/** An infographic at this size needs no more without visible loss. */
export const READY_MAX_BYTES = 300_000;
export const THUMB_MAX_BYTES = 8_000;
/** The card shows 48 CSS pixels; 72 keeps it sharp at 1.5× without costing the link. */
export const THUMB_BOX = 72;

export interface PreparedImage {
  bytes: Buffer;
  mime: 'image/jpeg' | 'image/png';
  width: number;
  height: number;
}

export interface PreparedMedia {
  /** What gets attached on every network. */
  ready: PreparedImage;
  /** `data:image/jpeg;base64,…`, carried inside the signed item. */
  thumbnail: string;
  /** True when the editor's file itself was already platform-ready (no second copy). */
  readyIsOriginal: boolean;
}

const READY_MIMES = new Set(['image/jpeg', 'image/png']);

/** The best of the given JPEG qualities that fits `maxBytes` (the lowest one if none does). */
async function jpegWithin(image: Sharp, maxBytes: number, qualities: number[]): Promise<Buffer> {
  let out = Buffer.alloc(0);
  for (const quality of qualities) {
    out = await image.clone().jpeg({ quality, mozjpeg: true }).toBuffer();
    if (out.length <= maxBytes) break;
  }
  return out;
}

/** The ready image's quality ladder; the last rung is also the quality of every scaled-down attempt. */
export const READY_JPEG_QUALITIES = [85, 78, 70, 62];

const flattened = (image: Sharp) => image.flatten({ background: '#ffffff' });

/**
 * The ready file within READY_MAX_BYTES, from the oriented source. JPEG: the quality ladder at the
 * platform size, then quality 62 at smaller sizes. Transparent PNG: lossless, then a 256-colour
 * palette, then the palette at smaller sizes. Noise or a photo's grain can stay
 * over the limit at every quality; only fewer pixels then fit it.
 */
async function readyWithin(oriented: Sharp, transparent: boolean): Promise<Buffer> {
  const lowest = READY_JPEG_QUALITIES.at(-1)!;
  const encode = (img: Sharp, palette: boolean) =>
    transparent ? img.png({ compressionLevel: 9, palette }).toBuffer() : flattened(img).jpeg({ quality: lowest, mozjpeg: true }).toBuffer();
  const boxed = oriented.clone().resize({ ...PLATFORM_BOX, fit: 'inside', withoutEnlargement: true });
  let out = transparent ? await encode(boxed.clone(), false) : await jpegWithin(flattened(boxed), READY_MAX_BYTES, READY_JPEG_QUALITIES);
  if (transparent && out.length > READY_MAX_BYTES) out = await encode(boxed.clone(), true);
  if (out.length <= READY_MAX_BYTES) return out;
  // Bytes grow roughly with the pixel count: aim each step at the limit with a 5 % margin, so one
  // or two steps usually do. Each step resizes the source once (not a resized copy again), from
  // the same inputs with the same arithmetic, so the result stays deterministic.
  const { width, height } = await sharp(out).metadata();
  let scale = 1;
  while (out.length > READY_MAX_BYTES && Math.min(width, height) * scale >= 2) {
    scale *= 0.95 * Math.min(1, Math.sqrt(READY_MAX_BYTES / out.length));
    const box = { width: Math.max(1, Math.floor(width * scale)), height: Math.max(1, Math.floor(height * scale)), fit: 'inside' as const };
    out = await encode(oriented.clone().resize(box), true);
  }
  return out;
}

/** The platform-ready image and thumbnail for one editor's file (PNG, JPEG or WebP). */
export async function prepareMedia(source: Buffer, mime: string): Promise<PreparedMedia> {
  const meta = await sharp(source).metadata();
  const oriented = sharp(source).rotate(); // EXIF orientation applied, then dropped with the metadata
  const stats = await sharp(source).stats();
  const transparent = meta.hasAlpha && !stats.isOpaque;
  const fits = (meta.autoOrient?.width ?? meta.width) <= PLATFORM_BOX.width && (meta.autoOrient?.height ?? meta.height) <= PLATFORM_BOX.height;
  const unrotated = !meta.orientation || meta.orientation === 1;

  let ready: PreparedImage;
  const readyIsOriginal = READY_MIMES.has(mime) && fits && unrotated && source.length <= READY_MAX_BYTES;
  if (readyIsOriginal) {
    ready = { bytes: source, mime: mime as PreparedImage['mime'], width: meta.width, height: meta.height };
  } else {
    const bytes = await readyWithin(oriented, transparent);
    const size = await sharp(bytes).metadata();
    ready = { bytes, mime: transparent ? 'image/png' : 'image/jpeg', width: size.width, height: size.height };
  }

  const thumb = await jpegWithin(
    oriented.clone().resize({ width: THUMB_BOX, height: THUMB_BOX, fit: 'inside' }).flatten({ background: '#ffffff' }),
    THUMB_MAX_BYTES,
    [60, 45, 30],
  );
  return { ready, thumbnail: `data:image/jpeg;base64,${thumb.toString('base64')}`, readyIsOriginal };
}

/** Where prepared images are kept between runs (publisher, dev server, tests): keyed by the source's sha256. */
export const defaultPrepCache = () => join(tmpdir(), 'humas-kanal-media-prep');

/**
 * `prepareMedia` with a disk cache, so a dev server restart or a re-publish does not re-encode
 * unchanged images. Returns the ready file's path in the cache.
 */
export async function prepareMediaCached(source: Buffer, mime: string, cacheDir = defaultPrepCache()): Promise<PreparedMedia & { readyPath: string }> {
  const key = `${PREP_RECIPE}-${createHash('sha256').update(source).digest('hex')}`;
  const metaPath = join(cacheDir, `${key}.json`);
  const readyPath = join(cacheDir, `${key}.ready`);
  if (existsSync(metaPath) && existsSync(readyPath)) {
    const meta = JSON.parse(readFileSync(metaPath, 'utf8'));
    return { ...meta, ready: { ...meta.ready, bytes: readFileSync(readyPath) }, readyPath };
  }
  const prepared = await prepareMedia(source, mime);
  mkdirSync(cacheDir, { recursive: true });
  // Written under a unique name and renamed: two processes preparing the same image never see half a file.
  const temp = `.${process.pid}-${Math.random().toString(36).slice(2)}`;
  writeFileSync(readyPath + temp, prepared.ready.bytes);
  renameSync(readyPath + temp, readyPath);
  const { bytes: _bytes, ...readyMeta } = prepared.ready;
  writeFileSync(metaPath + temp, JSON.stringify({ ...prepared, ready: readyMeta }));
  renameSync(metaPath + temp, metaPath);
  return { ...prepared, readyPath };
}
