// Hostile conditions (`npm run test:hostile` runs every test tagged @hostile): a page that attacks
// the sidebar, captions built to break things, a huge feed page, a broken envelope, an oversized image.
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLibraryServer } from '../../library/server';
import { makeItems } from '../support/generate-items';
import { sampleItem } from '../support/sample-items';
import { expect, OFFICER, readPosts, readStore, test } from './harness';
import { fixture, SidebarPage } from './pages';
import { afterPostCheck, sidebarClicks } from './post-signals';

test('a hostile page cannot drive the sidebar, message the extension, read settings from it, or create log entries', { tag: '@hostile' }, async ({ context, configure, serviceWorker, extensionId, library }) => {
  await configure({ reportUrl: 'https://laporan.rahasia.example.go.id' });
  const page = await context.newPage();
  await page.goto('https://x.com/compose/post');
  const sidebar = new SidebarPage(page);
  await expect(sidebar.items()).toHaveCount(31);
  const feedRequests = library.stats.feedRequests;
  const clicksBefore = await sidebarClicks(page);
  const answers = await page.evaluate(async (id) => {
    const root = document.querySelector('humas-kanal-sidebar')!.shadowRoot!;
    const insert = root.querySelector<HTMLElement>('[data-testid="hk-insert"]')!;
    const syncNow = root.querySelector<HTMLElement>('[data-testid="hk-sync-now"]')!;
    // DOM events dispatched into the shadow root: clicks, keys on the buttons, a form submit.
    for (const target of [insert, syncNow]) {
      target.click();
      target.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, detail: 1, clientX: 5, clientY: 5 }));
      target.dispatchEvent(new PointerEvent('pointerup', { bubbles: true, composed: true }));
      for (const key of ['Enter', ' ']) target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true }));
      target.closest('form')?.requestSubmit();
    }
    // Runtime messages straight from the page (only possible if the extension were externally connectable).
    const runtime = (globalThis as { chrome?: { runtime?: { sendMessage?: (id: string, m: object) => Promise<unknown> } } }).chrome?.runtime;
    const answers: string[] = [];
    for (const message of [{ type: 'log.post', token: 'x', text: 'palsu', account: '', pageUrl: location.href }, { type: 'status.get' }, { type: 'report.uploadNow' }]) {
      try {
        answers.push(JSON.stringify(await runtime!.sendMessage!(id, message)));
      } catch (err) {
        answers.push(`refused: ${(err as Error).message}`);
      }
    }
    return answers;
  }, extensionId);
  // Two clicks on each of the two buttons (click() and a dispatched MouseEvent): the checks below run
  // once the sidebar has decided about all four (refused; an accepted one counts when its insert or
  // sync has finished, so without the isTrusted guard they see its effects).
  await expect.poll(() => sidebarClicks(page), { message: 'the sidebar decided about the forged clicks' }).toBe(clicksBefore + 4);
  const text = await page.evaluate(() => document.querySelector('humas-kanal-sidebar')!.shadowRoot!.textContent ?? '');
  expect(answers).toHaveLength(3);
  for (const answer of answers) expect(answer).toMatch(/^refused: /);
  expect(library.stats.feedRequests).toBe(feedRequests);
  expect(await fixture.text(page)).toBe('');
  expect(await fixture.files(page)).toHaveLength(0);
  for (const secret of [library.url, 'laporan.rahasia', OFFICER.officerName]) expect(text).not.toContain(secret);

  // A composer that really received library content, Post enabled: only the post watcher's
  // isTrusted guard stands between the page's scripted Ctrl+Enter or click and a log entry.
  const forged = { 'Ctrl+Enter': forgedPostKey, click: forgedPostClick };
  for (const [how, forge] of Object.entries(forged)) {
    await page.goto('https://x.com/compose/post');
    await sidebar.insert('cek-kesehatan-gratis-2026');
    await expect.poll(async () => (await fixture.files(page)).length).toBe(1);
    await expect.poll(() => fixture.text(page)).toContain('Cek Kesehatan Gratis');
    await expect(page.getByTestId('tweetButton')).not.toHaveAttribute('aria-disabled', 'true');
    const signals = await afterPostCheck(page, () => page.evaluate(forge));
    await expect.poll(() => fixture.posts(page), { message: `the site took the scripted ${how}` }).toHaveLength(1);
    expect({ how, entriesSent: signals.intents, logged: await readPosts(serviceWorker) }).toEqual({ how, entriesSent: 0, logged: [] });
  }
});

