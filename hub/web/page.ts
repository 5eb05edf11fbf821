// The supervisors' page from a checkout: the Preact app bundled once at start with esbuild from
// hub/web/main.tsx (the extension's components, `#i18n` mapped to hub/web/i18n.ts). The built hub
// (`npm run hub:build`, hub/build.ts) bundles it once at build time and loads ./prebuilt instead,
// so neither esbuild nor the extension's sources are needed where it runs.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateChromeMessages, parseMessagesFile } from '@wxt-dev/i18n/build';
import type { WebAssets } from './html';

export { pageHtml, type WebAssets } from './html';

const root = fileURLToPath(new URL('../../', import.meta.url));

export async function buildWebAssets(): Promise<WebAssets> {
  const messages = {
    id: generateChromeMessages(await parseMessagesFile(`${root}locales/id.yml`)),
    en: generateChromeMessages(await parseMessagesFile(`${root}locales/en.yml`)),
  };
  const result = await build({
    entryPoints: [`${root}hub/web/main.tsx`],
    bundle: true,
    write: false,
    format: 'esm',
    target: 'es2022',
    minify: true,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    alias: { '#i18n': `${root}hub/web/i18n.ts`, '@': root.replace(/\/$/, '') },
    define: { __HK_MESSAGES__: JSON.stringify(messages) },
    logLevel: 'warning',
  });
  const style = ['components/page.css', 'hub/web/hub.css'].map((f) => readFileSync(`${root}${f}`, 'utf8')).join('\n');
  return { script: result.outputFiles[0]!.text, style };
}
