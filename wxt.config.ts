import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { managedSchema } from './utils/shared/settings';
import { buildSettings, UNKEYED_BUILD_MODES } from './utils/shared/build-settings';

// The national library's key (HK_LIBRARY_PUBLIC_KEY, required in production builds and never the
// development key), its address until policy says otherwise (HK_DEFAULT_LIBRARY_URL; development
// and tests: the local library server) and a first sync's sequence floor (HK_MIN_SEQUENCE).
const developmentKey = readFileSync(new URL('./library/dev-keys/dev-ed25519-public.txt', import.meta.url), 'utf8').trim();
const library = (mode: string) => buildSettings(mode, process.env, developmentKey);

/** What @wxt-dev/i18n's module writes to .wxt/i18n/index.ts (see `hooks['config:resolved']` below). */
const I18N_SOURCE = `import { createI18n } from '@wxt-dev/i18n';
import type { GeneratedI18nStructure } from './structure';

export const i18n = createI18n<GeneratedI18nStructure>();

export { type GeneratedI18nStructure }
`;

export default defineConfig({
  // A second build (the production check in tests/e2e/production.spec.ts) goes elsewhere.
  outDir: process.env.HK_OUT_DIR ?? '.output',
  // No webextension-polyfill: Firefox has always had promise-based `browser`, and Chrome has it natively
  // since 144 (promises returned from runtime.onMessage too; minimum_chrome_version is 148 below).
  modules: ['@wxt-dev/i18n/module'],
  vite: ({ mode }) => ({
    plugins: [preact()],
    define: {
      __HK_DEFAULT_LIBRARY_URL__: JSON.stringify(library(mode).defaultLibraryUrl),
      // Production builds for an agency carry the national library's Ed25519 key: unsigned feeds are then refused.
      __HK_LIBRARY_PUBLIC_KEY__: JSON.stringify(library(mode).publicKey),
      __HK_MIN_SEQUENCE__: JSON.stringify(library(mode).minSequence ?? null),
    },
    build: {
      rollupOptions: {
        // zod 4 ships comments Rollup cannot place; that is zod's, not ours. Every other warning shows.
        onLog(level, log, handler) {
          if (log.code === 'INVALID_ANNOTATION' && log.id?.includes('/node_modules/zod/')) return;
          handler(level, log);
        },
      },
    },
  }),
  manifest: ({ browser, manifestVersion }) => ({
    name: '__MSG_app_name__',
    default_locale: 'id',
    description: '__MSG_app_description__',
    permissions: ['storage', 'alarms', 'unlimitedStorage', 'notifications'],
    // Enterprise policy: the same fields as the settings page, each overriding the officer's value.
    storage: { managed_schema: 'managed_schema.json' },
    // Libraries and report endpoints answer with CORS; origins without CORS are asked for at runtime.
    // (Firefox builds MV2, where host permissions are ordinary optional permissions.)
    ...(manifestVersion === 2
      ? { optional_permissions: ['https://*/*', 'http://*/*'] }
      : { optional_host_permissions: ['https://*/*', 'http://*/*'] }),
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'humas-kanal@komdigi.go.id', strict_min_version: '128.0' } } }
      : {
          // Messages as structured clones (Chrome 148+; Firefox always): an infographic crosses to the
          // content script as a Blob, not as a 1.33 MB base64 string encoded, sent as JSON and decoded.
          message_serialization: 'structured_clone',
          minimum_chrome_version: '148',
        }),
  }),
  hooks: {
    // Development and test builds (`--mode development`) are production builds but for the key: the
    // same bundles (no JSX debug code, which NODE_ENV=development would add), in the folder the tests
    // load. `wxt dev` keeps its own -dev folder and debug bundles.
    'config:resolved': (wxt) => {
      // `#i18n` resolves to .wxt/i18n/index.ts, which the i18n module writes only while generating
      // types; on a fresh clone `wxt prepare` (npm ci's postinstall) imported the entrypoints before
      // that and failed with "Cannot find module '#i18n'". The same file, written first:
      const i18nSource = resolve(wxt.config.wxtDir, 'i18n/index.ts');
      if (!existsSync(i18nSource)) {
        mkdirSync(dirname(i18nSource), { recursive: true });
        writeFileSync(i18nSource, I18N_SOURCE);
      }
      const { command, mode, outBaseDir, browser, manifestVersion } = wxt.config;
      if (command !== 'build' || !UNKEYED_BUILD_MODES.includes(mode)) return;
      process.env.NODE_ENV = 'production';
      wxt.config.outDir = resolve(outBaseDir, `${browser}-mv${manifestVersion}`);
    },
    // Checked when a build starts (not when `wxt prepare` reads this file after `npm ci`).
    'build:before': (wxt) => {
      const { problem } = library(wxt.config.mode);
      if (problem) throw new Error(problem);
    },
    // The policy schema is derived from the settings fields (utils/shared/settings.ts), never written by hand.
    'build:publicAssets': (_wxt, assets) => {
      assets.push({ relativeDest: 'managed_schema.json', contents: `${JSON.stringify(managedSchema(), null, 2)}\n` });
    },
  },
  zip: { excludeSources: ['docs/**', 'tests/support/fixtures/dist/**', 'library/data/**', 'bench/results.json'] },
  webExt: {
    // Without a display (CI, SSH) there is no window to open; `npm run dev` says so.
    disabled: process.platform === 'linux' && !process.env.DISPLAY,
    binaries: { chrome: process.env.CHROME_PATH ?? '/usr/bin/chromium' },
    chromiumArgs: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    startUrls: ['https://x.com/compose/post'],
  },
});
