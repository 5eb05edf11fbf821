// The built hub's page assets. hub/build.ts bundles the page once into hub/dist/web/ and, in the
// server bundle, puts this module in place of ./page (which bundles with esbuild at start), so the
// built hub (hub/dist/server.mjs) reads two files and needs neither esbuild nor the sources.
import { readFileSync } from 'node:fs';
import type { WebAssets } from './html';

export { pageHtml, type WebAssets } from './html';

export async function buildWebAssets(): Promise<WebAssets> {
  // Only ever runs bundled: import.meta.url is then hub/dist/server.mjs.
  const dir = new URL('./web/', import.meta.url);
  return { script: readFileSync(new URL('app.js', dir), 'utf8'), style: readFileSync(new URL('app.css', dir), 'utf8') };
}
