// Report upload in the real service worker: 10,000 entries through an endpoint that fails every
// third request, with the worker stopped mid-way and restarted. Nothing lost, nothing doubled.
import { startLibraryServer } from '../../library/server';
import { eventually } from '../support/eventually';
import { writeSignedEntries } from '../support/extension-tools';
import { expect, readStore, test } from './harness';
import { PopupPage } from './pages';

test('10,000 entries reach a flaky report endpoint exactly once each across a worker restart', { tag: '@hostile' }, async ({ context, configure, serviceWorker, extensionId, library }) => {
  test.setTimeout(120_000);
  await configure();
  const reports = await startLibraryServer();
  try {
    const popup = await PopupPage.open(context, extensionId);
    const { page } = popup;
    // 10,000 logged posts, as the log writes them: chained from this install's genesis, each hashed
    // (canonical JSON, keys sorted, per the feed spec) and signed with the install's own key.
    await expect.poll(() => readStore(serviceWorker, 'meta').then((rows) => rows.some((r) => r.key === 'install'))).toBe(true);
    const { ids } = await writeSignedEntries(page, 10_000);

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
    // Done when the popup says nothing waits to be sent; then counted from the server's record and
    // annotated before anything is asserted.
    const pending = await eventually(() => popup.pendingAfterReload(), (text) => text === 'Entri menunggu dikirim: 0', 60_000, 500);
    const lost = reports.lost(ids);
    const doubled = reports.doubled();
    test.info().annotations.push({ type: 'lost', description: String(lost) }, { type: 'doubled', description: String(doubled) });
    expect({ lost, doubled, pending, stored: reports.reports.size, refused: reports.ledger.rejected.length }).toEqual({ lost: 0, doubled: 0, pending: 'Entri menunggu dikirim: 0', stored: 10_000, refused: 0 });

    // Someone copies one of this install's entries, edits it and sends it under a new id: refused, counted.
    const [install] = reports.ledger.installs();
    const original = reports.reports.get(ids[5_000]!)!;
    const forged = { ...original, id: crypto.randomUUID(), text: 'Teks palsu' };
    const answer = await fetch(`${reports.url}/v1/posts`, { method: 'POST', body: JSON.stringify({ installId: install!.installId, entries: [forged] }) });
    expect(answer.status).toBe(422);
    expect(await answer.json()).toMatchObject({ rejected: [{ id: forged.id, reason: 'hash' }] });
    expect({ stored: reports.reports.size, refused: reports.ledger.rejected.length }).toEqual({ stored: 10_000, refused: 1 });
  } finally {
    await reports.close();
  }
});
