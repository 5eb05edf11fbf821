// Signed reports: what signing costs per log entry (Ed25519 in WebCrypto, in the extension's origin,
// beside the hashing the chain needs anyway), and what share of a 10,000-entry upload it amounts to.
import { startLibraryServer } from '../library/server';
import { openExtensionPage, readStore, setSettings, writeSignedEntries } from '../tests/support/extension-tools';
import { launchWithExtension, serviceWorkerOf } from '../tests/support/launch';
import type { Figure } from './stats';

const ENTRIES = 10_000;

export async function reportFigures(runs: number): Promise<Figure[]> {
  const perEntry: number[] = [];
  const share: number[] = [];
  const upload: number[] = [];
  for (let run = 0; run < runs; run++) {
    const reports = await startLibraryServer();
    const { context, close } = await launchWithExtension();
    try {
      const sw = await serviceWorkerOf(context);
      const page = await openExtensionPage(context, sw);
      while (!(await readStore<{ key: string }>(sw, 'meta')).some((m) => m.key === 'install')) await new Promise((r) => setTimeout(r, 50));
      const { signMs } = await writeSignedEntries(page, ENTRIES);
      perEntry.push(signMs / ENTRIES);
      const started = Date.now();
      await setSettings(sw, { libraryUrl: reports.url, reportUrl: reports.url });
      while (reports.reports.size < ENTRIES) await new Promise((r) => setTimeout(r, 20));
      const uploadMs = Date.now() - started;
      upload.push(uploadMs);
      share.push((signMs / uploadMs) * 100);
    } finally {
      await close();
      await reports.close();
    }
  }
  return [
    { name: 'signing one log entry (Ed25519, WebCrypto)', unit: 'ms', samples: perEntry, goal: { median: 2 } },
    { name: `upload of ${ENTRIES.toLocaleString('en')} signed entries (enroll, send, server verifies)`, unit: 'ms', samples: upload },
    { name: `signing ${ENTRIES.toLocaleString('en')} entries, as a share of their upload`, unit: '%', samples: share, goal: { median: 10 } },
  ];
}
