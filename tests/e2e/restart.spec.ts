// A browser restart in the middle of an officer's day: the profile survives, the extension must too.
// Library offline after the restart, posting log chain continued, report outbox sent exactly once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from '@playwright/test';
import { startLibraryServer } from '../../library/server';
import { configureExtension, expect, readStore, test } from './harness';
import { launchWithExtension, serviceWorkerOf } from './launch';
import { fixture, SidebarPage } from './pages';

interface Entry { id: string; hash: string; prevHash: string; itemId: string }

async function postOnX(context: BrowserContext, itemId: string): Promise<void> {
  const page = await context.newPage();
  await page.goto('https://x.com/compose/post');
  const sidebar = new SidebarPage(page);
  await sidebar.insert(itemId);
  await expect.poll(() => fixture.text(page)).not.toBe('');
  await page.getByTestId('tweetButton').click();
  await expect.poll(() => fixture.posts(page)).toHaveLength(1);
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
    await postOnX(first.context, 'cek-kesehatan-gratis-2026');
    await postOnX(first.context, 'cek-bansos-resmi');
    await expect.poll(() => readStore(sw, 'log')).toHaveLength(2);
    const before = await readStore<Entry>(sw, 'log');
    expect(await readStore(sw, 'outbox')).toHaveLength(2);
    await first.close();

    // The library is unreachable after the restart: the officer still has the whole library.
    library.setFault('error500');
    const second = await launchWithExtension({ profileDir });
    const sw2 = await serviceWorkerOf(second.context);
    expect(await readStore<Entry>(sw2, 'log')).toEqual(before);
    expect(await readStore(sw2, 'outbox')).toHaveLength(2);
    const page = await second.context.newPage();
    await page.goto('https://x.com/compose/post');
    const sidebar = new SidebarPage(page);
    await expect(sidebar.items()).toHaveCount(31);
    await page.close();
    await postOnX(second.context, 'imunisasi-anak-lengkap');
    await expect.poll(() => readStore(sw2, 'log')).toHaveLength(3);
    const after = await readStore<Entry>(sw2, 'log');
    expect(after[2]!.prevHash).toBe(after[1]!.hash);

    // The report server comes back: every entry arrives once, and the chain checks out.
    reports = await startLibraryServer({ port: reportPort });
    const dashboard = await second.context.newPage();
    await dashboard.goto(`chrome-extension://${new URL(sw2.url()).host}/dashboard.html`);
    await dashboard.getByRole('button', { name: 'Kirim sekarang' }).click();
    await expect.poll(() => reports!.reports.size).toBe(3);
    await expect.poll(() => readStore(sw2, 'outbox')).toHaveLength(0);
    await dashboard.getByTestId('hk-chain-check').click();
    await expect(dashboard.getByTestId('hk-dashboard-notice')).toHaveText('Rantai utuh: 3 entri diperiksa di 1 rantai.');
    const ids = after.map((e) => e.id);
    test.info().annotations.push({ type: 'lost', description: String(ids.filter((id) => !reports!.reports.has(id)).length) });
    test.info().annotations.push({ type: 'doubled', description: String(after.length - new Set(ids).size + (reports.reports.size - ids.length)) });
    expect(new Set(reports.reports.keys())).toEqual(new Set(ids));
    await second.close();
  } finally {
    library.setFault('none');
    await reports?.close();
    rmSync(profileDir, { recursive: true, force: true });
  }
});
