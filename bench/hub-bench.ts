// The supervisor hub on real PostgreSQL (a throwaway cluster on this machine) and on PGlite, side by
// side: sustained signed ingestion through a hub process, and, on a national-scale log, the posts
// view's first page with filters, an item's coverage, and the streamed CSV export (rate and memory).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { addAgency, type Supervisor } from '../hub/accounts';
import { itemCoverage } from '../hub/coverage';
import { migrate, openDatabase, type HubDatabase } from '../hub/database';
import { CSV_CHUNK_ROWS, csvExport } from '../hub/export';
import { listPosts } from '../hub/queries';
import { createOfficer, type TestOfficer } from '../hub/simulated-officer';
import { spawnHub } from '../tests/support/hub-process';
import { startPostgres } from '../tests/support/postgres';
import { loadNationalLog } from './hub-load';
import { clusterCpuMeter, processCpuSeconds } from './process-cpu';
import type { Figure } from './stats';

const LOG_ENTRIES = Number(process.env.BENCH_HUB_ENTRIES ?? 1_000_000);
/** `BENCH_HUB_ONLY=ingestion`: the ingestion figures alone (no national log, no views), to iterate on ingestion. */
const INGESTION_ONLY = process.env.BENCH_HUB_ONLY === 'ingestion';
const INGEST_OFFICERS = 10;
const INGEST_PER_OFFICER = 3000;
const TOKEN = 'token-bench-instansi-hub';
const national: Supervisor = { id: 0, username: 'bench', role: 'national', agencyId: null };

/**
 * What each officer uploads, 1,000 entries at a time. `posts`: posts alone (the heaviest entries: each
 * gets its stored CSV line). `stream`: what the extension sends, each post logged unconfirmed and
 * confirmed with its address by an update entry a few entries later, so most confirmations travel
 * with their post and the first few of each upload are for posts of the one before.
 */
type Stream = 'posts' | 'stream';
const CONFIRMATION_LAG = 5;

function uploadsOf(officer: TestOfficer, stream: Stream): Record<string, unknown>[][] {
  const entries: Record<string, unknown>[] = [];
  if (stream === 'posts') entries.push(...officer.posts(INGEST_PER_OFFICER));
  else {
    const waiting: string[] = [];
    const confirm = () => {
      const id = waiting.shift()!;
      entries.push(officer.update(id, { status: 'confirmed', postUrl: `https://x.com/humaskota/status/${id}` }));
    };
    while (entries.length + waiting.length < INGEST_PER_OFFICER) {
      const [post] = officer.posts(1, { status: 'unconfirmed' });
      entries.push(post!);
      waiting.push(post!.id as string);
      if (waiting.length > CONFIRMATION_LAG) confirm();
    }
    while (waiting.length) confirm();
  }
  return Array.from({ length: entries.length / 1000 }, (_, i) => entries.slice(i * 1000, (i + 1) * 1000));
}

interface IngestionRun {
  entriesPerSecond: number;
  /** CPU per 1,000 entries: the hub process (its signature workers included) and the PostgreSQL cluster. */
  hubCpuMs?: number;
  databaseCpuMs?: number;
}

/** Entries per second one hub process stores from officers uploading at once (signatures verified). */
async function ingestionRun(database: string, stream: Stream, databaseCpu?: () => number): Promise<IngestionRun> {
  const officers = Array.from({ length: INGEST_OFFICERS }, (_, i) => createOfficer(`Petugas ${i}`, 'Diskominfo'));
  // Signed before the clock starts: the officers' browsers did that work, not the hub.
  const batches = officers.map((o) => uploadsOf(o, stream));
  const hub = await spawnHub(database);
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${hub.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) }).then((r) => r.status);
  try {
    for (const o of officers) await post('/v1/installs', o.enrollment, { Authorization: `Bearer ${TOKEN}` });
    const hubCpu = existsSync(`/proc/${hub.child.pid}/task`) ? () => processCpuSeconds(hub.child.pid!) : undefined;
    const cpuBefore = [hubCpu?.(), databaseCpu?.()];
    const started = performance.now();
    await Promise.all(officers.map(async (o, i) => {
      for (const entries of batches[i]!) if ((await post('/v1/posts', { installId: o.installId, entries })) !== 200) throw new Error('upload refused');
    }));
    const seconds = (performance.now() - started) / 1000;
    const thousands = (INGEST_OFFICERS * INGEST_PER_OFFICER) / 1000;
    const perThousand = (now: number | undefined, before: number | undefined) => (now === undefined || before === undefined ? undefined : ((now - before) * 1000) / thousands);
    return { entriesPerSecond: (thousands * 1000) / seconds, hubCpuMs: perThousand(hubCpu?.(), cpuBefore[0]), databaseCpuMs: perThousand(databaseCpu?.(), cpuBefore[1]) };
  } finally {
    await hub.kill();
  }
}

