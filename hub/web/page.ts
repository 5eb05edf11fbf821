// The supervisors' page: one HTML shell, and the Preact app bundled once at start with esbuild
// from hub/web/main.tsx (the extension's components, `#i18n` mapped to hub/web/i18n.ts).
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateChromeMessages, parseMessagesFile } from '@wxt-dev/i18n/build';

export interface WebAssets {
  script: string;
  style: string;
}

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

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** English when the browser prefers it over Indonesian; Indonesian otherwise. */
export function pageHtml(acceptLanguage = ''): string {
  const first = acceptLanguage.split(',')[0]?.trim().slice(0, 2).toLowerCase();
  const lang = first === 'en' ? 'en' : 'id';
  return `<!doctype html>
<html lang="${lang}">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${escapeHtml(lang === 'en' ? 'Humas Kanal — Supervisor hub' : 'Humas Kanal — Hub pengawas')}</title>
    <link rel="stylesheet" href="/assets/app.css" />
  </head>
  <body><div id="app"></div><script type="module" src="/assets/app.js"></script></body>
</html>`;
}
