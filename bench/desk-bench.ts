// The editorial desk at national size (issue 30): a library of 10,000 published items in the hub's
// database (PGlite, in this process), then (a) approve → the signed static output written, timed as
// the approver's request (the hub answers once index, pages, delta and feed are on disk), and
// (b) approve → an officer's notification: the output folder served by the static host behind the
// static field's 256 kbit/s, 300 ms link, an extension synced to it, urgent items approved at random
// moments against the real one-minute check. One hub and one launch (the samples are approvals).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { addSupervisor } from '../hub/accounts';
import { createHubApp } from '../hub/app';
import { migrate, openDatabase, type HubDatabase } from '../hub/database';
import { addLibrary, listLibraries, loadLibraryKeys, setRole, type DeskLibraryRuntime } from '../hub/desk/libraries';
import { publishQueued } from '../hub/desk/routes';
import { seededRandom } from '../library/infographic';
import { generateSigningKey } from '../library/keys';
import { openExtensionPage, setSettings, waitForSync } from '../tests/support/extension-tools';
import { launchWithExtension, serviceWorkerOf } from '../tests/support/launch';
import { startStaticHost } from '../tests/support/static-host';
import { byKind } from './static-field-site';
import type { Figure } from './stats';

const ITEMS = Number(process.env.BENCH_DESK_ITEMS ?? 10_000);
const APPROVALS = Number(process.env.BENCH_DESK_APPROVALS ?? 10);
const ALERTS = Number(process.env.BENCH_DESK_ALERTS ?? 6);
/** The static field bench's officer link (static-field-bench.ts): 256 kbit/s, 300 ms. */
const LINK = { bytesPerSecond: 32_000, latencyMs: 300 };
const PASSWORD = 'bench-redaksi-1';
const ORIGIN = 'http://hub.bench';
const extensionDir = process.env.HK_BENCH_EXTENSION_DIR || undefined;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const say = (text: string) => process.stdout.write(`  desk: ${text}\n`);

/** An item as desks write them: captions per network, two X variants, hashtags, a link. */
function deskContent(i: number, urgent = false) {
  return {
    title: `${urgent ? '[HOAKS] ' : ''}Program pemerintah nomor ${i}: layanan publik di daerah`,
    program: ['Kesehatan', 'Pendidikan', 'Perlindungan Sosial', 'Infrastruktur'][i % 4],
    kind: urgent ? 'klarifikasi' : 'berita',
    priority: urgent ? 'urgent' : 'normal',
    tags: ['layanan', `program-${i % 50}`],
    captions: {
      default: `Layanan publik nomor ${i} kini tersedia di {daerah}. Warga dapat mendaftar di kantor kelurahan atau lewat situs resmi. Informasi lengkap: hubungi {instansi}.`,
      x: `Layanan publik ${i} kini ada di {daerah}. Daftar di kelurahan atau situs resmi.`,
    },
    captionVariants: { x: [`Warga {daerah}: layanan ${i} sudah dibuka. Daftar di kelurahan.`, `Sudah tahu? Layanan ${i} tersedia di {daerah}, daftar lewat situs resmi.`] },
    hashtags: ['LayananPublik', 'IndonesiaMaju'],
    link: `https://www.komdigi.go.id/berita/layanan-${i}`,
    media: [],
  };
}

interface Desk {
  db: HubDatabase;
  library: DeskLibraryRuntime;
  /** Writes an item as the editor and sends it for review; its id. */
  draft(content: object): Promise<string>;
  /** The approver's request: resolves when the hub has answered (output written). */
  approve(id: string): Promise<void>;
  close(): Promise<void>;
}

