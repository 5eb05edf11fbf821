// `npm run hub:build [-- --out <folder>]`: the hub as plain JavaScript in hub/dist/ (or <folder>), for production installs
// (`npm ci --omit=dev`, then `node hub/dist/server.mjs` — no TypeScript, esbuild or extension sources).
//
//   hub/dist/server.mjs          hub/cli.ts bundled (our code inlined, npm packages left as imports)
//   hub/dist/verify-worker.mjs   the signature worker (hub/signature-pool.ts loads it next to itself)
//   hub/dist/migrations/*.sql    read next to the bundle (hub/database.ts)
//   hub/dist/web/assets.json     the supervisors' page (hub/web/page.ts's WebAssets), bundled once here
//                                instead of at each start; app.js and app.css beside it to read
//
// Every package the server bundle imports must be in package.json `dependencies`; the build fails
// otherwise (tests/unit/hub/production-install.test.ts checks the same on the output).
import { build, type Plugin } from 'esbuild';
import { builtinModules } from 'node:module';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildWebAssets } from './web/page';

const root = fileURLToPath(new URL('../', import.meta.url));

/** In the server bundle, hub/server.ts's `./web/page` (esbuild at start) becomes ./web/prebuilt (two files). */
const prebuiltPage: Plugin = {
  name: 'prebuilt-page',
  setup(b) {
    b.onResolve({ filter: /^\.\/web\/page$/ }, (args) =>
      args.importer === `${root}hub/server.ts` ? { path: `${root}hub/web/prebuilt.ts` } : undefined,
    );
  },
};

/**
 * The packages an unminified ESM bundle imports (`pg`, `@hono/node-server`; node: built-ins left out):
 * import/export … from statements, bare `import "x"` and dynamic `import("x")`.
 */
export function bareImports(code: string): string[] {
  const found = new Set<string>();
  const patterns = [/^\s*(?:import|export)\s[^;]*?\bfrom\s*["']([^"']+)["']/gm, /^\s*import\s*["']([^"']+)["']/gm, /\bimport\(\s*["']([^"']+)["']\s*\)/g];
  for (const pattern of patterns) {
    for (const [, spec] of code.matchAll(pattern)) {
      if (!spec || spec.startsWith('.') || spec.startsWith('/') || spec.startsWith('node:') || builtinModules.includes(spec.split('/')[0]!)) continue;
      found.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
    }
  }
  return [...found].sort();
}

export async function buildHub(outDir = `${root}hub/dist`): Promise<void> {
  const DIST = `${resolve(outDir)}/`;
  // Replaces an earlier build only: a folder holding anything else is left alone.
  if (existsSync(DIST) && readdirSync(DIST).length && !existsSync(`${DIST}server.mjs`)) throw new Error(`${outDir}: not empty and not a hub build; refusing to replace it`);
  rmSync(DIST, { recursive: true, force: true });
  mkdirSync(`${DIST}web`, { recursive: true });
  const started = performance.now();
  const [assets, server] = await Promise.all([
    buildWebAssets(),
    build({
      entryPoints: [`${root}hub/cli.ts`],
      outfile: `${DIST}server.mjs`,
      bundle: true,
      platform: 'node',
      format: 'esm',
      // Production runs Node ≥ 22; CI still runs the built hub on Node 20.
      target: 'node20',
      packages: 'external',
      plugins: [prebuiltPage],
      sourcemap: 'linked',
      legalComments: 'none',
      logLevel: 'warning',
      write: false,
    }),
  ]);
  const code = server.outputFiles.find((f) => f.path.endsWith('.mjs'))!.text;
  const { dependencies = {} } = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { dependencies?: Record<string, string> };
  const missing = bareImports(code).filter((name) => !(name in dependencies));
  if (missing.length) throw new Error(`hub/dist/server.mjs imports packages that are not in package.json dependencies: ${missing.join(', ')}`);
  for (const file of server.outputFiles) writeFileSync(file.path, file.contents);
  writeFileSync(`${DIST}web/assets.json`, JSON.stringify(assets));
  writeFileSync(`${DIST}web/app.js`, assets.script);
  writeFileSync(`${DIST}web/app.css`, assets.style);
  cpSync(`${root}hub/verify-worker.mjs`, `${DIST}verify-worker.mjs`);
  cpSync(`${root}hub/migrations`, `${DIST}migrations`, { recursive: true, filter: (f) => !/\.(ts|md)$/.test(f) });
  const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
  console.log(
    `${relative(process.cwd(), DIST) || '.'}: server.mjs ${kb(code.length)}, web/app.js ${kb(assets.script.length)}, imports ${bareImports(code).join(' ')} ` +
      `(${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  await buildHub(values.out);
}
