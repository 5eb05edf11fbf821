// The supervisors' page shell (the same in a checkout and in the built hub); the script and style it
// loads come from ./page (bundled at start from a checkout) or ./prebuilt (the built hub, hub/dist/).

export interface WebAssets {
  script: string;
  style: string;
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