const STREAM_NAMES: Record<Stream, string> = { posts: 'signed posts', stream: "the extension's stream (posts, then their confirmations)" };

/** The ingestion figure of one stream, its CPU beside it: wall-clock moves with the machine's other work, CPU much less. */
function ingestionFigure(label: string, stream: Stream, runs: IngestionRun[], durability: string): Figure {
  const rates = runs.map((r) => r.entriesPerSecond);
  const median = (values: (number | undefined)[]) => {
    const known = values.filter((v): v is number => v !== undefined).sort((a, b) => a - b);
    return known.length ? known[Math.floor(known.length / 2)]!.toFixed(0) : undefined;
  };
  const hubCpu = median(runs.map((r) => r.hubCpuMs));
  const databaseCpu = median(runs.map((r) => r.databaseCpuMs));
  const cpu = hubCpu === undefined ? '' : `; CPU per 1,000: hub ${hubCpu} ms${label === 'PostgreSQL' ? `, PostgreSQL ${databaseCpu} ms` : ' (PGlite inside)'}`;
  return {
    name: `hub ${label}: sustained ingestion, ${STREAM_NAMES[stream]}, per 1,000 entries`,
    unit: 'ms',
    samples: rates.map((r) => 1_000_000 / r),
    goal: label === 'PostgreSQL' ? { median: 100 } : undefined,
    note: `${Math.round(Math.min(...rates))}–${Math.round(Math.max(...rates))} entries/s${label === 'PostgreSQL' ? '; ≤ 100 ms = ≥ 10,000 entries/s' : ''}${cpu}; load ${loadavg()[0]!.toFixed(1)}${label === 'PostgreSQL' ? `; ${durability}` : ''}`,
  };
}

const open = (database: string) => openDatabase(database.startsWith('postgres') ? { databaseUrl: database } : { dataDir: database });

