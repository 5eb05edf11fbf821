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
/** scrypt N for test supervisors: the default (2^17) costs half a second a hash. */
export const TEST_PASSWORD_COST = 2 ** 10;

/** Two agencies with a supervisor each, and a national supervisor. */
export async function seedAgencies(db: HubDatabase) {
  await migrate(db);
  const malang = await addAgency(db, 'kominfo-malang', 'Diskominfo Kota Malang');
  const surabaya = await addAgency(db, 'kominfo-surabaya', 'Diskominfo Kota Surabaya');
  await addSupervisor(db, { username: 'rina', password: PASSWORD, role: 'agency', agencyId: 'kominfo-malang', passwordCost: TEST_PASSWORD_COST });
  await addSupervisor(db, { username: 'budi', password: PASSWORD, role: 'agency', agencyId: 'kominfo-surabaya', passwordCost: TEST_PASSWORD_COST });
  await addSupervisor(db, { username: 'nasional', password: PASSWORD, role: 'national', passwordCost: TEST_PASSWORD_COST });
  return { tokens: { malang, surabaya } };
}
