// Playwright harness: the built extension in Debian's Chromium, fixture pages at the real URLs,
// and the local library server in-process.
import { test as base, type BrowserContext, type Worker } from '@playwright/test';
import { startLibraryServer, type LibraryServer } from '../../library/server';
import type { Settings } from '../../utils/shared/settings';
import { pendingImages, readPosts, readStore, readStoredItems, setSettings, waitForSync } from '../support/extension-tools';
import { launchWithExtension, serviceWorkerOf } from '../support/launch';

export { readPosts, readStore, readStoredItems };

const CONTENT_DIR = new URL('../../library/content/', import.meta.url).pathname;

export type ExtensionSettings = Partial<Settings> & { libraryUrl: string };

export const OFFICER = { officerName: 'Sari Dewi', agency: 'Diskominfo Kota Malang', region: 'Kota Malang' };

/**
 * Stores settings as the settings page would and waits until the first sync from that library has
 * finished, images included (the sync reports the text complete before its images arrive).
 */
export async function configureExtension(serviceWorker: Worker, settings: ExtensionSettings): Promise<void> {
  const full = { ...OFFICER, ...settings };
  await setSettings(serviceWorker, full);
  await waitForSync(serviceWorker, full.libraryUrl, 15_000);
  await expect.poll(() => pendingImages(serviceWorker), { timeout: 15_000, intervals: [50] }).toBe(0);
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
