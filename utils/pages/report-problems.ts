// What stands between this officer's log and the report server, for the popup and the dashboard:
// the outbox's last error while it backs off (server down, device awaiting approval), and the
// entries the server refused for their content, with the reason. Read from the background's meta rows.
import { getMeta, type HumasDb } from '../storage/db';
import type { ReportRefusal } from '../background/report-upload';

export interface ReportProblems {
  /** Why nothing was delivered lately, while the outbox waits to try again. */
  waiting?: string;
  /** Entries refused for good, newest last. */
  refused: ReportRefusal[];
}

export async function reportProblems(db: HumasDb, reportUrl: string): Promise<ReportProblems> {
  const retry = await getMeta<{ target: string; lastError?: string }>(db, 'reportRetry');
  const refused = (await getMeta<ReportRefusal[]>(db, 'reportRefused')) ?? [];
  return { waiting: retry?.target.startsWith(`${reportUrl}\n`) ? retry.lastError : undefined, refused };
}
