import { existsSync } from 'node:fs';
import { buildFixtures } from '../support/fixtures/build';

export default async function globalSetup(): Promise<void> {
  if (!existsSync('.output/chrome-mv3/manifest.json')) {
    throw new Error('Build the extension first: `npm run build:dev` (npm test does it for you).');
  }
  await buildFixtures();
  // Hubs started by the tests log warnings and errors only (the request lines would bury the report).
  process.env.HK_LOG_LEVEL ??= 'warn';
}
