// `npm run bench`: every performance figure, measured in headless Chromium with the built extension.
import { mkdirSync, writeFileSync } from 'node:fs';
import { alertFigures } from './alerts-bench';
import { dashboardFigures } from './dashboard-bench';
import { fieldFigures } from './field-bench';
import { hubFigures } from './hub-bench';
import { libraryFigures } from './library-bench';
import { publishFigures } from './publish-bench';
import { reportFigures } from './report-bench';
import { sidebarFigures } from './sidebar-bench';
import { summarize, table, type Figure } from './stats';
import { buildFixtures } from '../tests/support/fixtures/build';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const started = Date.now();
const only = process.argv[2];
// The fixture sites (real React/Draft.js/Lexical pages) are bundled here too: a fresh checkout has none.
await buildFixtures();
const figures: Figure[] = [
  ...(!only || only === 'library' ? await libraryFigures(RUNS) : []),
  ...(!only || only === 'sidebar' ? await sidebarFigures(RUNS) : []),
  ...(!only || only === 'dashboard' ? await dashboardFigures(RUNS) : []),
  ...(!only || only === 'publish' ? await publishFigures(RUNS) : []),
  ...(!only || only === 'reports' ? await reportFigures(RUNS) : []),
  ...(!only || only === 'hub' ? await hubFigures(RUNS) : []),
  ...(!only || only === 'field' ? await fieldFigures(RUNS) : []),
  ...(!only || only === 'alerts' ? await alertFigures() : []),
];
const rows = figures.map(summarize);
console.log(table(rows));
console.log(`\n${RUNS} browser launches per section; samples per figure in the "runs" column. Machine: 2 cores, headless Chromium; figures vary ±20% between runs on a busy machine.`);
mkdirSync(new URL('.', import.meta.url).pathname, { recursive: true });
writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify({ at: new Date().toISOString(), runs: RUNS, seconds: (Date.now() - started) / 1000, figures: rows }, null, 2)}\n`);
