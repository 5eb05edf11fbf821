// The local report server's in-memory ledger (dev and tests): installs enroll their Ed25519 public
// key (with the agency's token when one is set) and upload signed entries, checked by the protocol's
// rules in hub/report-rules.ts. Repeated ids are acknowledged as duplicates.
import { chainAnchors, entryProblem, isAnswer, parseEnrollment, parseUpload, type Answer, type Enrollment, type Rejection } from '../hub/report-rules';
import type { KeyObject } from 'node:crypto';

export type { Answer, Enrollment, Rejection };

interface Install extends Enrollment {
  key: KeyObject;
  anchors: string[];
  /** Hashes of this install's accepted entries: where the next ones may link. */
  hashes: Set<string>;
}

export function createReportLedger(options: { token?: string } = {}) {
  const installs = new Map<string, Install>();
  /** Stored entries by id, and which install sent each. */
  const reports = new Map<string, Record<string, unknown>>();
  const senders = new Map<string, string>();
  const rejected: (Rejection & { installId: string })[] = [];

  function enroll(body: unknown, authorization: string | undefined): Answer {
    if (options.token && authorization !== `Bearer ${options.token}`) return { status: 401, body: { error: 'token pendaftaran tidak valid / invalid enrollment token' } };
    const parsed = parseEnrollment(body);
    if (isAnswer(parsed)) return parsed;
    const e = parsed.enrollment;
    const known = installs.get(e.installId);
    if (known) return known.publicKey === e.publicKey ? { status: 200, body: { enrolled: true } } : { status: 409, body: { error: 'installId terdaftar dengan kunci lain / enrolled with another key' } };
    installs.set(e.installId, { ...e, key: parsed.key, anchors: chainAnchors(parsed.genesis), hashes: new Set() });
    return { status: 201, body: { enrolled: true } };
  }

  function check(install: Install, entry: Record<string, unknown>, batchHashes: Set<string>): Rejection['reason'] | undefined {
    const problem = entryProblem(entry, install.key);
    if (problem) return problem;
    const prev = entry.prevHash as string;
    return install.anchors.includes(prev) || install.hashes.has(prev) || batchHashes.has(prev) ? undefined : 'chain';
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
    for (const entry of entries) {
      const id = entry.id as string;
      const earlier = reports.get(id);
      if (earlier && senders.get(id) === install.installId && earlier.hash === entry.hash) {
        duplicates++;
        batchHashes.add(earlier.hash as string);
        continue;
      }
      const reason = earlier ? 'chain' : check(install, entry, batchHashes);
      if (reason) {
        refused.push({ id, reason });
        rejected.push({ id, reason, installId: install.installId });
        continue;
      }
      batchHashes.add(entry.hash as string);
      install.hashes.add(entry.hash as string);
      reports.set(id, entry);
      senders.set(id, install.installId);
      accepted.push(entry);
    }
    const counts = { accepted: accepted.length, duplicates };
    return refused.length ? { status: 422, body: { ...counts, rejected: refused }, accepted } : { status: 200, body: counts, accepted };
  }

  return {
    enroll,
    upload,
    /** Stored entries by id. */
    reports,
    installs: () => [...installs.values()].map(({ installId, publicKey, officerName, agency, region }) => ({ installId, publicKey, officerName, agency, region })),
    rejected,
  };
}

export type ReportLedger = ReturnType<typeof createReportLedger>;
