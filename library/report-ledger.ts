// The local report server's in-memory ledger (dev and tests): installs enroll their Ed25519 public
// key (with the agency's token when one is set) and upload signed entries, checked by the protocol's
// rules in hub/report-rules.ts. Repeated ids are acknowledged as duplicates.
import { chainAnchors, entryProblem, isAnswer, parseEnrollment, parseUpload, type Answer, type Enrollment, type Rejection } from '../hub/report-rules';
import type { KeyObject } from 'node:crypto';

export type { Answer, Enrollment, Rejection };

interface Install extends Enrollment {
  key: KeyObject;
  anchors: string[];
  /** Hashes of this install's accepted entries and of those refused for content: where the next ones may link. */
  hashes: Set<string>;
  /** The newest of them (v1.2's `lastHash`); the genesis before any. */
  head: string;
}

const isHex = (value: unknown): value is string => typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);

export function createReportLedger(options: { token?: string } = {}) {
  const installs = new Map<string, Install>();
  /** Stored entries by id, and which install sent each. */
  const reports = new Map<string, Record<string, unknown>>();
  const senders = new Map<string, string>();
  const rejected: (Rejection & { installId: string })[] = [];
  /** Entries refused for their content, by id: sent again (a resync), they are not counted twice. */
  const refusedIds = new Set<string>();

  function enroll(body: unknown, authorization: string | undefined): Answer {
    if (options.token && authorization !== `Bearer ${options.token}`) return { status: 401, body: { error: 'token pendaftaran tidak valid / invalid enrollment token' } };
    const parsed = parseEnrollment(body);
    if (isAnswer(parsed)) return parsed;
    const e = parsed.enrollment;
    const known = installs.get(e.installId);
    if (known) return known.publicKey === e.publicKey ? { status: 200, body: { enrolled: true } } : { status: 409, body: { error: 'installId terdaftar dengan kunci lain / enrolled with another key' } };
    installs.set(e.installId, { ...e, key: parsed.key, anchors: chainAnchors(parsed.genesis), hashes: new Set(), head: parsed.genesis });
    return { status: 201, body: { enrolled: true } };
  }

  function check(install: Install, entry: Record<string, unknown>, batchHashes: Set<string>): Rejection['reason'] | undefined {
    // The link first (as the hub does): an entry after a gap is a resync, whatever else is wrong with it.
    const prev = entry.prevHash as string;
    if (!(install.anchors.includes(prev) || install.hashes.has(prev) || batchHashes.has(prev))) return 'chain';
    return entryProblem(entry, install.key);
  }

  /** One upload: valid entries are stored (idempotently by id), the others listed with a reason. */
  function upload(body: unknown): Answer & { accepted: Record<string, unknown>[] } {
    const parsed = parseUpload(body);
    if (isAnswer(parsed)) return { ...parsed, accepted: [] };
    const install = installs.get(parsed.installId);
    if (!install) return { status: 401, body: { error: 'install belum terdaftar / install not enrolled' }, accepted: [] };
    const { entries } = parsed;
    const accepted: Record<string, unknown>[] = [];
    const refused: Rejection[] = [];
    const batchHashes = new Set<string>();
    let duplicates = 0;
    let chainBroken = false;
    const known = (hash: string) => {
      install.hashes.add(hash);
      batchHashes.add(hash);
      if (!chainBroken) install.head = hash;
    };
    for (const entry of entries) {
      const id = entry.id as string;
      const earlier = reports.get(id);
      if (earlier && senders.get(id) === install.installId && earlier.hash === entry.hash) {
        duplicates++;
        known(earlier.hash as string);
        continue;
      }
      const reason = earlier ? 'chain' : check(install, entry, batchHashes);
      if (reason) {
        refused.push({ id, reason });
        if (reason === 'chain') chainBroken = true;
        // v1.2: refused for its content, the entry's hash still links the chain.
        else if (isHex(entry.hash)) known(entry.hash);
        if (!refusedIds.has(id) || reason === 'chain') rejected.push({ id, reason, installId: install.installId });
        refusedIds.add(id);
        continue;
      }
      known(entry.hash as string);
      reports.set(id, entry);
      senders.set(id, install.installId);
      accepted.push(entry);
    }
    const counts = { accepted: accepted.length, duplicates };
    if (!refused.length) return { status: 200, body: counts, accepted };
    return { status: 422, body: { ...counts, rejected: refused, ...(chainBroken ? { lastHash: install.head } : {}) }, accepted };
  }

  /** What a backup of the server holds; `restore` puts the server back to it (tests of a restored database). */
  function snapshot(from = { reports, senders, installs }) {
    return {
      reports: new Map(from.reports),
      senders: new Map(from.senders),
      installs: new Map([...from.installs].map(([id, install]) => [id, { ...install, hashes: new Set(install.hashes) }])),
    };
  }
  function restore(backup: ReturnType<typeof snapshot>): void {
    // A copy of the backup: restoring it twice starts from the same state both times.
    const copy = snapshot(backup);
    for (const [target, source] of [[reports, copy.reports], [senders, copy.senders], [installs, copy.installs]] as const) {
      (target as Map<string, unknown>).clear();
      for (const [k, v] of source as Map<string, unknown>) (target as Map<string, unknown>).set(k, v);
    }
  }

  return {
    enroll,
    upload,
    snapshot,
    restore,
    /** Stored entries by id. */
    reports,
    installs: () => [...installs.values()].map(({ installId, publicKey, officerName, agency, region }) => ({ installId, publicKey, officerName, agency, region })),
    rejected,
  };
}

export type ReportLedger = ReturnType<typeof createReportLedger>;
