// One small query interface over both databases the hub runs on: PGlite (real PostgreSQL in WASM,
// the embedded default, data in a folder) and a PostgreSQL server through `pg` (DATABASE_URL).
// The SQL is the same for both; so are the migrations (hub/migrations/NNN_name.sql).
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { readdirSync, readFileSync } from 'node:fs';

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface HubDatabase extends Queryable {
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  kind: 'pglite' | 'postgres';
  /** PostgreSQL only: the pool's connections (for /metrics). */
  poolStats?(): { total: number; idle: number; waiting: number };
}

// Timestamps come back as ISO strings on both drivers (pg would build Date objects, PGlite too).
pg.types.setTypeParser(1184, (value) => new Date(value).toISOString());
pg.types.setTypeParser(20, (value) => Number(value));

function fromPglite(db: PGlite): HubDatabase {
  const wrap = (q: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    query: async <T,>(sql: string, params?: unknown[]) => (await q.query<T>(sql, params, { parsers: PGLITE_PARSERS })).rows,
    exec: async (sql: string) => void (await q.exec(sql)),
  });
  return {
    ...wrap(db),
    kind: 'pglite',
    transaction: (work) => db.transaction((tx) => work(wrap(tx))),
    close: () => db.close(),
  };
}

const PGLITE_PARSERS = { 1184: (value: string) => new Date(value).toISOString(), 20: (value: string) => Number(value) };

function fromPool(pool: pg.Pool): HubDatabase {
  const wrap = (q: { query: pg.Pool['query'] }): Queryable => ({
    query: async <T,>(sql: string, params?: unknown[]) => (await q.query(sql, params)).rows as T[],
    exec: async (sql: string) => void (await q.query(sql)),
  });
  return {
    ...wrap(pool),
    kind: 'postgres',
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** `databaseUrl` (postgres://…) selects a PostgreSQL server; otherwise PGlite in `dataDir` (in memory without one). */
export async function openDatabase(options: { databaseUrl?: string; dataDir?: string }): Promise<HubDatabase> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    // A dropped connection must not crash the hub: the next query fails and the request answers 503.
    pool.on('error', () => undefined);
    return fromPool(pool);
  }
  return fromPglite(await PGlite.create(options.dataDir));
}

const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url);

/**
 * Applies the numbered SQL files not applied yet, all in one transaction. An advisory lock
 * keeps two hub processes starting on one database from applying the same file twice.
 */
export async function migrate(db: HubDatabase): Promise<string[]> {
  const files = readdirSync(MIGRATIONS_DIR).filter((f) => /^\d{3}_.+\.sql$/.test(f)).sort();
  const applied: string[] = [];
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(7291)');
    await tx.query('CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const done = new Set((await tx.query<{ name: string }>('SELECT name FROM schema_migrations')).map((r) => r.name));
    for (const file of files) {
      if (done.has(file)) continue;
      await tx.exec(readFileSync(new URL(file, MIGRATIONS_DIR), 'utf8'));
      await tx.query('INSERT INTO schema_migrations (name) VALUES ($1)', [file]);
      applied.push(file);
    }
  });
  return applied;
}
