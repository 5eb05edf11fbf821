// Field figures: a new officer at a 256 kbit/s office (300 ms latency, the dev server's slow-link
// simulator) opens X's composer with an empty extension; the library has 100 items with 1080×1350
// infographics, published as the real publisher does. Next to it, the WhatsApp route officers use
// today: one 400 KB infographic forwarded over the same link. The on-demand image is the oldest
// item's, the last the background would fetch (urgent first, then newest), asked for while that
// background is still downloading other images: the link is busy when the officer clicks.
import { expect } from '@playwright/test';
import { startLibraryServer } from '../library/server';
import { SidebarPage, fixture } from '../tests/e2e/pages';
import { pendingImages, setSettings } from '../tests/support/extension-tools';
import { fieldItemId, fieldLibrary } from '../tests/support/field-library';
import { launchWithExtension, serviceWorkerOf } from '../tests/support/launch';
import type { Worker } from '@playwright/test';
import type { Figure } from './stats';

const LINK = { bytesPerSecond: 32_000, latencyMs: 300 };
/** The WhatsApp route: one 400 KB image at 32 KB/s plus one round trip (README). */
export const WHATSAPP_BASELINE_S = 400_000 / LINK.bytesPerSecond + LINK.latencyMs / 1000;
const OFFICER = { officerName: 'Sari Dewi', agency: 'Diskominfo Kota Malang', region: 'Kota Malang' };

interface FieldRun {
  listSeconds: number;
  listBytes: number;
  imageSeconds: number;
  imageBytes: number;
  /** Images the background still had to download at the click (two at a time). */
  pendingAtClick: number;
  changeBytes: number;
}

/** The stored state of one image (by sha256), or undefined before it is known. */
function imageState(sw: Worker, sha256: string): Promise<string | undefined> {
  return sw.evaluate(
    (sha) =>
      new Promise<string | undefined>((resolve, reject) => {
        const open = indexedDB.open('humas-kanal');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('media', 'readonly').objectStore('media').get(sha);
          req.onsuccess = () => {
            open.result.close();
            resolve(req.result?.state);
          };
          req.onerror = () => reject(req.error);
        };
      }),
    sha256,
  );
}

async function oneRun(contentDir: string): Promise<FieldRun> {
  const server = await startLibraryServer({ contentDir, link: LINK });
  const { context, close } = await launchWithExtension({ extensionDir: process.env.HK_BENCH_EXTENSION_DIR || undefined });
  try {
    const sw = await serviceWorkerOf(context);
    const page = await context.newPage();
    await page.goto('https://x.com/compose/post');
    const sidebar = new SidebarPage(page);
    const started = Date.now();
    await setSettings(sw, { ...OFFICER, libraryUrl: server.url });
    // Complete: every item counted and searchable, each card shown with its thumbnail.
    await expect(sidebar.status()).toContainText('100 konten', { timeout: 120_000 });
    await sidebar.search().fill('program 99');
    await expect(sidebar.item(fieldItemId(99)).locator('img.hk-thumb')).toHaveAttribute('src', /^data:image\/jpeg/, { timeout: 60_000 });
    const listSeconds = (Date.now() - started) / 1000;
    const listBytes = server.wireBytes();
    await sidebar.search().fill('');

    // Sisipkan on the oldest item while the background downloads others: its image comes on demand.
    const oldest = server.item(fieldItemId(0))!.media[0]!;
    await sidebar.search().fill('program 0');
    await sidebar.item(fieldItemId(0)).waitFor();
    const pendingAtClick = await pendingImages(sw);
    const oldestState = await imageState(sw, oldest.sha256.toLowerCase());
    if (oldestState !== 'pending' || pendingAtClick < 3) throw new Error(`the link is not busy at the click: ${pendingAtClick} images pending, the oldest ${oldestState}`);
    const clicked = Date.now();
    await sidebar.insert(fieldItemId(0));
    await expect.poll(async () => (await fixture.files(page)).map((f) => f.sha256), { timeout: 60_000, intervals: [100] }).toEqual([oldest.sha256]);
    const imageSeconds = (Date.now() - clicked) / 1000;

    // One changed caption: what the next sync costs on the wire, once every image is in (the link is
    // opened up so the remaining ~6 MB of images do not take the bench 3 minutes).
    server.setLink(undefined);
    await expect.poll(() => pendingImages(sw), { timeout: 120_000 }).toBe(0);
    const item = server.item(fieldItemId(42))!;
    const before = server.wireBytes();
    server.upsert({ ...item, version: 2, captions: { default: 'Keterangan baru dari pusat untuk {daerah}.' } });
    await sidebar.root.getByTestId('hk-sync-now').click();
    await sidebar.search().fill('Keterangan baru dari pusat');
    await expect(sidebar.item(fieldItemId(42))).toBeVisible({ timeout: 30_000 });
    const changeBytes = server.wireBytes() - before;
    return { listSeconds, listBytes, imageSeconds, imageBytes: oldest.bytes, pendingAtClick, changeBytes };
  } finally {
    await close();
    await server.close();
  }
}

export async function fieldFigures(runs: number): Promise<Figure[]> {
  const contentDir = await fieldLibrary(100);
  const results: FieldRun[] = [];
  for (let i = 0; i < runs; i++) results.push(await oneRun(contentDir));
  const imageKb = Math.round(results[0]!.imageBytes / 1000);
  return [
    { name: 'field: list complete with thumbnails, 100 items, 256 kbit/s', unit: 's', samples: results.map((r) => r.listSeconds), goal: { median: 15 } },
    { name: 'field: bytes until the list is complete', unit: 'KB', samples: results.map((r) => r.listBytes / 1000), note: 'feed (gzip) with signed thumbnails, headers included' },
    {
      name: `field: on-demand image after Sisipkan, the background downloading others (${imageKb} KB)`, unit: 's', samples: results.map((r) => r.imageSeconds),
      goal: { median: Math.round((results[0]!.imageBytes / LINK.bytesPerSecond + 3) * 10) / 10 },
      note: `the oldest item (fetched last by the background); ${results.map((r) => r.pendingAtClick).join(', ')} images still to download at the click`,
    },
    { name: 'field: bytes for one changed item', unit: 'KB', samples: results.map((r) => r.changeBytes / 1000), goal: { median: 5 } },
    { name: 'WhatsApp route: one 400 KB image forwarded at 256 kbit/s (baseline)', unit: 's', samples: [WHATSAPP_BASELINE_S], note: 'computed: 400 KB ÷ 32 KB/s + one round trip' },
  ];
}
