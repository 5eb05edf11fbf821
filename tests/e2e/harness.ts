// Playwright harness: the built extension in Debian's Chromium, fixture pages at the real URLs,
// and the local library server in-process.
import { test as base, chromium, type BrowserContext, type Route, type Worker } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLibraryServer, type LibraryServer } from '../../library/server';

const EXTENSION_DIR = join(process.cwd(), '.output/chrome-mv3');
const FIXTURE_DIR = new URL('./fixtures/dist/', import.meta.url).pathname;
const CONTENT_DIR = new URL('../../library/content/', import.meta.url).pathname;

export const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';

const SITES: Record<string, string> = { 'x.com': 'x', 'www.facebook.com': 'facebook', 'www.instagram.com': 'instagram' };

function fixtureHtml(name: string): string {
  return `<!doctype html><html lang="id"><head><meta charset="utf-8"><title>${name}</title>
<style>body{font-family:sans-serif;margin:0;padding:16px 340px 16px 16px} [role=dialog]{position:fixed;top:40px;left:40px;width:560px;padding:16px;background:#fff;border:1px solid #999}
[contenteditable]{min-height:80px;border:1px solid #ccc;padding:6px} [role=button]{display:inline-block;padding:6px 14px;border:1px solid #333;border-radius:16px;margin:4px;cursor:pointer}</style>
</head><body><div id="root"></div><script src="/__fixture/${name}.js"></script></body></html>`;
}

async function serveFixtures(route: Route): Promise<void> {
  const url = new URL(route.request().url());
  const site = SITES[url.hostname];
  if (url.protocol === 'chrome-extension:' || url.hostname === '127.0.0.1') return route.continue();
  if (!site) return route.abort();
  if (url.pathname.startsWith('/__fixture/')) {
    return route.fulfill({ contentType: 'text/javascript', body: readFileSync(join(FIXTURE_DIR, url.pathname.slice('/__fixture/'.length))) });
  }
  if (url.pathname === '/favicon.ico') return route.fulfill({ status: 404, body: '' });
  return route.fulfill({ contentType: 'text/html', body: fixtureHtml(site) });
}

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

type Fixtures = { context: BrowserContext; serviceWorker: Worker; extensionId: string; configure: (settings?: Partial<ExtensionSettings>) => Promise<void> };
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
  context: async ({}, use) => {
    const profile = mkdtempSync(join(tmpdir(), 'hk-profile-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1366, height: 900 },
      args: [
        `--disable-extensions-except=${EXTENSION_DIR}`,
        `--load-extension=${EXTENSION_DIR}`,
        '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ],
    });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await context.route('**/*', serveFixtures);
    await use(context);
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  },
  serviceWorker: async ({ context }, use) => {
    const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    await use(sw);
  },
  extensionId: async ({ serviceWorker }, use) => {
    await use(new URL(serviceWorker.url()).host);
  },
  /** Points the extension at the test library and waits until the first sync has finished. */
  configure: async ({ serviceWorker, library }, use) => {
    await use(async (settings = {}) => {
      const full = { libraryUrl: library.url, ...OFFICER, ...settings };
      await serviceWorker.evaluate((s) => chrome.storage.local.set({ settings: s }), full);
      await base.expect
        .poll(async () => {
          const meta = await readStore<{ key: string; value: { libraryUrl?: string; lastSuccessAt?: string; running?: boolean } }>(serviceWorker, 'meta');
          const sync = meta.find((m) => m.key === 'sync')?.value;
          return sync?.libraryUrl === full.libraryUrl && !!sync.lastSuccessAt;
        }, { timeout: 15_000 })
        .toBe(true);
    });
  },
});

export const expect = test.expect;
