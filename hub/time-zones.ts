// Supervisors' calendar days: an agency in Makassar (WITA) or Jayapura (WIT) counts its posts per
// day from its own midnight. National supervisors use the hub's zone (`--time-zone`, default WIB).
import type { Supervisor } from './accounts';
import type { Queryable } from './database';

export const DEFAULT_TIME_ZONE = 'Asia/Jakarta';

/** Whether the runtime knows this IANA zone. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The zone an agency's supervisor reads days in; the hub's for national supervisors and agencies without one. */
export async function zoneFor(db: Queryable, supervisor: Supervisor, hubZone: string): Promise<string> {
  if (supervisor.role === 'national' || !supervisor.agencyId) return hubZone;
  const [row] = await db.query<{ time_zone: string | null }>('SELECT time_zone FROM agencies WHERE id = $1', [supervisor.agencyId]);
  return row?.time_zone ?? hubZone;
}

/** `agency timezone <id> <zone>`: the message to print, or an error. */
export async function setAgencyTimeZone(db: Queryable, agencyId: string, zone: string): Promise<string> {
  if (!isTimeZone(zone)) throw new Error(`zona waktu tidak dikenal / unknown time zone: ${zone} (mis. / e.g. Asia/Jakarta, Asia/Makassar, Asia/Jayapura)`);
  const updated = await db.query('UPDATE agencies SET time_zone = $2 WHERE id = $1 RETURNING id', [agencyId, zone]);
  if (!updated.length) throw new Error(`instansi tidak ada / no such agency: ${agencyId}`);
  return `Instansi ${agencyId}: hari dihitung dalam ${zone} / days counted in ${zone}`;
}
