// The folder the build reads site adapters from, with the fourth network's file added: a copy in a
// temporary folder, so a build or a test running beside this one never ships or sees a made-up network.
import { copyFileSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// (A path string: the test's DOM replaces the global URL.)
const HERE = dirname(fileURLToPath(import.meta.url));
export const SITES_DIR = join(HERE, '../../../utils/content/sites');

/**
 * A folder holding the registry's own source (`index.ts`, copied byte for byte, with its glob),
 * one re-export per other file of utils/content/sites/ (the built-in networks as they are), and
 * `<network>.ts` re-exporting `file`: what adding that file to utils/content/sites/ would give.
 */
export function sitesFolderWith(network: string, file: string): string {
  const dir = mkdtempSync(join(HERE, '.sites-'));
  for (const name of readdirSync(SITES_DIR)) {
    if (!name.endsWith('.ts')) continue;
    if (name === 'index.ts') copyFileSync(join(SITES_DIR, name), join(dir, name));
    else writeFileSync(join(dir, name), `export * from ${JSON.stringify(join(SITES_DIR, name))};\n`);
  }
  writeFileSync(join(dir, `${network}.ts`), `export * from ${JSON.stringify(file)};\n`);
  return dir;
}
