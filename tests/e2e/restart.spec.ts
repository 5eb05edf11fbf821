// A browser restart in the middle of an officer's day: the profile survives, the extension must too.
// Library offline after the restart, posting log chain continued, report outbox sent exactly once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Worker } from '@playwright/test';
import { startLibraryServer } from '../../library/server';
import { eventually } from '../support/eventually';
import { configureExtension, expect, readPosts, readStore, test } from './harness';
import { launchWithExtension, serviceWorkerOf } from '../support/launch';
import { DashboardPage, fixture, SidebarPage } from './pages';

interface Entry { id: string; hash: string; prevHash: string; itemId: string; postUrl?: string }

/** Posts one item on X and waits until its entry is complete (post URL included): nothing is still being written. */
async function postOnX(context: BrowserContext, sw: Worker, itemId: string): Promise<void> {
  const page = await context.newPage();
  await page.goto('https://x.com/compose/post');
  const sidebar = new SidebarPage(page);
  await sidebar.insert(itemId);
  await expect.poll(() => fixture.text(page)).not.toBe('');
  await page.getByTestId('tweetButton').click();
  await expect.poll(() => fixture.posts(page)).toHaveLength(1);
  await expect.poll(async () => (await readPosts<Entry>(sw)).find((e) => e.itemId === itemId)?.postUrl).toMatch(/^https:\/\/x\.com\//);
  await page.close();
}

test('a browser restart loses nothing and doubles nothing: library offline, log chain continued, outbox sent once', { tag: '@hostile' }, async ({ library }) => {
  test.setTimeout(90_000);
  const profileDir = mkdtempSync(join(tmpdir(), 'hk-restart-'));
  // The report server is down for the whole first session: entries wait in the outbox.
  const probe = await startLibraryServer();
  const reportPort = Number(new URL(probe.url).port);
  await probe.close();
  let reports: Awaited<ReturnType<typeof startLibraryServer>> | undefined;
  try {
    const first = await launchWithExtension({ profileDir });
    const sw = await serviceWorkerOf(first.context);
    await configureExtension(sw, { libraryUrl: library.url, reportUrl: `http://127.0.0.1:${reportPort}` });
    await postOnX(first.context, sw, 'cek-kesehatan-gratis-2026');
    await postOnX(first.context, sw, 'cek-bansos-resmi');
    // Each post on X is three entries: the post, X's confirmation, the post's address.
    const before = await readStore<Entry & { seq: number }>(sw, 'log');
    expect(before).toHaveLength(6);
    expect(await readStore(sw, 'outbox')).toHaveLength(6);
    await first.close();

    // The library is unreachable after the restart: the officer still has the whole library.
    library.setFault('error500');
    const second = await launchWithExtension({ profileDir });
    const sw2 = await serviceWorkerOf(second.context);
    expect(await readStore(sw2, 'log')).toEqual(before);
    expect(await readStore(sw2, 'outbox')).toHaveLength(6);
    const page = await second.context.newPage();
    await page.goto('https://x.com/compose/post');
    const sidebar = new SidebarPage(page);
    await expect(sidebar.items()).toHaveCount(31);
    await page.close();
    await postOnX(second.context, sw2, 'imunisasi-anak-lengkap');
    const after = (await readStore<Entry & { seq: number }>(sw2, 'log')).sort((a, b) => a.seq - b.seq);
    expect(after).toHaveLength(9);
    // The new post continues the chain from the last entry written before the restart.
    expect(after[6]!.prevHash).toBe(after[5]!.hash);
    expect((await readPosts(sw2)).map((p) => p.status)).toEqual(['confirmed', 'confirmed', 'confirmed']);

    // The report server comes back: every entry arrives once, and the chain checks out.
    reports = await startLibraryServer({ port: reportPort });
    const dashboard = await DashboardPage.open(second.context, new URL(sw2.url()).host);
    await dashboard.sendNow();
    // Done when the outbox is empty (nothing more will be sent); counted from the server's record,
    // annotated before anything is asserted.
    const outbox = await eventually(() => readStore(sw2, 'outbox').then((rows) => rows.length), (n) => n === 0, 10_000);
    const ids = after.map((e) => e.id);
    const lost = reports.lost(ids);
    const doubled = reports.doubled();
    test.info().annotations.push({ type: 'lost', description: String(lost) }, { type: 'doubled', description: String(doubled) });
    expect({ lost, doubled, outbox, entries: after.length, stored: reports.reports.size }).toEqual({ lost: 0, doubled: 0, outbox: 0, entries: 9, stored: 9 });
    await expect(await dashboard.checkChain()).toHaveText('Rantai utuh: 9 entri diperiksa di 1 rantai.');
    await second.close();
  } finally {
    library.setFault('none');
    await reports?.close();
    rmSync(profileDir, { recursive: true, force: true });
  }
});