/** The site's own Ctrl+Enter, dispatched by a page script on the editor. */
function forgedPostKey(): void {
  document.querySelector<HTMLElement>('[data-testid="tweetTextarea_0"]')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true, cancelable: true }));
}
/** Post clicked by a page script. */
function forgedPostClick(): void {
  document.querySelector<HTMLElement>('[data-testid="tweetButton"]')!.click();
}

test('captions of 100 KB with zero-width and bidi characters go in literally and stay inside the composer', { tag: '@hostile' }, async ({ context, configure }) => {
  const caption = `\u200B\u200D\u202E<svg onload=alert(1)>javascript:alert(1)\u2066 ${'Teks panjang resmi. '.repeat(5000)}`;
  const server = await startLibraryServer({ items: [sampleItem('teks-raksasa', { captions: { default: caption }, hashtags: [], link: undefined })] });
  try {
    await configure({ libraryUrl: server.url });
    const page = await context.newPage();
    await page.goto('https://www.facebook.com/');
    await page.getByRole('button', { name: 'Create post' }).click();
    const sidebar = new SidebarPage(page);
    await sidebar.insert('teks-raksasa');
    await expect.poll(() => fixture.text(page), { timeout: 15_000 }).toBe(caption);
    expect(await page.locator('svg[onload]').count()).toBe(0);
    // Outside the composer and the sidebar, the page holds none of it.
    const leaked = await page.evaluate(() => [...document.body.children].filter((el) => el.tagName !== 'HUMAS-KANAL-SIDEBAR' && el.getAttribute('role') !== 'dialog').some((el) => el.textContent?.includes('Teks panjang resmi')));
    expect(leaked).toBe(false);
  } finally {
    await server.close();
  }
});

test('10,000 items in one page, an oversized image, wrong image bytes and a broken envelope: exact counts, clear status, last good library kept', { tag: '@hostile' }, async ({ context, configure, serviceWorker }) => {
  test.setTimeout(90_000);
  const dir = mkdtempSync(join(tmpdir(), 'hk-hostile-'));
  const big = Buffer.alloc(20_000_000, 7); // 20 MB, declared as a small image
  writeFileSync(join(dir, 'big.png'), big);
  const declared = { id: 'besar', url: 'media/big.png', mime: 'image/png' as const, sha256: createHash('sha256').update(big).digest('hex'), bytes: 1_000_000, width: 100, height: 100, alt: 'besar' };
  // The right size, but not the bytes the library signed for (a tampered or corrupted image).
  const tampered = Buffer.alloc(2_000, 9);
  writeFileSync(join(dir, 'tampered.png'), tampered);
  const wrongSha = { ...declared, id: 'palsu', url: 'media/tampered.png', sha256: 'ab'.repeat(32), bytes: tampered.length };
  const items = [...makeItems(10_000), sampleItem('gambar-terlalu-besar', { media: [declared] }), sampleItem('gambar-diubah', { media: [wrongSha] }), { ...sampleItem('x'), id: 'TIDAK VALID' } as never];
  const files = new Map([
    ['media/big.png', { path: join(dir, 'big.png'), mime: 'image/png' }],
    ['media/tampered.png', { path: join(dir, 'tampered.png'), mime: 'image/png' }],
  ]);
  const server = await startLibraryServer({ items, pageSize: 20_000, files });
  try {
    await configure({ libraryUrl: server.url });
    const page = await context.newPage();
    await page.goto('https://x.com/compose/post');
    const sidebar = new SidebarPage(page);
    await expect(sidebar.status()).toHaveText(/^10.002 konten · sinkron terakhir .* · 1 konten tidak valid dilewati · 2 gambar belum tersedia$/);
    await expect(sidebar.item('gambar-terlalu-besar').locator('[data-testid="hk-download"]')).toBeDisabled();
    await expect(sidebar.item('gambar-diubah').locator('[data-testid="hk-download"]')).toBeDisabled();
    const media = await readStore<{ sha256: string; state: string; blob?: Blob }>(serviceWorker, 'media');
    expect(media.find((m) => m.sha256 === wrongSha.sha256)).toMatchObject({ state: 'rejected' });
    expect(media.find((m) => m.sha256 === wrongSha.sha256)?.blob).toBeUndefined();

    server.upsert(sampleItem('konten-baru')); // a real change, so the feed is read again
    server.setFault('badEnvelope');
    await sidebar.root.locator('[data-testid="hk-sync-now"]').click();
    await expect(sidebar.status()).toHaveText(/^Format feed pustaka tidak valid.*10.002 konten/);
  } finally {
    await server.close();
  }
});