async function timed<T>(work: () => Promise<T>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

async function viewFigures(db: HubDatabase, label: string): Promise<Figure[]> {
  const firstPage: number[] = [];
  const coverage: number[] = [];
  const platforms = ['x', 'facebook', 'instagram'];
  for (let i = 0; i < 30; i++) {
    const agency: Supervisor = { id: 1, username: 'pengawas', role: 'agency', agencyId: `instansi-${(i % 50) + 1}` };
    const filter = { platform: platforms[i % 3], program: `Program ${i % 12}`, from: new Date(Date.now() - 14 * 86_400_000).toISOString() };
    firstPage.push(await timed(() => listPosts(db, i % 2 ? agency : national, filter, 0, 40)));
    coverage.push(await timed(() => itemCoverage(db, i % 2 ? agency : national, `konten-${(i * 37) % 500 + 1}`)));
  }
  // The whole log as CSV, chunk by chunk, watching what this process keeps as it goes (after a full
  // collection every 20 chunks when node runs with --expose-gc, as `npm run bench` does).
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heapAtStart = process.memoryUsage().heapUsed;
  let peak = 0;
  let bytes = 0;
  let chunks = 0;
  // One sample per 100,000 rows streamed (the collections are left out of the time).
  const per100k: number[] = [];
  let segmentStart = performance.now();
  let collecting = 0;
  for await (const chunk of csvExport(db, national, {})) {
    bytes += chunk.length;
    if (chunk.startsWith('\uFEFF')) continue; // the header
    chunks++;
    if (gc && chunks % 20 === 0) {
      const before = performance.now();
      gc();
      peak = Math.max(peak, process.memoryUsage().heapUsed - heapAtStart);
      collecting += performance.now() - before;
    }
    if ((chunks * CSV_CHUNK_ROWS) % 100_000 === 0) {
      per100k.push(performance.now() - segmentStart - collecting);
      segmentStart = performance.now();
      collecting = 0;
    }
  }
  const scale = `${(LOG_ENTRIES / 1e6).toLocaleString('en')}M entries`;
  return [
    { name: `hub ${label}: posts view, first page with filters (${scale})`, unit: 'ms', samples: firstPage, goal: label === 'PostgreSQL' ? { p95: 100 } : undefined },
    { name: `hub ${label}: item coverage (${scale})`, unit: 'ms', samples: coverage, goal: label === 'PostgreSQL' ? { p95: 200 } : undefined },
    { name: `hub ${label}: CSV export per 100,000 rows (${scale}, ${(bytes / 1e6).toFixed(0)} MB)`, unit: 'ms', samples: per100k, goal: label === 'PostgreSQL' ? { median: 1000 } : undefined, note: '≤ 1000 ms = ≥ 100,000 rows/s; one sample per 100,000 rows streamed' },
    { name: `hub ${label}: CSV export, memory kept while streaming`, unit: 'MB', samples: [peak / 1e6], goal: label === 'PostgreSQL' && gc ? { median: 32 } : undefined, note: gc ? 'heap after full collections, peak over the export' : 'not measured: run with --expose-gc' },
  ];
}

/** A meter of the PostgreSQL cluster's CPU, found through one of its backends (Linux only). */
async function databaseCpuMeter(url: string): Promise<(() => number) | undefined> {
  const db = await open(url);
  try {
    const [{ pid }] = (await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')) as [{ pid: number }];
    return clusterCpuMeter(pid);
  } finally {
    await db.close();
  }
}

/** The cluster's durability settings, printed with its figures. */
async function serverSettings(url: string): Promise<string> {
  const db = await open(url);
  try {
    const rows = await db.query<{ name: string; setting: string }>("SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit') ORDER BY name");
    return rows.map((r) => `${r.name}=${r.setting}`).join(', ');
  } finally {
    await db.close();
  }
}

export async function hubFigures(runs: number): Promise<Figure[]> {
  const figures: Figure[] = [];
  // Durable, as a production server runs: every acknowledged batch is on disk (fsync, synchronous commit).
  // Ingestion is CPU-bound, not fsync-bound: on and off alternately differ within noise at the same CPU
  // (7 Dec 2026, 30,000 posts: 231/139 vs 208/163 ms per 1,000; hub ≈ 100 ms + PostgreSQL ≈ 47 ms CPU either way).
  const cluster = await startPostgres({ durable: true });
  const durability = await serverSettings(cluster.url);
  const folder = mkdtempSync(join(tmpdir(), 'hk-hub-bench-'));
  try {
    for (const label of ['PostgreSQL', 'PGlite'] as const) {
      const database = label === 'PostgreSQL' ? await cluster.createDatabase('bench') : join(folder, 'pglite');
      // PGlite is one process per folder: the hub process has it alone while it ingests.
      const setup = await open(database);
      await migrate(setup);
      await addAgency(setup, 'kominfo-bench', 'Diskominfo Bench', TOKEN);
      await setup.close();
      const meter = label === 'PostgreSQL' ? await databaseCpuMeter(database) : undefined;
      for (const stream of ['posts', 'stream'] as const) {
        const measured: IngestionRun[] = [];
        for (let run = 0; run < runs; run++) {
          process.stdout.write(`hub ${label}: ingestion (${stream}) run ${run + 1}/${runs}\n`);
          measured.push(await ingestionRun(database, stream, meter));
        }
        figures.push(ingestionFigure(label, stream, measured, durability));
      }
      const db = await open(database);
      const sent = 2 * runs * INGEST_OFFICERS * INGEST_PER_OFFICER;
      const [{ n }] = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM entries')) as [{ n: number }];
      if (n !== sent) throw new Error(`${n} entries stored, ${sent} sent`);
      // Every post of the extension's stream reached its confirmed state, with its address.
      const [{ open: unconfirmed }] = (await db.query<{ open: number }>("SELECT count(*)::int AS open FROM entries WHERE kind = 'post' AND (status <> 'confirmed' OR post_url IS NULL) AND body->>'status' = 'unconfirmed'")) as [{ open: number }];
      if (unconfirmed) throw new Error(`${unconfirmed} posts of the stream left unconfirmed`);
      if (INGESTION_ONLY) {
        await db.close();
        continue;
      }
      process.stdout.write(`hub ${label}: loading ${LOG_ENTRIES.toLocaleString('en')} entries\n`);
      await loadNationalLog(db, LOG_ENTRIES);
      figures.push(...(await viewFigures(db, label)));
      await db.close();
    }
  } finally {
    cluster.destroy();
    rmSync(folder, { recursive: true, force: true });
  }
  return figures;
}
