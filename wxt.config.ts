import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { managedSchema } from './utils/shared/settings';

// Where the extension looks for the national library until settings or policy say otherwise.
// Development and tests point at the local library server (`npm run library`).
const defaultLibraryUrl = process.env.HK_DEFAULT_LIBRARY_URL ?? 'http://127.0.0.1:8787';

export default defineConfig({
  // A second build (the production check in tests/e2e/production.spec.ts) goes elsewhere.
  outDir: process.env.HK_OUT_DIR ?? '.output',
  modules: ['@wxt-dev/webextension-polyfill', '@wxt-dev/i18n/module'],
  vite: () => ({
    plugins: [preact()],
    define: {
      __HK_DEFAULT_LIBRARY_URL__: JSON.stringify(defaultLibraryUrl),
      // Production builds for an agency carry the national library's Ed25519 key: unsigned feeds are then refused.
      __HK_LIBRARY_PUBLIC_KEY__: JSON.stringify(process.env.HK_LIBRARY_PUBLIC_KEY ?? ''),
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
