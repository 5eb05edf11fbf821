// Feed spec v1.2 in the real service worker: a signed answer replayed to another request is refused
// with a message and changes nothing; the withdrawal it would have skipped is applied at the next
// honest sync; `complete` spliced onto the last page of a cursor's answer removes nothing.
import { readFileSync } from 'node:fs';
import { loadPrivateKey } from '../../library/keys';
import { startLibraryServer, type LibraryServer } from '../../library/server';
import { sampleItem } from '../support/sample-items';
import { expect, test } from './harness';
import { SidebarPage } from './pages';

const DEV_KEY = new URL('../../library/dev-keys/', import.meta.url).pathname;
const publicKey = readFileSync(`${DEV_KEY}dev-ed25519-public.txt`, 'utf8').trim();
let server: LibraryServer;

test.beforeEach(async () => {
  const items = ['program-satu', 'program-dua', 'hoaks-lama', 'program-tiga', 'program-empat'].map((id) => sampleItem(id, { title: `Konten ${id}` }));
  // Pages of two: every later sync from a cursor spans several pages.
  server = await startLibraryServer({ items, pageSize: 2, signingKey: loadPrivateKey(readFileSync(`${DEV_KEY}dev-ed25519-private.pem`, 'utf8')) });
});
test.afterEach(() => server.close());

test('a replayed answer for the newest cursor is refused and skips nothing; a spliced complete page removes nothing', { tag: '@hostile' }, async ({ context, configure }) => {
  await configure({ libraryUrl: server.url, publicKey });
  const page = await context.newPage();
  await page.goto('https://x.com/compose/post');
  const sidebar = new SidebarPage(page);
  const syncNow = () => sidebar.root.getByTestId('hk-sync-now').click();
  await expect(sidebar.items()).toHaveCount(5);

  // The ministry withdraws an item; someone on the network serves every request the fresh, signed,
  // empty answer to `?since=<newest>`.
  server.withdraw('hoaks-lama');
  server.setFault('replayNewest');
  await syncNow();
  await expect(sidebar.status()).toHaveText(/^Jawaban pustaka bukan untuk permintaan ini .*5 konten/);
  await expect(sidebar.item('hoaks-lama')).toHaveCount(1);

  server.setFault('none');
  await syncNow();
  await expect(sidebar.status()).toHaveText(/^4 konten · sinkron terakhir/);
  await expect(sidebar.item('hoaks-lama')).toHaveCount(0);

  // Three new items (two pages from the cursor); the last page claims to be a complete snapshot.
  server.setFault('completeOnLastPage');
  for (const id of ['baru-a', 'baru-b', 'baru-c']) server.upsert(sampleItem(id, { title: `Konten ${id}` }));
  await syncNow();
  await expect(sidebar.status()).toHaveText(/^7 konten · sinkron terakhir/);
  for (const id of ['program-satu', 'program-dua', 'program-tiga', 'program-empat', 'baru-a', 'baru-c']) await expect(sidebar.item(id)).toHaveCount(1);
});
