// Playwright harness: the built extension in Debian's Chromium, fixture pages at the real URLs,
// and the local library server in-process.
import { test as base, type BrowserContext, type Worker } from '@playwright/test';
import { startLibraryServer, type LibraryServer } from '../../library/server';
import { launchWithExtension, serviceWorkerOf } from './launch';

const CONTENT_DIR = new URL('../../library/content/', import.meta.url).pathname;

export interface ExtensionSettings {
  libraryUrl: string;
  officerName?: string;
  agency?: string;
  region?: string;
  publicKey?: string;
  reportUrl?: string;
}

export const OFFICER = { officerName: 'Sari Dewi', agency: 'Diskominfo Kota Malang', region: 'Kota Malang' };

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

/** Stores settings as the settings page would and waits until the first sync from that library has finished. */
export async function configureExtension(serviceWorker: Worker, settings: ExtensionSettings): Promise<void> {
  const full = { ...OFFICER, ...settings };
  await serviceWorker.evaluate((s) => chrome.storage.local.set({ settings: s }), full);
  await base.expect
    .poll(async () => {
      const meta = await readStore<{ key: string; value: { libraryUrl?: string; lastSuccessAt?: string } }>(serviceWorker, 'meta');
      const sync = meta.find((m) => m.key === 'sync')?.value;
      return sync?.libraryUrl === full.libraryUrl && !!sync.lastSuccessAt;
    }, { timeout: 15_000 })
    .toBe(true);
}

type Fixtures = { language: 'id' | 'en'; context: BrowserContext; serviceWorker: Worker; extensionId: string; configure: (settings?: Partial<ExtensionSettings>) => Promise<void> };
type WorkerFixtures = { library: LibraryServer };

export const test = base.extend<Fixtures, WorkerFixtures>({
  library: [
    async ({}, use) => {
      const server = await startLibraryServer({ contentDir: CONTENT_DIR });
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  /** The browser's language: `test.use({ language: 'en' })` for an English-speaking officer. */
  language: ['id', { option: true }],
  context: async ({ language }, use) => {
    const { context, close } = await launchWithExtension({ language });
    await use(context);
    await close();
  },
  serviceWorker: async ({ context }, use) => {
    const sw = await serviceWorkerOf(context);
    await use(sw);
  },
  extensionId: async ({ serviceWorker }, use) => {
    await use(new URL(serviceWorker.url()).host);
  },
  /** Points the extension at the test library and waits until the first sync has finished. */
  configure: async ({ serviceWorker, library }, use) => {
    await use((settings = {}) => configureExtension(serviceWorker, { libraryUrl: library.url, ...settings }));
  },
});

export const expect = test.expect;
