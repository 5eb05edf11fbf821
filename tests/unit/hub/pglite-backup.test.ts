// A PGlite hub's backup and restore: what was stored before the backup comes back, what came after
// does not, and a restore never overwrites a database.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addAgency } from '../../../hub/accounts';
import { migrate, openDatabase } from '../../../hub/database';
import { backupPglite, restorePglite } from '../../../hub/pglite-backup';

const dir = mkdtempSync(join(tmpdir(), 'hk-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const agencies = async (dataDir: string) => {
  const db = await openDatabase({ dataDir });
  try {
    return (await db.query<{ id: string }>('SELECT id FROM agencies ORDER BY id')).map((r) => r.id);
  } finally {
    await db.close();
  }
};

describe('PGlite backup', () => {
  it('restores what the backup held into an empty folder, and refuses to overwrite a database', { timeout: 60_000 }, async () => {
    const live = join(dir, 'live');
    const db = await openDatabase({ dataDir: live });
    await migrate(db);
    await addAgency(db, 'kominfo-malang', 'Diskominfo Kota Malang');
    await db.close();
    const file = join(dir, 'hub.tar.gz');
    expect(await backupPglite(live, file)).toBeGreaterThan(1000);
    // After the backup: another agency, which the restored copy must not have.
    const later = await openDatabase({ dataDir: live });
    await addAgency(later, 'kominfo-surabaya', 'Diskominfo Kota Surabaya');
    await later.close();

    const restored = join(dir, 'restored');
    await restorePglite(file, restored);
    expect(await agencies(restored)).toEqual(['kominfo-malang']);
    expect(await agencies(live)).toEqual(['kominfo-malang', 'kominfo-surabaya']);
    await expect(restorePglite(file, live)).rejects.toThrow(/sudah berisi basis data/);
  });
});
