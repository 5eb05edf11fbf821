// Field figures at national size: the publisher's static layout (signed v1/index.json, pages,
// thumbnail packs, deltas) on a static host behind a 256 kbit/s, 300 ms link, for libraries of
// 1,500 and 10,000 items, each with an image (so a signed thumbnail). Two launches per size: the
// first sync as the officer sees it in X's composer (fixture sites, which turn the HTTP cache off),
// then, without fixture sites (so the browser sends If-None-Match), an idle hour of checks, one
// changed item, and urgent items published at random moments against the real one-minute check.
import { expect, type Page } from '@playwright/test';
import { seededRandom } from '../library/infographic';
import { SidebarPage } from '../tests/e2e/pages';
import { openExtensionPage, readStore, setSettings, timedMessage, waitForSync } from '../tests/support/extension-tools';
import { launchWithExtension, serviceWorkerOf } from '../tests/support/launch';
import { startStaticHost, type StaticHost } from '../tests/support/static-host';
import { PRIORITY_NEWEST } from '../utils/shared/static-format';
import type { Figure } from './stats';
import { staticFieldItems, staticFieldLibrary, staticFieldTitle, URGENT_EVERY } from './static-field-library';
import { byKind, PUBLIC_KEY, publishedSite, type Site } from './static-field-site';

const LINK = { bytesPerSecond: 32_000, latencyMs: 300 };
const SIZES = (process.env.BENCH_STATIC_SIZES ?? '1500,10000').split(',').map(Number);
/** Urgent items published per size against the real one-minute check (enough for a rough p95). */
const ALERTS = Number(process.env.BENCH_STATIC_ALERTS ?? 8);
const CHANGES = 3;
const CHECKS_PER_HOUR = 60;
/** Another build of the extension (e.g. one no other engineer rebuilds meanwhile); default .output/chrome-mv3. */
const extensionDir = process.env.HK_BENCH_EXTENSION_DIR || undefined;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const say = (text: string) => process.stdout.write(`  static field: ${text}\n`);
const id = (i: number) => `konten-${String(i).padStart(5, '0')}`;

interface FirstSync {
  firstSeconds: number;
  allSeconds: number;
  firstBytes: number;
  allBytes: number;
}

