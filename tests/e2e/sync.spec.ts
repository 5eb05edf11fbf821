// The library sync in the real service worker: faults keep the last good library and say why,
// withdrawals vanish, and a worker stopped mid-sync resumes from its last committed page.
import { readFileSync } from 'node:fs';
import { loadPrivateKey } from '../../library/keys';
import { startLibraryServer, type FeedFault, type LibraryServer } from '../../library/server';
import { expect, readStore, readStoredItems, test } from './harness';
import { SidebarPage } from './pages';

const CONTENT_DIR = new URL('../../library/content/', import.meta.url).pathname;
const DEV_KEY = new URL('../../library/dev-keys/', import.meta.url).pathname;
let server: LibraryServer;

test.beforeEach(async () => {
  server = await startLibraryServer({ contentDir: CONTENT_DIR, signingKey: loadPrivateKey(readFileSync(`${DEV_KEY}dev-ed25519-private.pem`, 'utf8')) });
});
test.afterEach(() => server.close());

const FAULTS: [FeedFault, RegExp][] = [
  ['error500', /^Server pustaka menjawab dengan galat 500/],
  ['truncated', /^Format feed pustaka tidak valid/],
  ['wrongContentType', /^Format feed pustaka tidak valid/],
];

test('a failing library keeps the last good copy usable and the status says why', { tag: '@hostile' }, async ({ context, configure, serviceWorker }) => {
  await configure({ libraryUrl: server.url });
  const page = await context.newPage();
  await page.goto('https://x.com/compose/post');
  const sidebar = new SidebarPage(page);
  await expect(sidebar.items()).toHaveCount(31);
  server.withdraw('cek-bansos-resmi'); // a change the failing syncs must not apply
  for (const [fault, message] of FAULTS) {
    server.setFault(fault);
    await sidebar.root.locator('[data-testid="hk-sync-now"]').click();
    await expect(sidebar.status()).toHaveText(message);
    await expect(sidebar.status()).toContainText('31 konten');
    await expect(sidebar.item('cek-bansos-resmi')).toHaveCount(1);
  }
  // With the ministry's public key set, a forged signature changes nothing either.
  const publicKey = readFileSync(`${DEV_KEY}dev-ed25519-public.txt`, 'utf8').trim();
  await serviceWorker.evaluate((s) => chrome.storage.local.set({ settings: s }), { libraryUrl: server.url, publicKey });
  server.setFault('badSignature');
  await sidebar.root.locator('[data-testid="hk-sync-now"]').click();
  await expect(sidebar.status()).toHaveText(/^Tanda tangan tidak valid.*31 konten/);
  await expect(sidebar.item('cek-bansos-resmi')).toHaveCount(1);
  server.setFault('none');
  await sidebar.root.locator('[data-testid="hk-sync-now"]').click();
  await expect(sidebar.status()).toHaveText(/^30 konten · sinkron terakhir/);
  await expect(sidebar.item('cek-bansos-resmi')).toHaveCount(0);
});

test('withdrawn content vanishes at the next sync, with its cached image', { tag: '@hostile' }, async ({ context, configure, serviceWorker }) => {
  await configure({ libraryUrl: server.url });
  expect((await readStore(serviceWorker, 'media')).length).toBe(16);
  const page = await context.newPage();
  await page.goto('https://x.com/compose/post');
  const sidebar = new SidebarPage(page);
  await expect(sidebar.item('hoaks-vaksin-chip')).toHaveCount(1);
  server.withdraw('hoaks-vaksin-chip');
  await sidebar.root.locator('[data-testid="hk-sync-now"]').click();
  await expect(sidebar.item('hoaks-vaksin-chip')).toHaveCount(0);
  expect((await readStore(serviceWorker, 'media')).length).toBe(15);
  expect((await readStoredItems(serviceWorker)).length).toBe(31);
});

test('a service worker stopped in the middle of a multi-page sync resumes from the last committed page', { tag: '@hostile' }, async ({ context, serviceWorker }) => {
  const paged = await startLibraryServer({ contentDir: CONTENT_DIR, pageSize: 3 });
  try {
    // The third page request never answers (the server logs a request before it looks at faults):
    // the worker is stopped with two pages committed and the third in flight, whatever the timing.
    const log = paged.feedLog;
    log.push = (...since: string[]) => {
      const n = Array.prototype.push.apply(log, since);
      if (n === 3) paged.setFault('hang');
      return n;
    };
    await serviceWorker.evaluate((url) => chrome.storage.local.set({ settings: { libraryUrl: url } }), paged.url);
    await expect.poll(async () => ({ stored: (await readStoredItems(serviceWorker)).length, requests: log.length }), { timeout: 10_000 }).toEqual({ stored: 6, requests: 3 });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    // The old worker handle is dead from here on: the page and the server tell the rest.
    const requestsAtStop = log.length;
    expect(requestsAtStop).toBe(3); // 33 changes in pages of 3: stopped at the third

    paged.setFault('none');
    await page.goto('https://x.com/compose/post');
    const sidebar = new SidebarPage(page);
    await sidebar.root.locator('[data-testid="hk-sync-now"]').click();
    await expect(sidebar.status()).toHaveText(/^31 konten · sinkron terakhir/);
    await expect(sidebar.items()).toHaveCount(31);
    // The resumed sync started from a committed cursor, not from the beginning.
    const resumed = paged.feedLog.slice(requestsAtStop);
    expect(resumed[0]).not.toBe('');
    expect(paged.feedLog.filter((since) => since === '').length).toBe(1);
  } finally {
    await paged.close();
  }
});

test('a library that never answers times out and the last good copy stays', { tag: '@hostile' }, async ({ context, configure }) => {
  test.setTimeout(75_000);
  await configure({ libraryUrl: server.url });
  const page = await context.newPage();
  await page.goto('https://x.com/compose/post');
  const sidebar = new SidebarPage(page);
  server.setFault('hang');
  await sidebar.root.locator('[data-testid="hk-sync-now"]').click();
  await expect(sidebar.status()).toHaveText(/^Server pustaka tidak menjawab.*31 konten/, { timeout: 45_000 });
  await expect(sidebar.items()).toHaveCount(31);
});
