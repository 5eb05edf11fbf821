// Draws the sample infographics (PNG and JPEG) for the dev library from SVG with headless Chromium.
// Run once after adding items: `npx tsx library/make-images.ts`. The images are committed.
import { chromium } from '@playwright/test';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('./content/', import.meta.url).pathname;
const COLORS: Record<string, string> = {
  Kesehatan: '#0b7a53', Pendidikan: '#1f4e9c', Pertanian: '#5b7c12', Infrastruktur: '#8a4b08',
  'Klarifikasi Hoaks': '#b00020', Bencana: '#c25400', Ekonomi: '#5a2d82', Sosial: '#00667a',
};

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if ((line + ' ' + word).trim().length > width) { lines.push(line.trim()); line = word; } else line += ' ' + word;
  }
  return [...lines, line.trim()].filter(Boolean);
}

function svg(item: { title: string; program: string; hashtags: string[] }): string {
  const color = COLORS[item.program] ?? '#333';
  const title = wrap(item.title, 20).map((l, i) => `<text x="32" y="${170 + i * 44}" font-size="36" font-weight="700" fill="#fff">${esc(l)}</text>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="480" viewBox="0 0 480 480">
  <rect width="480" height="480" fill="${color}"/>
  <circle cx="420" cy="60" r="120" fill="#ffffff" opacity="0.12"/>
  <rect x="32" y="48" width="${item.program.length * 13 + 28}" height="36" rx="18" fill="#fff"/>
  <text x="46" y="73" font-size="20" font-weight="700" fill="${color}">${esc(item.program.toUpperCase())}</text>
  ${title}
  <rect x="0" y="400" width="480" height="80" fill="#000" opacity="0.25"/>
  <text x="32" y="436" font-size="20" fill="#fff">${esc(item.hashtags.map((h) => '#' + h).join(' '))}</text>
  <text x="32" y="462" font-size="14" fill="#fff" opacity="0.85">Informasi resmi pemerintah · contoh pustaka Humas Kanal</text>
</svg>`;
}

const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 480, height: 480 } });
for (const file of readdirSync(join(root, 'items'))) {
  const item = JSON.parse(readFileSync(join(root, 'items', file), 'utf8'));
  for (const media of item.media) {
    await page.setContent(`<body style="margin:0;font-family:DejaVu Sans,sans-serif">${svg(item)}</body>`);
    const type = media.mime === 'image/jpeg' ? 'jpeg' : 'png';
    writeFileSync(join(root, media.file), await page.screenshot(type === 'jpeg' ? { type, quality: 82 } : { type }));
  }
}
await browser.close();