/** A hub with one library of `count` published items, seeded in bulk, published once. */
async function deskWith(count: number, outDir: string, keyFile: string): Promise<Desk> {
  const db = await openDatabase({});
  await migrate(db);
  for (const username of ['editor', 'penyetuju']) await addSupervisor(db, { username, password: PASSWORD, role: 'national', passwordCost: 2 ** 10 });
  await addLibrary(db, { id: 'nasional', name: 'Pustaka Nasional', outDir, publisher: 'Kementerian Komunikasi dan Digital' });
  await setRole(db, 'nasional', 'editor', 'editor');
  await setRole(db, 'nasional', 'penyetuju', 'approver');
  const [editor, approver] = (await db.query<{ id: number }>("SELECT id FROM supervisors WHERE username IN ('editor', 'penyetuju') ORDER BY username"));
  const started = Date.now();
  const rows = Array.from({ length: count }, (_, i) => ({ id: `layanan-${String(i).padStart(5, '0')}`, content: deskContent(i), at: new Date(Date.now() - (count - i) * 60_000).toISOString() }));
  for (let from = 0; from < rows.length; from += 2000) {
    const chunk = JSON.stringify(rows.slice(from, from + 2000));
    await db.query(
      `INSERT INTO desk_items (library_id, id, created_by, published_version, first_published_at) SELECT 'nasional', r.id, $1, 1, r.at FROM jsonb_to_recordset($2::jsonb) AS r(id text, at timestamptz)`,
      [editor!.id, chunk],
    );
    await db.query(
      `INSERT INTO desk_versions (library_id, item_id, version, content, state, editors, submitted_at, approved_by, approved_at)
       SELECT 'nasional', r.id, 1, r.content, 'approved', ARRAY[$1::int], r.at, $2, r.at FROM jsonb_to_recordset($3::jsonb) AS r(id text, content jsonb, at timestamptz)`,
      [editor!.id, approver!.id, chunk],
    );
  }
  const [library] = loadLibraryKeys(await listLibraries(db), new Map([['nasional', keyFile]]), {});
  const first = Date.now();
  const publication = await publishQueued(db, library!, 'bench');
  say(`${count} items seeded in ${Math.round((first - started) / 1000)} s, first publication (sequence ${publication.sequence}) in ${((Date.now() - first) / 1000).toFixed(1)} s`);

  const app = createHubApp(db, { script: '', style: '' }, { passwordCost: 2 ** 10, desk: [library!], logger: pino({ level: 'warn' }) });
  const cookies: Record<string, string> = {};
  for (const who of ['editor', 'penyetuju']) {
    const res = await app.request(`${ORIGIN}/api/login`, { method: 'POST', headers: { Origin: ORIGIN, 'Content-Type': 'application/json' }, body: JSON.stringify({ username: who, password: PASSWORD }) });
    cookies[who] = res.headers.get('set-cookie')!.split(';')[0]!;
  }
  const call = async (who: string, path: string, body: unknown = {}) => {
    const res = await app.request(`${ORIGIN}/desk/api/libraries/nasional${path}`, { method: 'POST', headers: { Origin: ORIGIN, 'Content-Type': 'application/json', Cookie: cookies[who]! }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<Record<string, unknown>>;
  };
  return {
    db,
    library: library!,
    async draft(content) {
      const { id } = (await call('editor', '/items', { content })) as { id: string };
      await call('editor', `/items/${id}/submit`);
      return id;
    },
    async approve(id) {
      await call('penyetuju', `/items/${id}/approve`);
    },
    async close() {
      await app.close();
      await db.close();
    },
  };
}

/** Approve → signed output written: the approver's request, each a new publication of the whole library. */
async function approvalSeconds(desk: Desk): Promise<number[]> {
  const seconds: number[] = [];
  for (let n = 0; n < APPROVALS; n++) {
    const id = await desk.draft(deskContent(ITEMS + n));
    const started = performance.now();
    await desk.approve(id);
    seconds.push((performance.now() - started) / 1000);
  }
  say(`approve → output written: ${seconds.map((s) => s.toFixed(2)).join(', ')} s`);
  return seconds;
}

/** Approve → the officer's urgent notification, the output folder behind the slow link. */
async function notificationSeconds(desk: Desk, outDir: string, pick: () => number): Promise<number[]> {
  const host = await startStaticHost(outDir); // the first sync at full speed; the link comes after
  const { context, close } = await launchWithExtension({ fixtureSites: false, extensionDir });
  try {
    const sw = await serviceWorkerOf(context);
    const ext = await openExtensionPage(context, sw);
    const synced = Date.now();
    await setSettings(sw, { libraryUrl: host.url, publicKey: desk.library.publicKey, officerName: 'Sari Dewi', agency: 'Diskominfo Kota Malang', region: 'Kota Malang' });
    await waitForSync(sw, host.url, 900_000, 500);
    say(`officer synced ${ITEMS + APPROVALS} items in ${Math.round((Date.now() - synced) / 1000)} s: ${byKind(host.answers)}`);
    host.setLink(LINK);
    const ids: string[] = [];
    for (let n = 0; n < ALERTS; n++) ids.push(await desk.draft(deskContent(ITEMS + APPROVALS + n, true)));
    const approvedAt = new Map<string, number>();
    const seenAt = new Map<string, number>();
    let approving = true;
    const watch = (async () => {
      while (approving || ids.some((id) => approvedAt.has(id) && !seenAt.has(id))) {
        for (const name of Object.keys(await ext.evaluate(() => chrome.notifications.getAll()))) {
          const id = name.replace(/^hk-urgent:/, '');
          if (approvedAt.has(id) && !seenAt.has(id)) seenAt.set(id, Date.now());
        }
        await sleep(250);
      }
    })();
    for (const id of ids) {
      await sleep(5000 + pick() * 40_000);
      approvedAt.set(id, Date.now());
      await desk.approve(id);
    }
    approving = false;
    await Promise.race([watch, sleep(180_000)]);
    const seconds = ids.map((id) => ((seenAt.get(id) ?? NaN) - approvedAt.get(id)!) / 1000);
    say(`approve → notification at 256 kbit/s: ${seconds.map((s) => s.toFixed(1)).join(', ')} s`);
    if (seconds.some(Number.isNaN)) throw new Error(`${seconds.filter(Number.isNaN).length} urgent approvals never showed a notification`);
    return seconds;
  } finally {
    await close();
    await host.close();
  }
}

export async function deskFigures(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'hk-desk-bench-'));
  const outDir = join(dir, 'out');
  writeFileSync(join(dir, 'nasional.pem'), generateSigningKey().privatePem);
  const desk = await deskWith(ITEMS, outDir, join(dir, 'nasional.pem'));
  try {
    const size = new Intl.NumberFormat('en-US').format(ITEMS);
    const approvals = await approvalSeconds(desk);
    const alerts = await notificationSeconds(desk, outDir, seededRandom(30));
    return [
      { name: `desk ${size}: approve → signed static output written`, unit: 's', samples: approvals, goal: { median: 2 }, note: `${APPROVALS} approvals, PGlite in process; each rewrites index, snapshot pages, delta and feed` },
      { name: `desk ${size}: approve → officer's notification at 256 kbit/s`, unit: 's', samples: alerts, goal: { median: 60, p95: 90 }, note: `${ALERTS} urgent approvals at random moments, real one-minute check, 300 ms latency` },
    ];
  } finally {
    await desk.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
