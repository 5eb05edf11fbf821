// Report upload in the real service worker: 10,000 entries through an endpoint that fails every
// other request, with the worker stopped mid-way and restarted. Nothing lost, nothing doubled.
import { startLibraryServer } from '../../library/server';
import { expect, test } from './harness';

test('10,000 entries reach a flaky report endpoint exactly once each across a worker restart', { tag: '@hostile' }, async ({ context, configure, serviceWorker, extensionId, library }) => {
  test.setTimeout(120_000);
  await configure();
  const reports = await startLibraryServer();
  try {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/popup.html`);
    // 10,000 logged posts, as the log would have written them (entry + outbox row each).
    const ids = await page.evaluate(() => new Promise<string[]>((resolve, reject) => {
      const open = indexedDB.open('humas-kanal');
      open.onsuccess = () => {
        const tx = open.result.transaction(['log', 'outbox'], 'readwrite');
        const made: string[] = [];
        for (let i = 0; i < 10_000; i++) {
          const id = crypto.randomUUID();
          made.push(id);
          tx.objectStore('log').add({ id, postedAt: new Date(Date.UTC(2026, 10, 1) + i * 1000).toISOString(), platform: 'x', itemId: `item-${i % 30}`, itemVersion: 1, mediaIds: [], text: `Posting ${i}`, edited: false, account: '@humas', pageUrl: 'https://x.com/compose/post', officerName: 'Sari', agency: 'Diskominfo', prevHash: '', hash: '', chain: 'local', program: 'Kesehatan' });
          tx.objectStore('outbox').add({ id, attempts: 0, nextAttemptAt: 0 });
        }
        tx.oncomplete = () => resolve(made);
        tx.onerror = () => reject(tx.error);
      };
    }));

    reports.setReportFlaky(true);
    reports.setReportDelay(150);
    await serviceWorker.evaluate((s) => chrome.storage.local.set({ settings: s }), { libraryUrl: library.url, reportUrl: reports.url });
    await expect.poll(() => reports.reports.size, { timeout: 30_000 }).toBeGreaterThanOrEqual(2000);

    // Stop the worker in the middle of the upload; the old worker handle is dead from here on.
    const cdp = await context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    const atStop = reports.reports.size;
    expect(atStop).toBeLessThan(10_000);

    // Any extension activity starts the worker again, and a starting worker sends its outbox.
    await page.reload();
    await expect.poll(() => reports.reports.size, { timeout: 60_000 }).toBe(10_000);
    expect(new Set(reports.reports.keys())).toEqual(new Set(ids));
    const stored = [...reports.reports.keys()];
    test.info().annotations.push({ type: 'lost', description: String(ids.filter((id) => !reports.reports.has(id)).length) });
    test.info().annotations.push({ type: 'doubled', description: String(stored.length - new Set(stored).size) });
    await page.reload();
    await expect(page.getByTestId('hk-pending')).toHaveText('Entri menunggu dikirim: 0');
  } finally {
    await reports.close();
  }
});
