// Backup and restore of a PGlite hub (the default database): one gzipped tar of its data folder,
// made by PGlite itself. PGlite is one process per folder, so both run with the hub stopped; for
// PostgreSQL, use pg_dump / pg_restore (README).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';

/** Writes the folder's database to `file` (gzipped tar); returns its size in bytes. */
export async function backupPglite(dataDir: string, file: string): Promise<number> {
  if (!existsSync(dataDir) || readdirSync(dataDir).length === 0) throw new Error(`tidak ada basis data di / no database in ${dataDir}`);
  const db = await PGlite.create(dataDir);
  try {
    // A checkpoint first: the tar then holds every committed row in the data files themselves.
    await db.exec('CHECKPOINT');
    const bytes = Buffer.from(await (await db.dumpDataDir('gzip')).arrayBuffer());
    writeFileSync(file, bytes);
    return bytes.length;
  } finally {
    await db.close();
  }
}

/** Makes `dataDir` (which must not exist or be empty: a restore never overwrites a database) from a backup. */
export async function restorePglite(file: string, dataDir: string): Promise<void> {
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    throw new Error(`${dataDir} sudah berisi basis data; pulihkan ke folder kosong / already holds a database; restore into an empty folder`);
  }
  const db = await PGlite.create(dataDir, { loadDataDir: new Blob([readFileSync(file)]) });
  await db.query('SELECT 1');
  await db.close();
}
