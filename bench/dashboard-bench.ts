// Dashboard figures with 100,000 log entries: first render (navigation start → first rows drawn)
// and CSV export of all entries.
import { launchWithExtension } from '../tests/e2e/launch';
import { serviceWorkerOf } from './extension-tools';
import type { Figure } from './stats';

const ENTRIES = 100_000;

export async function dashboardFigures(runs: number): Promise<Figure[]> {
  const firstRender: number[] = [];
  const csv: number[] = [];
  for (let run = 0; run < runs; run++) {
    const { context, close } = await launchWithExtension();
    try {
      const sw = await serviceWorkerOf(context);
      const url = `chrome-extension://${new URL(sw.url()).host}/dashboard.html`;
      const page = await context.newPage();
      await page.goto(url);
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
              tx.oncomplete = () => resolve();
              tx.onerror = () => reject(tx.error);
            };
          }),
        ENTRIES,
      );
      for (let i = 0; i < 5; i++) {
        await page.goto(url);
        await page.getByTestId('hk-log-row').first().waitFor();
        firstRender.push(await page.evaluate(() => performance.getEntriesByName('hk-first-rows')[0]!.startTime));
        // Let the page finish its background reads (keys, charts) before the next load.
        await page.waitForFunction(() => performance.getEntriesByName('hk-stats-ready').length > 0, undefined, { timeout: 60_000 });
      }
      for (let i = 0; i < 3; i++) {
        const download = page.waitForEvent('download');
        await page.getByTestId('hk-export-csv').click();
        await download;
        csv.push(await page.evaluate(() => performance.getEntriesByName('hk-csv-export').at(-1)!.duration));
      }
    } finally {
      await close();
    }
  }
  return [
    { name: 'dashboard first render, 100,000 entries', unit: 'ms', samples: firstRender, goal: { median: 300 }, note: 'navigation start → first rows drawn' },
    { name: 'CSV export, 100,000 entries', unit: 'ms', samples: csv, goal: { median: 2000 } },
  ];
}
