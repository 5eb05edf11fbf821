// The built hub's page assets. hub/build.ts bundles the page once (./page's buildWebAssets, whatever
// it returns) into hub/dist/web/assets.json and, in the server bundle, puts this module in place of
// ./page (which bundles with esbuild at start), so the built hub (hub/dist/server.mjs) reads one file
// and needs neither esbuild nor the sources.
import { readFileSync } from 'node:fs';
import type { WebAssets } from './html';

export { pageHtml, type WebAssets } from './html';

export async function buildWebAssets(): Promise<WebAssets> {
  // Only ever runs bundled: import.meta.url is then hub/dist/server.mjs.
  return JSON.parse(readFileSync(new URL('./web/assets.json', import.meta.url), 'utf8')) as WebAssets;
}
