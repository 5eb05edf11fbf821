import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx', 'utils/**/*.test.ts'],
    setupFiles: ['fake-indexeddb/auto', 'tests/support/i18n-setup.ts'],
    // The hub's tests run on PGlite and on a real PostgreSQL cluster started here.
    globalSetup: ['tests/support/postgres-global.ts'],
    environment: 'node',
    // Hubs started by the tests log warnings and errors only (tests of the log pass their own logger).
    env: { HK_LOG_LEVEL: process.env.HK_LOG_LEVEL ?? 'warn' },
  },
});