test('when X ships new markup the sidebar falls back to copy and download with a message, and the page keeps working', { tag: '@hostile' }, async ({ context, configure, serviceWorker }) => {
  await configure();
  const page = await context.newPage();
  const errors: Error[] = [];
  page.on('pageerror', (err) => errors.push(err));
  await page.goto('https://x.com/compose/post?redesign');
  const sidebar = new SidebarPage(page);
  await expect(sidebar.root.locator('[data-testid="hk-degraded"]')).toContainText('Kotak tulis situs ini tidak dikenali');
  await expect(sidebar.items()).toHaveCount(31);
  await expect(sidebar.root.locator('[data-testid="hk-insert"]')).toHaveCount(0);

  const { preview, clipboard } = await sidebar.copy('cek-bansos-resmi');
  await expect(sidebar.notice()).toContainText('Teks sudah disalin');
  expect(clipboard).toBe(preview);
  expect(await sidebar.download('cek-bansos-resmi')).toBe('cek-bansos-resmi-1.jpg');

  // The officer pastes by hand and posts: the site works as before, the extension stays out of it.
  await page.getByTestId('postComposer_body').click();
  await page.keyboard.insertText('Ditempel manual');
  await page.getByTestId('postComposer_submit').click();
  await expect.poll(() => fixture.posts(page)).toHaveLength(1);
  expect((await fixture.posts(page))[0]!.text).toBe('Ditempel manual');
  // Leaving the compose page takes the sidebar away.
  await expect(sidebar.root).toHaveCount(0);
  expect(errors).toEqual([]);
  expect(await readPosts(serviceWorker)).toHaveLength(0);
});

test('a full disk while caching images: a clear message, and the library text still inserts', { tag: '@hostile' }, async ({ context, configure, serviceWorker }) => {
  // The extension holds `unlimitedStorage`, so Chromium never enforces a quota on it (a CDP quota
  // override is ignored); what remains is the disk filling up, which IndexedDB reports as
  // QuotaExceededError. The worker's IndexedDB refuses every image blob the same way here.
  await serviceWorker.evaluate(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (value: unknown, key?: IDBValidKey) {
      if ((value as { blob?: unknown })?.blob instanceof Blob) throw new DOMException('The disk is full', 'QuotaExceededError');
      return put.call(this, value, key);
    };
  });
  await configure();
  const page = await context.newPage();
  await page.goto('https://x.com/compose/post');
  const sidebar = new SidebarPage(page);
  await expect(sidebar.status()).toContainText('Penyimpanan browser penuh — gambar tidak dapat disimpan');
  await expect(sidebar.status()).toContainText('31 konten');
  await expect(sidebar.items()).toHaveCount(31);
  const card = sidebar.item('cek-kesehatan-gratis-2026');
  await expect(card.locator('.hk-meta')).toContainText('Gambar belum tersedia');
  const preview = await card.locator('[data-testid="hk-preview"]').innerText();
  await card.locator('[data-testid="hk-insert"]').click();
  // The text goes in at once; the image is tried on demand, cannot be stored, and the officer is told.
  await expect(sidebar.notice()).toHaveText('Teks disisipkan, tetapi infografisnya tidak dapat diunduh sekarang. Coba lagi nanti atau unduh dari kartu ini.');
  expect(await fixture.text(page)).toBe(preview);
  expect(await fixture.files(page)).toEqual([]);
  const media = await readStore<{ state: string; blob?: Blob }>(serviceWorker, 'media');
  expect(media.length).toBeGreaterThan(0);
  expect(media.every((m) => m.state === 'failed' && !m.blob)).toBe(true);
});
