// Report upload in the real service worker: 10,000 entries through an endpoint that fails every
// other request, with the worker stopped mid-way and restarted. Nothing lost, nothing doubled.
import { startLibraryServer } from '../../library/server';
import { expect, test } from './harness';
import { PopupPage } from './pages';

test('10,000 entries reach a flaky report endpoint exactly once each across a worker restart', { tag: '@hostile' }, async ({ context, configure, serviceWorker, extensionId, library }) => {
  test.setTimeout(120_000);
  await configure();
  const reports = await startLibraryServer();
  try {
    const popup = await PopupPage.open(context, extensionId);
    const { page } = popup;
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

    // Stop the worker while one batch is at the server, unanswered: the server stores it but the
    // worker never hears back, so sending it again later is right, and must not count as doubled.
    const inFlight = reports.holdNextReport();
    const { clientGone } = await inFlight.held;
    const cdp = await context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await clientGone;
    inFlight.release();
    const atStop = reports.reports.size;
    expect(atStop).toBeLessThan(10_000);

    // Any extension activity starts the worker again, and a starting worker sends its outbox.
    await page.reload();
    await expect.poll(() => reports.reports.size, { timeout: 60_000 }).toBe(10_000);
    await expect.poll(() => popup.pendingAfterReload(), { timeout: 60_000 }).toBe('Entri menunggu dikirim: 0');
    const lost = reports.lost(ids);
    const doubled = reports.doubled();
    test.info().annotations.push({ type: 'lost', description: String(lost) }, { type: 'doubled', description: String(doubled) });
    expect({ lost, doubled, stored: reports.reports.size }).toEqual({ lost: 0, doubled: 0, stored: 10_000 });
  } finally {
    await reports.close();
  }
});
