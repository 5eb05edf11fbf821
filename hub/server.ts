// Starts a hub: database (PGlite in a folder, or DATABASE_URL), migrations, the web bundle, the
// HTTP server, and (when a library is named) a follower that keeps the item table current.
import { serve, type ServerType } from '@hono/node-server';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createHubApp } from './app';
import { migrate, openDatabase, type HubDatabase } from './database';
import { listLibraries, loadLibraryKeys, recordPublicKeys } from './desk/libraries';
import { publishDue } from './desk/schedule';
import { fillCsvLines } from './export';
import { followLibrary, libraryFollowProblem, type LibraryFollowOptions } from './library-follow';
import { defaultLogger, type HubLogger } from './operations';
// From a checkout the page is bundled at start; the built hub (hub/build.ts) swaps in ./web/prebuilt.
import { buildWebAssets, type WebAssets } from './web/page';

export interface HubOptions {
  databaseUrl?: string;
  /** PGlite's folder (created when missing); without it and without databaseUrl, PGlite in memory. */
  dataDir?: string;
  port?: number;
  host?: string;
  library?: LibraryFollowOptions;
  /** How often the library is read again (ms). */
  libraryEveryMs?: number;
  /** Behind a TLS-terminating proxy (see createHubApp). */
  behindProxy?: boolean;
  /** Calendar days of national views and of agencies without their own zone (IANA, default Asia/Jakarta). */
  timeZone?: string;
  /** Reuse one bundle across several hubs in a test process. */
  assets?: WebAssets;
  db?: HubDatabase;
  /** JSON log lines (default: stdout). */
  logger?: HubLogger;
  /** Editorial desk: library id → its signing key file (`--library <id>=<keyfile>`); HK_LIBRARY_KEY_<ID> otherwise. */
  libraryKeys?: Map<string, string>;
  /** How often approved items scheduled for later are checked (ms, default 60 s). */
  deskScheduleEveryMs?: number;
}

export interface RunningHub {
  url: string;
  db: HubDatabase;
  /** Reads the library now (tests; the follower also runs on its own). */
  followLibrary(): Promise<unknown>;
  close(): Promise<void>;
}

export async function startHub(options: HubOptions = {}): Promise<RunningHub> {
  // A library the hub may not follow (no key, plain http without --dev) stops the start, not each read.
  const libraryProblem = options.library && libraryFollowProblem(options.library);
  if (libraryProblem) throw new Error(libraryProblem);
  if (options.dataDir && !options.databaseUrl) mkdirSync(options.dataDir, { recursive: true });
  const db = options.db ?? (await openDatabase({ databaseUrl: options.databaseUrl, dataDir: options.dataDir }));
  await migrate(db);
  const logger = options.logger ?? defaultLogger();
  // Every desk library's key, or no start: a desk that cannot sign would approve items nobody gets.
  const desk = await (async () => loadLibraryKeys(await listLibraries(db), options.libraryKeys ?? new Map()))().catch(async (err) => {
    if (!options.db) await db.close();
    throw err;
  });
  for (const id of await recordPublicKeys(db, desk)) logger.warn({ library: id }, 'desk library key changed (rotation): officers need the new public key');
  // Posts stored before their CSV lines were (migration 004) get them in the background; until
  // then the export formats those rows itself, so nothing waits on this.
  const filling = fillCsvLines(db).catch((err) => logger.error({ err: (err as Error).message }, 'filling old CSV lines failed'));
  const app = createHubApp(db, options.assets ?? (await buildWebAssets()), { behindProxy: options.behindProxy, logger, timeZone: options.timeZone, desk });
  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port ?? 8788, hostname: options.host ?? '127.0.0.1' }, () => resolve(s));
    s.once('error', reject);
  }).catch(async (err) => {
    await filling;
    if (!options.db) await db.close();
    throw err;
  });
  // Keep idle connections longer than clients and load balancers do (60 s is theirs, commonly), so
  // the hub never closes a connection just as a client sends the next batch on it.
  Object.assign(server, { keepAliveTimeout: 65_000, headersTimeout: 66_000 });
  const { port } = server.address() as AddressInfo;
  const follow = async () => {
    if (!options.library) return;
    try {
      return await followLibrary(db, options.library);
    } catch (err) {
      logger.error({ err: (err as Error).message }, 'reading the library failed');
    }
  };
  void follow();
  const timer = options.library ? setInterval(follow, options.libraryEveryMs ?? 60_000) : undefined;
  // Scheduled items: those that fell due while the hub was stopped at once, then every minute.
  let dueSince = new Date(0);
  const publishScheduled = async () => {
    try {
      dueSince = await publishDue(db, desk, dueSince);
    } catch (err) {
      logger.error({ err: (err as Error).message }, 'scheduled desk publication failed');
    }
  };
  if (desk.length) void publishScheduled();
  const deskTimer = desk.length ? setInterval(publishScheduled, options.deskScheduleEveryMs ?? 60_000) : undefined;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    db,
    followLibrary: follow,
    async close() {
      clearInterval(timer);
      clearInterval(deskTimer);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      await app.close();
      await filling;
      if (!options.db) await db.close();
    },
  };
}
