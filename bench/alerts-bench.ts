// Urgent alerts in the field: how long from publishing an urgent item on a static host to the
// officer's notification with the real one-minute check, and what an idle hour of checks costs.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPrivateKey } from '../library/keys';
import { seededRandom } from '../library/infographic';
import { publishLibrary } from '../library/publish';
import { setSettings, waitForSync } from '../tests/support/extension-tools';
import { launchWithExtension, serviceWorkerOf } from '../tests/support/launch';
import { startStaticHost } from '../tests/support/static-host';
import type { Figure } from './stats';

const SAMPLE = new URL('../library/content/', import.meta.url).pathname;
const DEV_KEY = new URL('../library/dev-keys/', import.meta.url).pathname;
/** How long urgent items are published for (at random moments); the check keeps its real one-minute period. */
const WINDOW_MS = Number(process.env.BENCH_ALERT_WINDOW_S ?? 240) * 1000;
/** Checks in an hour: 60 one-minute checks (the 15-minute sync is skipped while they run: unit test). */
const CHECKS_PER_HOUR = 60;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function urgentItem(n: number) {
  return {
    id: `hoaks-bench-${n}`, version: 1, title: `[HOAKS] Uji peringatan ${n}`, program: 'Klarifikasi Hoaks', tags: ['hoaks'], kind: 'klarifikasi', priority: 'urgent',
    publishedAt: new Date().toISOString(), captions: { default: `Itu hoaks (${n}). Cek faktanya di situs resmi.` }, hashtags: ['LawanHoaks'], media: [],
  };
}

export async function alertFigures(): Promise<Figure[]> {
  const signingKey = loadPrivateKey(readFileSync(`${DEV_KEY}dev-ed25519-private.pem`, 'utf8'));
  const publicKey = readFileSync(`${DEV_KEY}dev-ed25519-public.txt`, 'utf8').trim();
  const content = mkdtempSync(join(tmpdir(), 'hk-alert-content-'));
  cpSync(SAMPLE, content, { recursive: true });
  let site = mkdtempSync(join(tmpdir(), 'hk-alert-site-'));
  const deploys = [site];
  await publishLibrary(content, site, { signingKey });
  const host = await startStaticHost(site);
  // Without fixture sites: Playwright's routing would turn off the HTTP cache that sends If-None-Match.
  const { context, close } = await launchWithExtension({ fixtureSites: false });
  try {
    const sw = await serviceWorkerOf(context);
    await setSettings(sw, { libraryUrl: host.url, publicKey });
    await waitForSync(sw, host.url);

    // Idle: one minute of checks as often as Chrome lets an unpacked extension, against the unchanged library.
    process.stdout.write('  alerts: idle checks against a static host…\n');
    await sw.evaluate(() => chrome.alarms.create('hk-news', { periodInMinutes: 0.005 }));
    await sleep(5000); // the first check after a sync asks a new address (not conditional yet)
    const answers = host.feedAnswers.length;
    const wire = host.wireBytes();
    while (host.feedAnswers.length - answers < 60) await sleep(250);
    const idle = host.feedAnswers.slice(answers, answers + 60);
    const bytesPerCheck = (host.wireBytes() - wire) / (host.feedAnswers.length - answers);
    if (idle.some((a) => a.status !== 304)) throw new Error('an idle check was answered with something other than 304');
    await sw.evaluate(() => chrome.alarms.create('hk-news', { periodInMinutes: 1 }));

    // Publish urgent items at random moments for the window; note when each notification appears.
    process.stdout.write(`  alerts: publishing urgent items for ${WINDOW_MS / 1000} s with the one-minute check…\n`);
    const pick = seededRandom(17) // deterministic moments: two runs publish on the same schedule;
    const published = new Map<string, number>();
    const seen = new Map<string, number>();
    // Read from an extension page: the service worker stops when idle between checks, and a stopped
    // worker's handle no longer answers.
    const watcher = await context.newPage();
    await watcher.goto(`chrome-extension://${new URL(sw.url()).host}/popup.html`);
    let publishing = true;
    const watch = (async () => {
      while (publishing || [...published.keys()].some((id) => !seen.has(id))) {
        const ids = Object.keys(await watcher.evaluate(() => chrome.notifications.getAll()));
        for (const id of ids) if (!seen.has(id)) seen.set(id, Date.now());
        await sleep(250);
      }
    })();
    const until = Date.now() + WINDOW_MS;
    for (let n = 0; Date.now() < until; n++) {
      await sleep(4000 + pick() * 12_000);
      const item = urgentItem(n);
      writeFileSync(join(content, 'items', `${item.id}.json`), JSON.stringify(item));
      // Published into a copy, then deployed at once, as static hosts do (never a feed with the old signature).
      const deploy = mkdtempSync(join(tmpdir(), 'hk-alert-site-'));
      cpSync(site, deploy, { recursive: true });
      await publishLibrary(content, deploy, { signingKey });
      host.deploy(deploy);
      deploys.push(deploy);
      site = deploy;
      published.set(`hk-urgent:${item.id}`, Date.now());
    }
    publishing = false;
    await Promise.race([watch, sleep(150_000)]);
    const latencies = [...published].map(([id, at]) => ((seen.get(id) ?? NaN) - at) / 1000);
    if (latencies.some(Number.isNaN)) throw new Error(`${latencies.filter(Number.isNaN).length} urgent items never showed a notification`);
    return [
      { name: 'publish → notification, one-minute check (static host)', unit: 's', samples: latencies, goal: { median: 45, p95: 70 }, note: `${latencies.length} items published at random moments` },
      { name: 'idle checks per hour on a static host (304 answers)', unit: 'KB', samples: [(bytesPerCheck * CHECKS_PER_HOUR) / 1000], goal: { median: 60 }, note: `${Math.round(bytesPerCheck)} bytes per check (HTTP request and answer), ${CHECKS_PER_HOUR} checks` },
    ];
  } finally {
    await close();
    await host.close();
    rmSync(content, { recursive: true, force: true });
    for (const dir of deploys) rmSync(dir, { recursive: true, force: true });
  }
}
