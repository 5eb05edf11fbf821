// Launching Debian's Chromium with the built extension, and serving the fixture sites at their
// real URLs. Shared by the e2e harness and `npm run bench`.
import { chromium, type BrowserContext, type Route, type Worker } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixtureHosts } from './fixtures/build';

const EXTENSION_DIR = join(process.cwd(), '.output/chrome-mv3');
const FIXTURE_DIR = new URL('./fixtures/dist/', import.meta.url).pathname;

export const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';

const SITES = new Set(fixtureHosts());

function fixtureHtml(host: string): string {
  return `<!doctype html><html lang="id"><head><meta charset="utf-8"><title>${host}</title>
<style>body{font-family:sans-serif;margin:0;padding:16px 340px 16px 16px} [role=dialog]{position:fixed;top:40px;left:40px;width:560px;padding:16px;background:#fff;border:1px solid #999}
[contenteditable]{min-height:80px;border:1px solid #ccc;padding:6px} [role=button]{display:inline-block;padding:6px 14px;border:1px solid #333;border-radius:16px;margin:4px;cursor:pointer}</style>
</head><body><div id="root"></div><script src="/__fixture/${host}.js"></script></body></html>`;
}

/** What the fixture sites answer for a URL: a response, or let it through / refuse it. Any browser driver can use it. */
export function fixtureResponse(url: URL): { contentType: string; body: string | Buffer; status?: number } | 'continue' | 'abort' {
  if (url.protocol === 'chrome-extension:' || url.protocol === 'moz-extension:' || url.hostname === '127.0.0.1') return 'continue';
  if (!SITES.has(url.hostname)) return 'abort';
  if (url.pathname.startsWith('/__fixture/')) {
    return { contentType: 'text/javascript', body: readFileSync(join(FIXTURE_DIR, url.pathname.slice('/__fixture/'.length))) };
  }
  if (url.pathname === '/favicon.ico') return { status: 404, contentType: 'text/plain', body: '' };
  return { contentType: 'text/html', body: fixtureHtml(url.hostname) };
}

export async function serveFixtures(route: Route): Promise<void> {
  const answer = fixtureResponse(new URL(route.request().url()));
  if (answer === 'continue') return route.continue();
  if (answer === 'abort') return route.abort();
  return route.fulfill(answer);
}

/** The extension's service worker (or background page), waiting for it when it has not started yet. */
export async function serviceWorkerOf(context: BrowserContext): Promise<Worker> {
  return context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
}

export interface LaunchOptions {
  /** false: the same browser without the extension (baseline measurements). */
  withExtension?: boolean;
  /** The browser's language (Chromium on Linux reads it from LANGUAGE); officers default to Indonesian. */
  language?: 'id' | 'en';
  /** Reuse this profile (a browser restart); it is kept on close. By default a fresh one is made and removed. */
  profileDir?: string;
  /** Another build of the extension (default: .output/chrome-mv3). */
  extensionDir?: string;
  /**
   * false: no fixture sites. Playwright's routing turns the browser's HTTP cache off, so tests of
   * conditional requests (If-None-Match, 304) launch without it.
   */
  fixtureSites?: boolean;
}

export async function launchWithExtension(options: LaunchOptions = {}): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = options.profileDir ?? mkdtempSync(join(tmpdir(), 'hk-profile-'));
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  const extensionArgs = options.withExtension === false ? [] : [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`];
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1366, height: 900 },
    env: { ...process.env, LANGUAGE: options.language ?? 'id' },
    args: [
      ...extensionArgs,
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  if (options.fixtureSites !== false) await context.route('**/*', serveFixtures);
  return {
    context,
    close: async () => {
      await context.close();
      if (!options.profileDir) rmSync(profile, { recursive: true, force: true });
    },
  };
}
