// Dashboard figures with 100,000 log entries: first render (navigation start → first rows painted),
// cold (the first load after a browser launch) and warm (reloads) apart, and CSV export of all
// entries. The entries are written in one go, then the browser is restarted on the same profile:
// a supervisor opens the dashboard in a fresh browser, not while IndexedDB is still digesting a
// 100,000-row write (measured: ~950 ms for that first load, ~130 ms after).
// The entries go straight into the log, as a version without the CSV blocks left them (an update
// that changes the CSV format leaves every block stale: the same work, plus reading the stale ones):
// the dashboard writes the blocks in the background once its figures are drawn (timed), the first
// export after it, and three more, read them; an export clicked before the background wrote any
// writes them all itself (timed too). Floors in the same run and browser: the same page over 10
// entries, and (reported beside it) the first rows read in a bare document over the same entries
// after a launch (bench/dashboard-floors.ts); for the export, the product's own work without the
// product (the stored blocks read from IndexedDB and joined into a Blob); for writing the blocks,
// the log's entries read from IndexedDB.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from '@playwright/test';
import { launchWithExtension, serviceWorkerOf } from '../tests/support/launch';
import type { Page } from '@playwright/test';
import { bareNewestRows, blocksToBlob, readLog } from './dashboard-floors';
import { FIRST_ROWS } from '../utils/pages/first-rows';
import { launchSamples, type Figure } from './stats';

const ENTRIES = 100_000;

async function dashboardUrl(context: BrowserContext): Promise<string> {
  const sw = await serviceWorkerOf(context);
  return `chrome-extension://${new URL(sw.url()).host}/dashboard.html`;
}

