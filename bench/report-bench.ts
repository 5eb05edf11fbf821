// Signed reports: what signing costs per log entry (Ed25519 in WebCrypto, in the extension's origin,
// beside the hashing the chain needs anyway), and what share of a 10,000-entry upload it amounts to,
// from the product's own upload with signing on and off. The product signs, as it uploads, every
// entry that has no signature yet (utils/background/report-upload.ts: entries logged before the
// install had keys): "on" is 10,000 chained entries without signatures, "off" the same entries
// signed beforehand, each into a fresh install, uploaded to the same kind of server, which verifies
// every signature either way. No bench-only switch in the product is needed.
import { startLibraryServer } from '../library/server';
import { openExtensionPage, readStore, setSettings, waitForSync, writeSignedEntries } from '../tests/support/extension-tools';
import { launchWithExtension, serviceWorkerOf } from '../tests/support/launch';
import type { Figure } from './stats';

const ENTRIES = 10_000;

/** A fresh install holding ENTRIES entries (signed beforehand or not), uploaded by the product: its time, and the time spent signing beforehand. */
async function upload(signedBefore: boolean): Promise<{ uploadMs: number; signMs: number }> {
  const reports = await startLibraryServer();
  const { context, close } = await launchWithExtension({ extensionDir: process.env.HK_BENCH_EXTENSION_DIR || undefined });
  try {
    const sw = await serviceWorkerOf(context);
    const page = await openExtensionPage(context, sw);
    while (!(await readStore<{ key: string }>(sw, 'meta')).some((m) => m.key === 'install')) await new Promise((r) => setTimeout(r, 50));
    const { signMs } = await writeSignedEntries(page, ENTRIES, { sign: signedBefore });
    // The library's first sync first: run alongside, it held the worker for ~4 s before the first
    // batch in some uploads and not others (either side of a pair), which no signing explains.
    await setSettings(sw, { libraryUrl: reports.url });
    await waitForSync(sw, reports.url);
    const started = Date.now();
    await setSettings(sw, { libraryUrl: reports.url, reportUrl: reports.url });
    while (reports.reports.size < ENTRIES) await new Promise((r) => setTimeout(r, 20));
    return { uploadMs: Date.now() - started, signMs };
  } finally {
    await close();
    await reports.close();
  }
}

export async function reportFigures(runs: number): Promise<Figure[]> {
  const perEntry: number[] = [];
  const signingOn: number[] = [];
  const signingOff: number[] = [];
  const share: number[] = [];
  for (let run = 0; run < runs; run++) {
    // Which goes first alternates, so a machine getting busier does not favour one.
    const [first, second] = run % 2 ? [true, false] : [false, true];
    const a = await upload(first);
    const b = await upload(second);
    const [off, on] = first ? [a, b] : [b, a];
    perEntry.push(off.signMs / ENTRIES);
    signingOn.push(on.uploadMs);
    signingOff.push(off.uploadMs);
    share.push(((on.uploadMs - off.uploadMs) / on.uploadMs) * 100);
  }
  const n = ENTRIES.toLocaleString('en');
  return [
    { name: 'signing one log entry (Ed25519, WebCrypto)', unit: 'ms', samples: perEntry, goal: { median: 2 } },
    { name: `upload of ${n} entries, the product signing them (enroll, sign, send, server verifies)`, unit: 'ms', samples: signingOn },
    { name: `upload of ${n} entries signed beforehand (enroll, send, server verifies)`, unit: 'ms', samples: signingOff },
    {
      name: `signing ${n} entries, as a share of their upload`, unit: '%', samples: share, goal: { median: 10 },
      note: "the product's own upload: (signing on − signing off) ÷ signing on, in pairs of fresh installs",
    },
  ];
}
