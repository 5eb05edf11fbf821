// The scheduled-publication check: an approved item whose publishAt is still ahead is held back from
// the output (publish-output.ts); once its time has come, the next check publishes its library. The
// hub runs the check at start (items that fell due while it was stopped) and every minute.
import type { HubDatabase } from '../database';
import type { DeskLibraryRuntime } from './libraries';
import { publishQueued } from './routes';

/** Libraries with an approved, live item whose publishAt falls in (since, now]. */
export async function librariesDue(db: HubDatabase, since: Date, now: Date): Promise<string[]> {
  const rows = await db.query<{ library_id: string }>(
    `SELECT DISTINCT i.library_id FROM desk_items i
       JOIN desk_versions v ON v.library_id = i.library_id AND v.item_id = i.id AND v.version = i.published_version
      WHERE i.withdrawn_at IS NULL AND v.content ? 'publishAt'
        AND (v.content->>'publishAt')::timestamptz > $1 AND (v.content->>'publishAt')::timestamptz <= $2`,
    [since.toISOString(), now.toISOString()],
  );
  return rows.map((r) => r.library_id);
}

/** Publishes the libraries with items due since the last check; returns the time to check from next. */
export async function publishDue(db: HubDatabase, libraries: DeskLibraryRuntime[], since: Date, now = new Date()): Promise<Date> {
  for (const id of await librariesDue(db, since, now)) {
    const library = libraries.find((l) => l.id === id);
    if (library) await publishQueued(db, library, 'jadwal', () => now);
  }
  return now;
}
