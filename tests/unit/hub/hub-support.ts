// Both databases the hub runs on, for tests that must hold on each: PGlite in memory, and a fresh
// database on the throwaway PostgreSQL cluster of this test run (tests/support/postgres-global.ts).
import { inject } from 'vitest';
import { addAgency, addSupervisor } from '../../../hub/accounts';
import { migrate, openDatabase, type HubDatabase } from '../../../hub/database';
import { freshDatabase } from '../../support/postgres';

export const BACKENDS: [string, () => Promise<HubDatabase>][] = [
  ['PGlite', () => openDatabase({})],
  ['PostgreSQL', async () => openDatabase({ databaseUrl: await freshDatabase(inject('postgresUrl')) })],
];

export const PASSWORD = 'rahasia-pengawas-1';

/** Two agencies with a supervisor each, and a national supervisor. */
export async function seedAgencies(db: HubDatabase) {
  await migrate(db);
  const malang = await addAgency(db, 'kominfo-malang', 'Diskominfo Kota Malang');
  const surabaya = await addAgency(db, 'kominfo-surabaya', 'Diskominfo Kota Surabaya');
  await addSupervisor(db, { username: 'rina', password: PASSWORD, role: 'agency', agencyId: 'kominfo-malang' });
  await addSupervisor(db, { username: 'budi', password: PASSWORD, role: 'agency', agencyId: 'kominfo-surabaya' });
  await addSupervisor(db, { username: 'nasional', password: PASSWORD, role: 'national' });
  return { tokens: { malang, surabaya } };
}
