// The publisher's image recipe: what each network is handed and what the sidebar list shows.
import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { drawInfographic } from '../../library/infographic';
import { PLATFORM_BOX, prepareMedia, READY_MAX_BYTES, THUMB_MAX_BYTES } from '../../library/media-prep';
import { MediaSchema } from '../../utils/shared/schema';

const thumbBytes = (dataUrl: string) => Buffer.from(dataUrl.split(',')[1]!, 'base64');

/** Seeded pixel noise (xorshift32): no encoder can compress it, and every run gets the same image. */
function noise(width: number, height: number, channels: 3 | 4): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * channels);
  let x = 0x9e3779b9;
  for (let i = 0; i < raw.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    raw[i] = x & 0xff;
  }
  return sharp(raw, { raw: { width, height, channels } }).png({ compressionLevel: 1 }).toBuffer();
}

describe('prepareMedia', () => {
  it('turns a WebP original into a JPEG every network accepts (Instagram refuses WebP)', async () => {
    const webp = await drawInfographic({ title: 'Cek bansos resmi', program: 'Sosial', seed: 7, format: 'webp' });
    const prepared = await prepareMedia(webp, 'image/webp');
    expect(prepared.ready.mime).toBe('image/jpeg');
    expect((await sharp(prepared.ready.bytes).metadata()).format).toBe('jpeg');
    expect(prepared.readyIsOriginal).toBe(false);
  });

  it('shrinks a 2160×2700 export to 1080×1350 within 300 KB, and keeps a fitting JPEG untouched', async () => {
    const big = await sharp(await drawInfographic({ title: 'Besar', program: 'Kesehatan', seed: 1, grain: 30 })).resize(2160, 2700).png().toBuffer();
    expect(big.length).toBeGreaterThan(1_000_000);
    const prepared = await prepareMedia(big, 'image/png');
    expect(prepared.ready).toMatchObject({ mime: 'image/jpeg', width: 1080, height: 1350 });
    expect(prepared.ready.bytes.length).toBeLessThanOrEqual(READY_MAX_BYTES);

    const fitting = await sharp(big).resize(1080, 1350).jpeg({ quality: 80 }).toBuffer();
    expect(fitting.length).toBeLessThanOrEqual(READY_MAX_BYTES);
    const kept = await prepareMedia(fitting, 'image/jpeg');
    expect(kept.readyIsOriginal).toBe(true);
    expect(kept.ready.bytes).toBe(fitting);
  });

  it.each([
    { kind: 'JPEG', width: 1200, height: 1400, channels: 3 as const, mime: 'image/jpeg' },
    { kind: 'transparent PNG', width: 640, height: 520, channels: 4 as const, mime: 'image/png' },
  ])('scales an incompressible image down until its $kind fits 300 KB, keeping its aspect ratio', async ({ width, height, channels, mime }) => {
    const source = await noise(width, height, channels);
    expect(source.length).toBeGreaterThan(3 * READY_MAX_BYTES);
    const prepared = await prepareMedia(source, 'image/png');
    expect(prepared.ready.mime).toBe(mime);
    const meta = await sharp(prepared.ready.bytes).metadata();
    expect(meta.format).toBe(mime.slice('image/'.length));
    expect(prepared.ready.bytes.length).toBeLessThanOrEqual(READY_MAX_BYTES);
    expect([meta.width, meta.height]).toEqual([prepared.ready.width, prepared.ready.height]);
    expect(meta.width).toBeLessThanOrEqual(PLATFORM_BOX.width);
    expect(meta.height).toBeLessThanOrEqual(PLATFORM_BOX.height);
    // Smaller than the platform box would make it: the ladder (or the palette) alone did not fit.
    expect(meta.width).toBeLessThan(Math.min(width, PLATFORM_BOX.width));
    // Scaled, not cropped: the source's aspect ratio to the pixel.
    expect(Math.abs(meta.height - (meta.width * height) / width)).toBeLessThanOrEqual(1);
    // Not shrunk further than needed: a step is aimed at the limit with a 5 % margin.
    expect(prepared.ready.bytes.length).toBeGreaterThan(READY_MAX_BYTES * 0.6);
    if (channels === 4) expect((await sharp(prepared.ready.bytes).stats()).isOpaque).toBe(false);
    const again = await prepareMedia(source, 'image/png');
    expect(again.ready.bytes.equals(prepared.ready.bytes)).toBe(true);
    // libimagequant takes seconds to fit a palette to noise (a real logo takes a fraction of that).
  }, 60_000);

  it('keeps transparency as PNG (a JPEG would turn it black or white)', async () => {
    const logo = await sharp({ create: { width: 600, height: 600, channels: 4, background: { r: 200, g: 0, b: 0, alpha: 0 } } })
      .composite([{ input: Buffer.from('<svg width="600" height="600"><circle cx="300" cy="300" r="200" fill="#b00020"/></svg>') }])
      .png()
      .toBuffer();
    const prepared = await prepareMedia(logo, 'image/png');
    expect(prepared.ready.mime).toBe('image/png');
    expect((await sharp(prepared.ready.bytes).stats()).isOpaque).toBe(false);
  });

  it('makes a thumbnail under 8 KB even from an incompressible image, valid for the feed schema', async () => {
    const raw = Buffer.alloc(800 * 1000 * 3);
    for (let i = 0; i < raw.length; i++) raw[i] = (i * 2654435761) >>> 24;
    const noisy = await sharp(raw, { raw: { width: 800, height: 1000, channels: 3 } }).png().toBuffer();
    const prepared = await prepareMedia(noisy, 'image/png');
    expect(thumbBytes(prepared.thumbnail).length).toBeLessThanOrEqual(THUMB_MAX_BYTES);
    const meta = await sharp(thumbBytes(prepared.thumbnail)).metadata();
    expect(Math.max(meta.width, meta.height)).toBe(72);
    const media = { id: 'm', url: 'media/x.jpg', mime: 'image/jpeg', sha256: 'a'.repeat(64), bytes: 1, width: 1, height: 1, alt: '', thumbnail: prepared.thumbnail };
    expect(MediaSchema.safeParse(media).success).toBe(true);
    expect(MediaSchema.safeParse({ ...media, thumbnail: 'data:image/svg+xml;base64,PHN2Zz4=' }).success).toBe(false);
    expect(MediaSchema.safeParse({ ...media, thumbnail: 'javascript:alert(1)' }).success).toBe(false);
  });

  it('gives the same bytes for the same input (unchanged content publishes byte-identical files)', async () => {
    const png = await drawInfographic({ title: 'Sama', program: 'Ekonomi', seed: 3 });
    const [a, b] = [await prepareMedia(png, 'image/png'), await prepareMedia(png, 'image/png')];
    expect(a.ready.bytes.equals(b.ready.bytes)).toBe(true);
    expect(a.thumbnail).toBe(b.thumbnail);
  });
});
