import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './tests/e2e/global-setup.ts',
  workers: 1,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  // The hostile summary fails the run when any test reports an entry lost or doubled.
  reporter: [[process.env.CI ? 'line' : 'list'], ['./tests/e2e/hostile-reporter.ts']],
  // An action that cannot happen fails with its locator named, not as the test's timeout.
  use: { trace: 'retain-on-failure', actionTimeout: 15_000 },
});
