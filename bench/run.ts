// `npm run bench [-- <section>]`: every performance figure, measured in headless Chromium with the
// built extension. Each section runs BENCH_RUNS browser launches (default 5); the report gives the
// spread of the launch medians so noise is visible, and each figure's floor where it has one.
import { mkdirSync, writeFileSync } from 'node:fs';
import { alertFigures } from './alerts-bench';
import { dashboardFigures } from './dashboard-bench';
import { deskFigures } from './desk-bench';
import { fieldFigures } from './field-bench';
import { staticFieldFigures } from './static-field-bench';
import { hubFigures } from './hub-bench';
import { libraryFigures } from './library-bench';
import { publishFigures } from './publish-bench';
import { reportFigures } from './report-bench';
import { sidebarFigures } from './sidebar-bench';
import { summarize, table, type Figure } from './stats';
import { buildFixtures } from '../tests/support/fixtures/build';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SECTIONS: Record<string, (runs: number) => Promise<Figure[]>> = {
  library: libraryFigures,
  sidebar: sidebarFigures,
  dashboard: dashboardFigures,
  publish: publishFigures,
  reports: reportFigures,
  hub: hubFigures,
  // The dev server's 100 items, then the static layout at 1,500 and 10,000 items (its checks: one launch per size).
  field: async (runs) => [...(await fieldFigures(runs)), ...(await staticFieldFigures(runs))],
  // A real one-minute alarm over a 4-minute window: one launch (its samples are 26 published items).
  alerts: () => alertFigures(),
  // The editorial desk at 10,000 items: approvals timed in the hub, then against an officer on the slow link (one launch).
  desk: () => deskFigures(),
};

const only = process.argv[2];
if (only && !SECTIONS[only]) {
  console.error(`Unknown section "${only}". Sections: ${Object.keys(SECTIONS).join(', ')}`);
  process.exit(2);
}
const started = Date.now();
const elapsed = () => `${Math.round((Date.now() - started) / 1000)} s`;
// The fixture sites (real React/Draft.js/Lexical pages) are bundled here too: a fresh checkout has none.
await buildFixtures();
const figures: Figure[] = [];
const chosen = Object.entries(SECTIONS).filter(([name]) => !only || name === only);
for (const [index, [name, measure]] of chosen.entries()) {
  console.log(`[${elapsed()}] ${index + 1}/${chosen.length} ${name} …`);
  const section = await measure(RUNS);
  figures.push(...section);
  console.log(`[${elapsed()}] ${name} done: ${section.map((f) => f.name).join('; ')}`);
}
const rows = figures.map(summarize);
console.log(`\n${table(rows)}`);
const missed = rows.filter((r) => r.met === false);
const unresolved = rows.filter((r) => r.belowNoise);
console.log(`\n${RUNS} browser launches per section (alerts and the static field's checks: one); "launch medians" is the spread between them. Total ${elapsed()}.`);
console.log(missed.length ? `Goals missed: ${missed.map((r) => r.name).join('; ')}` : unresolved.length ? 'Every goal that could be told apart from noise met.' : 'Every goal met.');
if (unresolved.length) console.log(`Below noise (not a pass): ${unresolved.map((r) => `${r.name} ±${r.noise!.toFixed(2)}`).join('; ')}`);
mkdirSync(new URL('.', import.meta.url).pathname, { recursive: true });
writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify({ at: new Date().toISOString(), runs: RUNS, seconds: (Date.now() - started) / 1000, figures: rows }, null, 2)}\n`);
