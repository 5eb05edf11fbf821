// Library figures in the real service worker: first sync of 10,000 items, incremental sync of 100
// changes, search p95 over 10,000 items, worker heap after the sync.
import { startLibraryServer } from '../library/server';
import { launchWithExtension, serviceWorkerOf } from '../tests/support/launch';
import { openExtensionPage, serviceWorkerHeapBytes, setSettings, timedMessage, waitForSync } from '../tests/support/extension-tools';
import { makeItems } from '../tests/support/generate-items';
import type { Figure } from './stats';

const ITEMS = 10_000;
const QUERIES = ['banjir', 'pendaftaran sekolah', 'imunisasi', 'hoaks vaksin', 'pupuk', 'harga pasar', 'guru siswa', 'desa digital', 'bantuan warga', 'zzz tidak ada'];

export async function libraryFigures(runs: number): Promise<Figure[]> {
  const firstSync: number[] = [];
  const incremental: number[] = [];
  const search: number[] = [];
  const heap: number[] = [];
  const server = await startLibraryServer({ items: makeItems(ITEMS), pageSize: 500 });
  try {
    for (let run = 0; run < runs; run++) {
      const { context, close } = await launchWithExtension();
      try {
        const sw = await serviceWorkerOf(context);
        await setSettings(sw, { libraryUrl: server.url, agency: 'Diskominfo', region: 'Kota Malang' });
        firstSync.push(await waitForSync(sw, server.url));
        const page = await openExtensionPage(context, sw);
        heap.push((await serviceWorkerHeapBytes(context, page)) / 1024 / 1024);

        await timedMessage(page, { type: 'library.query', query: { platform: 'x' } }); // builds the search cache
        for (let i = 0; i < 20; i++) {
          for (const text of QUERIES) search.push(await timedMessage(page, { type: 'library.query', query: { text, platform: 'x', limit: 50 } }));
        }

        for (let round = 0; round < 3; round++) {
          for (const item of makeItems(100, 2 + run * 3 + round, round * 100)) server.upsert(item);
          incremental.push(await timedMessage(page, { type: 'library.syncNow' }));
        }
      } finally {
        await close();
      }
    }
  } finally {
    await server.close();
  }
  return [
    { name: 'first sync, 10,000 items (no media)', unit: 'ms', samples: firstSync, goal: { median: 2000 } },
    { name: 'incremental sync, 100 changes', unit: 'ms', samples: incremental, goal: { median: 100 } },
    { name: 'search over 10,000 items (message round trip)', unit: 'ms', samples: search, goal: { p95: 5 } },
    { name: 'service-worker heap after 10,000-item sync', unit: 'MB', samples: heap, note: 'after forced GC' },
  ];
}
