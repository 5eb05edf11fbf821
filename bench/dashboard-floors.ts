// Floors of the dashboard figures: the same IndexedDB work as the product, in plain IndexedDB calls
// (no Dexie, no Preact), timed in the page that runs them.
import type { Page } from '@playwright/test';
import { CSV_HEAD } from '../utils/shared/log-csv';

/**
 * The cold first render's other floor: the newest FIRST_ROWS posts read by the `postedAt` index, in
 * a bare extension document (the manifest, no script of ours), opening the database from nothing.
 * The first read after a browser launch: it times Chromium opening the same 100,000-entry database.
 */
export async function bareNewestRows(page: Page, rows: number): Promise<number> {
  return page.evaluate(
    (rows) =>
      new Promise<number>((resolve, reject) => {
        const t0 = performance.now();
        const open = indexedDB.open('humas-kanal');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const read: unknown[] = [];
          const cursor = open.result.transaction('log', 'readonly').objectStore('log').index('postedAt').openCursor(null, 'prev');
          cursor.onerror = () => reject(cursor.error);
          cursor.onsuccess = () => {
            const at = cursor.result;
            if (at && read.length < rows) {
              read.push(at.value);
              at.continue();
              return;
            }
            open.result.close();
            resolve(read.length === rows ? performance.now() - t0 : NaN);
          };
        };
      }),
    rows,
  );
}

/**
 * The export's floor: every stored block of CSV lines read from IndexedDB (one transaction, one get
 * per block, all asked at once, as the product reads them) and its bytes joined into a Blob behind
 * the header, newest block first. No filter, no progress, no Dexie, no page.
 */
export async function blocksToBlob(page: Page): Promise<number> {
  return page.evaluate(
    (head) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('humas-kanal');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const t0 = performance.now();
          const tx = open.result.transaction('csvBlocks', 'readonly');
          const store = tx.objectStore('csvBlocks');
          const blocks: { block: number; bytes: Uint8Array<ArrayBuffer> }[] = [];
          const keys = store.getAllKeys();
          keys.onsuccess = () => {
            for (const key of keys.result) {
              const get = store.get(key);
              get.onsuccess = () => void blocks.push(get.result);
            }
          };
          tx.oncomplete = () => {
            open.result.close();
            blocks.sort((a, b) => b.block - a.block);
            const blob = new Blob([head, ...blocks.map((b) => b.bytes)], { type: 'text/csv;charset=utf-8' });
            resolve(blob.size > head.length ? performance.now() - t0 : NaN);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    CSV_HEAD,
  );
}

/** The first export's floor: the log's entries read from IndexedDB (getAll over primary-key ranges, all asked at once). */
export async function readLog(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('humas-kanal');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const t0 = performance.now();
          const tx = open.result.transaction('log', 'readonly');
          const log = tx.objectStore('log');
          let read = 0;
          const keys = log.getAllKeys();
          keys.onsuccess = () => {
            const last = Number(keys.result.at(-1) ?? 0);
            for (let from = 0; from <= last; from += 4096) {
              const get = log.getAll(IDBKeyRange.bound(from, from + 4096, false, true));
              get.onsuccess = () => void (read += get.result.length);
            }
          };
          tx.oncomplete = () => {
            open.result.close();
            resolve(read > 0 ? performance.now() - t0 : NaN);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}