/** From an empty extension to (a) page 0 with thumbnails, (b) every item counted and the oldest found by search. */
async function firstSync(count: number, site: Site): Promise<FirstSync> {
  const host = await startStaticHost(site.root, { link: LINK });
  const { context, close } = await launchWithExtension({ extensionDir });
  try {
    const sw = await serviceWorkerOf(context);
    const page = await context.newPage();
    await page.goto('https://x.com/compose/post');
    const sidebar = new SidebarPage(page);
    const items = staticFieldItems(count);
    const oldestUrgent = Math.floor((count - 1) / URGENT_EVERY) * URGENT_EVERY;
    const started = Date.now();
    await setSettings(sw, { libraryUrl: host.url, publicKey: PUBLIC_KEY });
    const thumbOf = (i: number) => sidebar.item(id(i)).locator('img.hk-thumb');
    const thumbShown = async (i: number) => {
      await expect(thumbOf(i)).toBeVisible({ timeout: 300_000 });
      await expect(thumbOf(i)).toHaveAttribute('src', /^data:image\//, { timeout: 300_000 });
    };
    // The newest item and the oldest urgent one in the sidebar's list (urgent ones come first)...
    await Promise.all([1, oldestUrgent].map(thumbShown));
    // ...and the 100th newest (ids 1–100; the urgent ones are every URGENT_EVERY-th from 0), beyond
    // the list's first 40 cards: found by its title, with its thumbnail.
    await sidebar.search().fill(staticFieldTitle(items[PRIORITY_NEWEST]!.title, PRIORITY_NEWEST));
    await thumbShown(PRIORITY_NEWEST);
    await sidebar.search().fill('');
    const firstSeconds = (Date.now() - started) / 1000;
    const firstBytes = host.wireBytes();
    say(`${count}: urgent + newest 100 with thumbnails after ${firstSeconds.toFixed(1)} s: ${byKind(host.answers)}`);
    await expect(sidebar.status()).toContainText(`${new Intl.NumberFormat('id-ID').format(count)} konten`, { timeout: 900_000 });
    await sidebar.search().fill(staticFieldTitle(items[count - 1]!.title, count - 1));
    await expect(sidebar.item(id(count - 1))).toBeVisible({ timeout: 60_000 });
    const allSeconds = (Date.now() - started) / 1000;
    say(`${count}: all listed and searchable after ${allSeconds.toFixed(1)} s: ${byKind(host.answers)}`);
    return { firstSeconds, allSeconds, firstBytes, allBytes: host.wireBytes() };
  } finally {
    await close();
    await host.close();
  }
}

interface Checks {
  idleBytesPerCheck: number;
  changeBytes: number[];
  changeFloor: number;
  alertSeconds: number[];
}

/** The sync meta as the extension stored it, read from an extension page (the worker may be stopped). */
async function syncMeta(ext: Page): Promise<Record<string, unknown> | undefined> {
  const rows = await readStore<{ key: string; value: Record<string, unknown> }>(ext as never, 'meta');
  return rows.find((m) => m.key === 'sync')?.value;
}

/** Waits until the images run is over: no thumbnail pack left, every image ahead fetched, the host quiet for 3 s. */
async function mediaSettled(ext: Page, host: StaticHost, aheadImages: number): Promise<void> {
  let seen = -1;
  let quietSince = Date.now();
  for (const deadline = Date.now() + 900_000; Date.now() < deadline; await sleep(500)) {
    if (host.answers.length !== seen) [seen, quietSince] = [host.answers.length, Date.now()];
    const media = (await readStore<{ key: string; value: { thumbPacks?: unknown[] } }>(ext as never, 'meta')).find((m) => m.key === 'syncMedia')?.value;
    const images = host.answers.filter((a) => a.path.startsWith('/media/') && a.status === 200).length;
    if (!media?.thumbPacks?.length && images >= aheadImages && Date.now() - quietSince > 3000) return;
  }
  throw new Error('the images run did not finish');
}

async function checks(count: number, site: Site, pick: () => number): Promise<Checks> {
  const host = await startStaticHost(site.root); // the setup sync at full speed; the link comes after
  const { context, close } = await launchWithExtension({ fixtureSites: false, extensionDir });
  try {
    const sw = await serviceWorkerOf(context);
    const ext = await openExtensionPage(context, sw);
    await setSettings(sw, { libraryUrl: host.url, publicKey: PUBLIC_KEY });
    await waitForSync(sw, host.url, 900_000, 500);
    await mediaSettled(ext, host, Math.ceil(count / URGENT_EVERY) + 100);
    host.setLink(LINK);

    // An idle hour, shortened: the check as often as Chrome lets an unpacked extension, against the unchanged library.
    await ext.evaluate(() => chrome.alarms.create('hk-news', { periodInMinutes: 0.005 }));
    await sleep(5000);
    const [answers, wire] = [host.feedAnswers.length, host.wireBytes()];
    for (const end = Date.now() + 300_000; host.feedAnswers.length - answers < CHECKS_PER_HOUR; await sleep(250)) if (Date.now() > end) throw new Error('fewer than 60 checks in 5 minutes');
    const checked = host.feedAnswers.length - answers;
    const idleBytesPerCheck = (host.wireBytes() - wire) / checked;
    if (host.feedAnswers.slice(answers).some((a) => a.status !== 304)) throw new Error('an idle check was answered with something other than 304');
    await ext.evaluate(() => chrome.alarms.create('hk-news', { periodInMinutes: 1 }));
    say(`${count}: idle ${checked} checks, ${Math.round(idleBytesPerCheck)} B each`);

    // One changed caption (an item of the newest 100, its image already in): the wire from the deploy to the stored change.
    const changeBytes: number[] = [];
    let changeFloor = NaN;
    const changed = staticFieldItems(count)[42]!;
    for (let version = 2; version < 2 + CHANGES; version++) {
      const { media, ...item } = changed;
      await site.writeItem({ ...item, version, title: staticFieldTitle(item.title, 42), captions: { default: `Keterangan baru ${version} dari pusat untuk {daerah}.` }, media: [{ id: media[0]!.id, file: `media/${item.id}.png`, mime: 'image/png', alt: media[0]!.alt }] });
      const root = await site.publish();
      changeFloor = site.changedItemGzipBytes(item.id);
      const [before, seen] = [host.wireBytes(), host.answers.length];
      host.deploy(root);
      await timedMessage(ext, { type: 'library.syncNow' });
      await sleep(2000); // anything the sync starts after its answer (the images run) counts too
      if ((await syncMeta(ext))?.sequence !== site.sequence()) throw new Error(`the change to ${item.id} v${version} was not stored`);
      changeBytes.push(host.wireBytes() - before);
      say(`${count}: change v${version}: ${host.wireBytes() - before} B on the wire: ${byKind(host.answers.slice(seen))}`);
    }

    // Urgent items published at random moments (seeded), the check at its real one-minute period.
    const published = new Map<string, number>();
    const seenAt = new Map<string, number>();
    let publishing = true;
    const watch = (async () => {
      while (publishing || [...published.keys()].some((n) => !seenAt.has(n))) {
        for (const n of Object.keys(await ext.evaluate(() => chrome.notifications.getAll()))) if (!seenAt.has(n)) seenAt.set(n, Date.now());
        await sleep(250);
      }
    })();
    // Published ahead (the publisher blocks this process's event loop, the host's too, for ~30 s at
    // 10,000 items), then each deployed at its random moment.
    const deploys: [string, string][] = [];
    for (let n = 0; n < ALERTS; n++) {
      const urgent = {
        id: `hoaks-nasional-${n}`, version: 1, title: `[HOAKS] Uji peringatan nasional ${n}`, program: 'Klarifikasi Hoaks', tags: ['hoaks'], kind: 'klarifikasi', priority: 'urgent',
        publishedAt: new Date().toISOString(), captions: { default: `Itu hoaks (${n}). Cek faktanya di situs resmi.` }, hashtags: ['LawanHoaks'],
        media: [{ id: `hoaks-nasional-${n}-1`, file: `media/hoaks-nasional-${n}.png`, mime: 'image/png', alt: `Klarifikasi ${n}` }],
      };
      await site.writeItem(urgent, `hoaks-nasional-${n}`);
      deploys.push([`hk-urgent:${urgent.id}`, await site.publish()]);
    }
    let lastDeploy = Date.now();
    for (const [notification, root] of deploys) {
      await sleep(Math.max(0, lastDeploy + 5000 + pick() * 40_000 - Date.now()));
      host.deploy(root);
      lastDeploy = Date.now();
      published.set(notification, lastDeploy);
    }
    publishing = false;
    await Promise.race([watch, new Promise((resolve) => setTimeout(resolve, 180_000).unref())]);
    const alertSeconds = [...published].map(([n, at]) => ((seenAt.get(n) ?? NaN) - at) / 1000);
    // Where each wait went: deploy → the first check that got the new index (200) → the notification.
    const split = [...published].map(([n, at]) => {
      const index = host.answers.find((a) => a.at >= at && a.path === '/v1/index.json' && a.status === 200)?.at ?? NaN;
      return `${((index - at) / 1000).toFixed(1)}+${(((seenAt.get(n) ?? NaN) - index) / 1000).toFixed(1)}`;
    });
    say(`${count}: deploy → new index answered + → notification: ${split.join(', ')} s`);
    const t0 = [...published.values()][0]! - 60_000;
    const checksAt = host.feedAnswers.filter((a) => a.at >= t0).map((a) => `${Math.round((a.at - t0) / 100) / 10}${a.status === 200 ? '*' : ''}`);
    say(`${count}: deploys at ${[...published.values()].map((at) => Math.round((at - t0) / 100) / 10).join(', ')} s; checks at ${checksAt.join(', ')} s (* new index)`);
    say(`${count}: publish → notification ${alertSeconds.map((s) => s.toFixed(1)).join(', ')} s; sequence ${(await syncMeta(ext))?.sequence}`);
    if (alertSeconds.some(Number.isNaN)) throw new Error(`${alertSeconds.filter(Number.isNaN).length} urgent items never showed a notification`);
    return { idleBytesPerCheck, changeBytes, changeFloor, alertSeconds };
  } finally {
    await close();
    await host.close();
  }
}

export async function staticFieldFigures(runs: number): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const count of SIZES) {
    const size = new Intl.NumberFormat('en-US').format(count);
    const site = await publishedSite(await staticFieldLibrary(count));
    try {
      const syncs: FirstSync[] = [];
      for (let i = 0; i < runs; i++) syncs.push(await firstSync(count, site));
      const c = await checks(count, site, seededRandom(17 + count));
      const kb = (n: number) => `${(n / 1000).toFixed(0)} KB`;
      figures.push(
        { name: `static field ${size}: urgent + newest 100 listed with thumbnails (first sync)`, unit: 's', samples: syncs.map((s) => s.firstSeconds), goal: { median: 15 }, note: `wire ${kb(syncs[0]!.firstBytes)} by then` },
        { name: `static field ${size}: all items listed and searchable`, unit: 's', samples: syncs.map((s) => s.allSeconds), goal: { median: 300 }, note: `wire ${kb(syncs[0]!.allBytes)} by then (with thumbnail packs and images ahead sharing the link)` },
        { name: `static field ${size}: publish → notification, one-minute check`, unit: 's', samples: c.alertSeconds, goal: { median: 60, p95: 90 }, note: `${c.alertSeconds.length} urgent items published at random moments` },
        { name: `static field ${size}: bytes for one changed item`, unit: 'KB', samples: c.changeBytes.map((b) => b / 1000), goal: { median: 20 }, floor: { name: 'the changed item alone, gzip', samples: [c.changeFloor / 1000] }, note: `images all in (none in play); floor ${c.changeFloor} B gzip` },
        { name: `static field ${size}: idle hour of checks`, unit: 'KB', samples: [(c.idleBytesPerCheck * CHECKS_PER_HOUR) / 1000], goal: { median: 60 }, note: `${Math.round(c.idleBytesPerCheck)} B per check (304), ${CHECKS_PER_HOUR} checks` },
      );
    } finally {
      site.remove();
    }
  }
  return figures;
}