/** `count` entries straight into the extension's IndexedDB, from the dashboard page (it creates the database). */
async function writeEntries(context: BrowserContext, count: number): Promise<void> {
  const page = await context.newPage();
  await page.goto(await dashboardUrl(context));
  await page.getByTestId('hk-log-count').waitFor();
  await page.evaluate(
    (count) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('humas-kanal');
        open.onsuccess = () => {
          const tx = open.result.transaction('log', 'readwrite');
          const store = tx.objectStore('log');
          const platforms = ['x', 'facebook', 'instagram'];
          for (let i = 0; i < count; i++) {
            store.add({
              id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
              postedAt: new Date(Date.UTC(2026, 8, 1) + i * 60_000).toISOString(),
              platform: platforms[i % 3], itemId: `konten-${i % 300}`, itemVersion: 1, mediaIds: [`konten-${i % 300}-1`],
              text: `Keterangan resmi nomor ${i}: informasi program untuk warga.\n\n#IndonesiaMaju https://www.example.go.id/${i}`,
              edited: i % 7 === 0, account: '@humas_daerah', pageUrl: 'https://x.com/compose/post', officerName: `Petugas ${i % 40}`,
              agency: 'Diskominfo', prevHash: '0'.repeat(64), hash: '0'.repeat(64), chain: 'local', program: `Program ${i % 8}`,
            });
          }
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    count,
  );
}

/** Browser launches per run on one profile: the first load of each is a cold sample. */
const COLD_LAUNCHES = 3;
/** Reloads after each launch's first load: the warm samples. */
const WARM_LOADS = 4;

interface Renders {
  /** The first load after a browser launch (navigation start → first rows painted). */
  cold: number[];
  /** Loads of the same page after it, in the same browser. */
  warm: number[];
}

/**
 * A profile holding `count` entries, launched COLD_LAUNCHES times; each launch loads the dashboard
 * once cold and WARM_LOADS times more. `measure` runs in the last launch, after its loads.
 */
async function firstRenders(count: number, measure?: (page: Page, context: BrowserContext) => Promise<void>, bare?: number[]): Promise<Renders> {
  const profileDir = mkdtempSync(join(tmpdir(), 'hk-dashboard-bench-'));
  const renders: Renders = { cold: [], warm: [] };
  try {
    const writer = await launchWithExtension({ profileDir });
    try {
      await writeEntries(writer.context, count);
    } finally {
      await writer.close();
    }
    for (let launch = 0; launch < COLD_LAUNCHES; launch++) {
      const { context, close } = await launchWithExtension({ profileDir });
      try {
        const url = await dashboardUrl(context);
        const page = await context.newPage();
        for (let i = 0; i <= WARM_LOADS; i++) {
          await page.goto(url);
          await page.getByTestId('hk-log-row').first().waitFor();
          (i === 0 ? renders.cold : renders.warm).push(await page.evaluate(() => performance.getEntriesByName('hk-first-rows')[0]!.startTime));
          // Let the page finish its background reads (keys, charts) before the next load.
          await page.waitForFunction(() => performance.getEntriesByName('hk-stats-ready').length > 0, undefined, { timeout: 60_000 });
        }
        if (launch === COLD_LAUNCHES - 1) await measure?.(page, context);
      } finally {
        await close();
      }
    }
    // As many launches again, each reading the first rows in a bare document instead of the dashboard.
    for (let launch = 0; bare && launch < COLD_LAUNCHES; launch++) {
      const { context, close } = await launchWithExtension({ profileDir });
      try {
        const page = await context.newPage();
        await page.goto((await dashboardUrl(context)).replace('dashboard.html', 'manifest.json'));
        bare.push(await bareNewestRows(page, FIRST_ROWS));
      } finally {
        await close();
      }
    }
  } finally {
    rmSync(profileDir, { recursive: true, force: true });
  }
  return renders;
}

/** Clicks the dashboard's CSV export and returns its time (click → file built). */
async function exportCsv(page: Page): Promise<number> {
  const download = page.waitForEvent('download');
  await page.getByTestId('hk-export-csv').click();
  await download;
  return page.evaluate(() => performance.getEntriesByName('hk-csv-export').at(-1)!.duration);
}

/** Drops every stored CSV block: the log as a version without them left it. */
async function dropBlocks(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('humas-kanal');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('csvBlocks', 'readwrite');
          tx.objectStore('csvBlocks').clear();
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

export async function dashboardFigures(runs: number): Promise<Figure[]> {
  const coldRender = launchSamples();
  const warmRender = launchSamples();
  const tenEntries: Renders = { cold: [], warm: [] };
  const bareCold: number[] = [];
  const csv = launchSamples();
  const firstCsv: number[] = [];
  const background: number[] = [];
  const everyBlock: number[] = [];
  const blobFloor: number[] = [];
  const logFloor: number[] = [];
  for (let run = 0; run < runs; run++) {
    coldRender.next();
    warmRender.next();
    csv.next();
    const renders = await firstRenders(ENTRIES, async (page, context) => {
      // The entries were written straight into the log, as by a version before the CSV blocks (or
      // as an update that changes the CSV format leaves them: every block stale). The five loads
      // above may have begun writing blocks in the background: they are dropped, and the dashboard
      // opened again, which writes them all in the background once its figures are drawn.
      const url = await dashboardUrl(context);
      await dropBlocks(page);
      await page.goto(url);
      await page.waitForFunction(() => performance.getEntriesByName('hk-csv-prepared').length > 0, undefined, { timeout: 120_000 });
      const prepared = await page.evaluate(() => {
        const entry = performance.getEntriesByName('hk-csv-prepared')[0] as PerformanceMeasure;
        return { duration: entry.duration, ...(entry.detail as { blocks: number }) };
      });
      if (!(prepared.blocks > ENTRIES / 256)) throw new Error(`the background wrote ${prepared.blocks} blocks`);
      background.push(prepared.duration);
      // The first export after the update (what the background left: nothing), then three more.
      for (let i = 0; i < 4; i++) {
        const took = await exportCsv(page);
        if (i === 0) firstCsv.push(took);
        else csv.add(took);
      }
      for (let i = 0; i < 3; i++) blobFloor.push(await blocksToBlob(page));
      for (let i = 0; i < 3; i++) logFloor.push(await readLog(page));
      // An export clicked before the background has written anything (its one run is over): it writes every block.
      await dropBlocks(page);
      everyBlock.push(await exportCsv(page));
    }, bareCold);
    renders.cold.forEach(coldRender.add);
    renders.warm.forEach(warmRender.add);
    const floor = await firstRenders(10);
    tenEntries.cold.push(...floor.cold);
    tenEntries.warm.push(...floor.warm);
  }
  return [
    {
      name: 'dashboard first render, cold (first load after a browser launch), 100,000 entries', unit: 'ms', ...coldRender.figure(), goal: { median: 300 },
      note: `navigation start → first rows painted; ${COLD_LAUNCHES} launches per run`, floor: { name: 'the same, over 10 entries', samples: tenEntries.cold },
    },
    {
      // Where the cold render's time goes: the first read of a 100,000-entry database after a launch, whatever reads it.
      name: `IndexedDB cold: the newest ${FIRST_ROWS} rows read in a bare extension document after a browser launch, 100,000 entries`, unit: 'ms', samples: bareCold,
      note: `database opened → ${FIRST_ROWS} rows by the postedAt index, plain IndexedDB; ${COLD_LAUNCHES} launches per run`,
    },
    {
      name: 'dashboard first render, warm (reloads in the same browser), 100,000 entries', unit: 'ms', ...warmRender.figure(), goal: { median: 300 },
      note: `navigation start → first rows painted; ${WARM_LOADS} reloads per launch`, floor: { name: 'the same, over 10 entries', samples: tenEntries.warm },
    },
    {
      // The product also counts the log's posts, to know the blocks hold them all (3 counts: ~250 ms
      // of the ~550 here under load), and shows progress: measured 1.7–2.0× the floor.
      name: 'CSV export from the stored blocks, 100,000 entries', unit: 'ms', ...csv.figure(), goal: { median: 2000 }, note: 'click → file built',
      floor: { name: 'the same blocks read from IndexedDB into a Blob', samples: blobFloor }, ratioGoal: { factor: 2 },
    },
    {
      name: 'CSV export, first after an update, 100,000 entries', unit: 'ms', samples: firstCsv, goal: { median: 2000 },
      note: 'click → file built, the blocks written in the background since the dashboard opened (next figure)',
    },
    {
      name: 'CSV blocks written in the background after an update, 100,000 entries', unit: 'ms', samples: background,
      note: "dashboard's figures drawn → every block written", floor: { name: "the log's entries read from IndexedDB", samples: logFloor },
    },
    {
      name: 'CSV export writing every block (clicked before the background wrote any), 100,000 entries', unit: 'ms', samples: everyBlock,
      note: 'click → file built', floor: { name: "the log's entries read from IndexedDB", samples: logFloor },
    },
  ];
}
