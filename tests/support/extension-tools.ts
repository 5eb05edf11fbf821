// Helpers to drive and observe the built extension from tests, the bench and the screenshots.
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { currentState, isPostEntry, type PostStatus, type StoredLogRow } from '../../utils/storage/db';
import { REQUEST_PORT } from '../../utils/shared/messages';

/** An extension page (the popup) from which messages go to the background like the UI's do. */
export async function openExtensionPage(context: BrowserContext, sw: Worker): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${new URL(sw.url()).host}/popup.html`);
  return page;
}

/** Sends one message and returns its round-trip time in ms, measured in the page. */
export function timedMessage(page: Page, message: object): Promise<number> {
  return page.evaluate(async (m) => {
    const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: object): Promise<{ ok: boolean; error?: string }> } } }).chrome.runtime;
    const t0 = performance.now();
    const reply = await runtime.sendMessage(m);
    if (!reply?.ok) throw new Error(reply?.error ?? 'no reply');
    return performance.now() - t0;
  }, message);
}

/**
 * Round trip of one request on the sidebar's request port (REQUEST_PORT), in ms, as the sidebar
 * asks while the officer types: the port stays open between calls.
 */
export function timedPortRequest(page: Page, message: object): Promise<number> {
  return page.evaluate(
    async ({ m, name }) => {
      type Port = { postMessage(m: object): void; onMessage: { addListener(l: (r: { id: number; ok: boolean; error?: string }) => void): void } };
      const g = globalThis as unknown as { chrome: { runtime: { connect(o: { name: string }): Port } }; hkPort?: { port: Port; waiting: Map<number, (r: { ok: boolean; error?: string }) => void>; next: number } };
      if (!g.hkPort) {
        const port = g.chrome.runtime.connect({ name });
        const waiting = new Map<number, (r: { ok: boolean; error?: string }) => void>();
        port.onMessage.addListener((r) => waiting.get(r.id)?.(r));
        g.hkPort = { port, waiting, next: 0 };
      }
      const state = g.hkPort;
      const id = ++state.next;
      const t0 = performance.now();
      const reply = await new Promise<{ ok: boolean; error?: string }>((resolve) => {
        state.waiting.set(id, resolve);
        state.port.postMessage({ ...m, id });
      });
      const took = performance.now() - t0;
      state.waiting.delete(id);
      if (!reply.ok) throw new Error(reply.error ?? 'no reply');
      return took;
    },
    { m: message, name: REQUEST_PORT },
  );
}

export async function setSettings(sw: Worker, settings: object): Promise<void> {
  await sw.evaluate((s) => (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }).chrome.storage.local.set({ settings: s }), settings);
}

/** Reads every row of one object store of the extension's IndexedDB, from the service worker. */
export function readStore<T = Record<string, unknown>>(sw: Worker, store: string): Promise<T[]> {
  return sw.evaluate(
    (name) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open('humas-kanal');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          if (!open.result.objectStoreNames.contains(name)) {
            open.result.close();
            resolve([]);
            return;
          }
          const req = open.result.transaction(name, 'readonly').objectStore(name).getAll();
          req.onsuccess = () => {
            open.result.close();
            resolve(req.result as T[]);
          };
          req.onerror = () => reject(req.error);
        };
      }),
    store,
  );
}

/** The library items stored in the extension's IndexedDB: its segments read raw and folded in order (later wins, removals last). */
export async function readStoredItems<T extends { id: string } = { id: string } & Record<string, unknown>>(sw: Worker): Promise<T[]> {
  const segments = (await readStore<{ seg: number; items: T[]; removed: string[] }>(sw, 'itemSegments')).sort((a, b) => a.seg - b.seg);
  const byId = new Map<string, T>();
  for (const segment of segments) {
    for (const item of segment.items) byId.set(item.id, item);
    for (const id of segment.removed) byId.delete(id);
  }
  return [...byId.values()];
}

/** How many images the extension still has to download (rows in state `pending`). */
export function pendingImages(sw: Worker): Promise<number> {
  return sw.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('humas-kanal');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('media', 'readonly').objectStore('media').index('state').count('pending');
          req.onsuccess = () => {
            open.result.close();
            resolve(req.result);
          };
          req.onerror = () => reject(req.error);
        };
      }),
  );
}

interface SyncMeta {
  libraryUrl?: string;
  lastSuccessAt?: string;
  lastAttemptAt?: string;
}

/** Waits for a successful sync of `libraryUrl` and returns its duration as the worker recorded it. */
export async function waitForSync(sw: Worker, libraryUrl: string, timeoutMs = 120_000, pollMs = 50): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const meta = (await readStore<{ key: string; value: SyncMeta }>(sw, 'meta')).find((m) => m.key === 'sync')?.value;
    if (meta?.libraryUrl === libraryUrl && meta.lastSuccessAt && meta.lastAttemptAt) {
      return Date.parse(meta.lastSuccessAt) - Date.parse(meta.lastAttemptAt);
    }
    await new Promise((r) => setTimeout(r, pollMs));
  }
  throw new Error(`sync of ${libraryUrl} did not finish`);
}

/** The service worker's JS heap after a forced GC, through CDP (performance.memory does not exist there). */
export async function serviceWorkerHeapBytes(context: BrowserContext, page: Page): Promise<number> {
  const cdp = await context.newCDPSession(page);
  const { targetInfos } = await cdp.send('Target.getTargets');
  const target = targetInfos.find((t) => t.type === 'service_worker');
  if (!target) throw new Error('no service worker target');
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
  let nextId = 0;
  const call = (method: string) =>
    new Promise<Record<string, number>>((resolve) => {
      const id = ++nextId;
      const onMessage = (event: { message: string }) => {
        const reply = JSON.parse(event.message);
        if (reply.id !== id) return;
        cdp.off('Target.receivedMessageFromTarget', onMessage);
        resolve(reply.result);
      };
      cdp.on('Target.receivedMessageFromTarget', onMessage);
      void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) });
    });
  await call('HeapProfiler.collectGarbage');
  const usage = await call('Runtime.getHeapUsage');
  await cdp.detach();
  return usage.usedSize ?? NaN;
}

/**
 * The posts in the extension's log as a supervisor sees them: update entries folded into their
 * post (status and post address from the newest update), in chain order.
 */
export async function readPosts<T = Record<string, unknown>>(sw: Worker): Promise<(T & { status: PostStatus; postUrl?: string })[]> {
  const rows = (await readStore<StoredLogRow>(sw, 'log')).sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
  return rows.filter(isPostEntry).map((post) => ({ ...post, ...currentState(post) }) as unknown as T & { status: PostStatus; postUrl?: string });
}

/**
 * Writes `count` posts into the log and outbox from an extension page, as the log writes them:
 * chained from the install's genesis, hashed (canonical JSON, keys sorted, per the feed spec) and
 * signed with the install's own key (unless `sign` is false). Returns their ids and the time hashing and signing took.
 */
export function writeSignedEntries(page: Page, count: number, { sign = true }: { sign?: boolean } = {}): Promise<{ ids: string[]; hashMs: number; signMs: number }> {
  return page.evaluate(async ({ total, sign }) => {
    const open = indexedDB.open('humas-kanal');
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const install = await new Promise<{ genesis: string; privateKey: CryptoKey }>((resolve) => {
      const req = db.transaction('meta').objectStore('meta').get('install');
      req.onsuccess = () => resolve(req.result.value);
    });
    const rows: Record<string, unknown>[] = [];
    let prevHash = install.genesis;
    let hashMs = 0;
    let signMs = 0;
    for (let i = 0; i < total; i++) {
      const entry: Record<string, unknown> = { id: crypto.randomUUID(), postedAt: new Date(Date.UTC(2026, 10, 1) + i * 1000).toISOString(), platform: 'x', itemId: `item-${i % 30}`, itemVersion: 1, mediaIds: [], text: `Posting ${i}`, edited: false, account: '@humas', pageUrl: 'https://x.com/compose/post', officerName: 'Sari', agency: 'Diskominfo', program: 'Kesehatan', status: 'confirmed', prevHash };
      const t0 = performance.now();
      const canonical = JSON.stringify(Object.fromEntries(Object.keys(entry).sort().map((k) => [k, entry[k]])));
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonical)));
      const hash = [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
      const t1 = performance.now();
      hashMs += t1 - t0;
      const row: Record<string, unknown> = { ...entry, hash, chain: 'local' };
      // Unsigned entries are what an install logged before it had keys: the product signs them as it uploads.
      if (sign) {
        row.signature = btoa(String.fromCharCode(...new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, install.privateKey, new TextEncoder().encode(hash)))));
        signMs += performance.now() - t1;
      }
      rows.push(row);
      prevHash = hash;
    }
    const tx = db.transaction(['log', 'outbox'], 'readwrite');
    for (const row of rows) {
      tx.objectStore('log').add(row);
      tx.objectStore('outbox').add({ id: row.id, attempts: 0, nextAttemptAt: 0 });
    }
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
    return { ids: rows.map((row) => row.id as string), hashMs, signMs };
  }, { total: count, sign });
}
