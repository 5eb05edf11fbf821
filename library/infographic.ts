// Infographic-sized sample images (1080×1350, the 4:5 portrait the ministries post), drawn
// deterministically from a seed: a flat poster with a title and a photo-like band whose grain sets
// the file size (300 KB–1.5 MB as PNG, like a designer's export before optimisation). Used by the
// sample library (`npm run library -- images`), the field e2e and the field bench.
import sharp from 'sharp';

export const INFOGRAPHIC = { width: 1080, height: 1350 } as const;

export interface InfographicSpec {
  title: string;
  program: string;
  hashtags?: string[];
  seed: number;
  /** Grain of the photo band, 0–40: more grain, bigger file. */
  grain?: number;
  format?: 'png' | 'jpeg' | 'webp';
}

const COLORS: Record<string, [number, number, number]> = {
  Kesehatan: [11, 122, 83], Pendidikan: [31, 78, 156], Pertanian: [91, 124, 18], Infrastruktur: [138, 75, 8],
  'Klarifikasi Hoaks': [176, 0, 32], Bencana: [194, 84, 0], Ekonomi: [90, 45, 130], Sosial: [0, 102, 122],
};

/** mulberry32: a small seeded generator, so the same seed always draws the same bytes. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if ((line + ' ' + word).trim().length > width) {
      lines.push(line.trim());
      line = word;
    } else line += ' ' + word;
  }
  return [...lines, line.trim()].filter(Boolean);
}

/** The poster's raw RGB pixels: brand colour, a photo-like band (gradient, soft shapes, grain). */
function pixels(spec: InfographicSpec): Buffer {
  const { width, height } = INFOGRAPHIC;
  const [r, g, b] = COLORS[spec.program] ?? [51, 51, 51];
  const next = seededRandom(spec.seed);
  const grain = spec.grain ?? 12;
  const out = Buffer.alloc(width * height * 3);
  const bandTop = 560;
  const bandBottom = 1180;
  const blobs = Array.from({ length: 6 }, () => ({ x: next() * width, y: bandTop + next() * (bandBottom - bandTop), r: 80 + next() * 200, tone: next() })).map((b) => ({ ...b, r2: b.r * b.r }));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      if (y < bandTop || y >= bandBottom) {
        out[i] = r;
        out[i + 1] = g;
        out[i + 2] = b;
        continue;
      }
      let light = 0.35 + (0.4 * (y - bandTop)) / (bandBottom - bandTop);
      for (const blob of blobs) {
        const dx = x - blob.x;
        const dy = y - blob.y;
        const d2 = dx * dx + dy * dy;
        if (d2 < blob.r2) light += (blob.tone - 0.5) * 0.6 * (1 - Math.sqrt(d2) / blob.r);
      }
      const noise = (next() - 0.5) * grain;
      out[i] = Math.max(0, Math.min(255, light * 230 + noise + 10));
      out[i + 1] = Math.max(0, Math.min(255, light * 200 + noise + 20));
      out[i + 2] = Math.max(0, Math.min(255, light * 160 + noise + 30));
    }
  }
  return out;
}

function overlay(spec: InfographicSpec): Buffer {
  const title = wrap(spec.title, 24)
    .slice(0, 4)
    .map((line, i) => `<text x="64" y="${250 + i * 72}" font-size="60" font-weight="700" fill="#fff">${esc(line)}</text>`)
    .join('');
  const tags = esc((spec.hashtags ?? []).map((h) => `#${h}`).join(' '));
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="1080" height="1350">
  <g font-family="DejaVu Sans, sans-serif">
  <rect x="64" y="80" width="${spec.program.length * 26 + 56}" height="72" rx="36" fill="#fff"/>
  <text x="92" y="130" font-size="38" font-weight="700" fill="#222">${esc(spec.program.toUpperCase())}</text>
  ${title}
  <text x="64" y="1250" font-size="34" fill="#fff">${tags}</text>
  <text x="64" y="1300" font-size="26" fill="#fff" opacity="0.85">Informasi resmi pemerintah · contoh pustaka Humas Kanal</text>
  </g></svg>`);
}

/** One sample infographic as PNG (default), JPEG or WebP bytes. */
export async function drawInfographic(spec: InfographicSpec): Promise<Buffer> {
  const image = sharp(pixels(spec), { raw: { ...INFOGRAPHIC, channels: 3 } }).composite([{ input: overlay(spec) }]);
  const format = spec.format ?? 'png';
  if (format === 'jpeg') return image.jpeg({ quality: 95, chromaSubsampling: '4:4:4' }).toBuffer();
  if (format === 'webp') return image.webp({ quality: 92 }).toBuffer();
  return image.png({ compressionLevel: 6 }).toBuffer();
}
