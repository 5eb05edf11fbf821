// Library sync: the static layout's signed index and files, or feed pages → signature → Zod →
// Dexie, each page committed with its cursor. The text comes first and on its own: the images and
// the thumbnails beyond the first page follow in syncMedia, which a check never waits for.
import { getMeta, setMeta, type HumasDb } from '../storage/db';
import { changeItems, compactItems, storedLibrary } from '../storage/item-store';
import type { LibraryChanges } from './library';
import { deleteOrphanMedia, downloadMissingMedia } from './media-cache';
import { isLoopbackUrl, type Settings } from '../shared/settings';
import { belongsTo, librariesOf, libraryIdOf, sourceKey, sourceKeyOf, type LibrarySource } from '../shared/libraries';
import type { FileRef } from '../shared/static-format';
import { fetchImmutable } from './feed-fetch';
import { syncFeed } from './feed-sync';
import { storeThumbs, syncStatic } from './static-sync';
import { mediaStateKey, readTextState, setThumbPacks, type MediaState, type SyncRun } from './sync-apply';

export type { MediaState } from './sync-apply';
import { syncStateKey, SyncError, type SyncState } from './sync-status';

export interface SyncDeps {
  db: HumasDb;
  settings: Settings;
  /** The library to sync (librariesOf(settings)); the primary one when absent. */
  library?: LibrarySource;
  fetch?: typeof fetch;
  now?: () => Date;
  /** A download is given up when no byte arrived for this long (no limit on its total time). */
  timeoutMs?: number;
  /** Whether the extension holds a host permission for a URL's origin (absent in tests: assumed not needed). */
  hasHostPermission?: (url: string) => Promise<boolean>;
  /** Told about each committed page, so in-memory views can follow without re-reading everything. */
  onPageApplied?: (changes: LibraryChanges) => void | Promise<void>;
  /** Called once every feed page is in, before the images download. */
  onPagesDone?: () => void | Promise<void>;
  /** Called each time an image or thumbnails were stored (the sidebar shows them without waiting for the others). */
  onMediaStored?: () => void;
  /** Data-saver mode: full images are not downloaded ahead; each comes when the officer needs it. */
  dataSaver?: boolean;
  /** A verified, fresh, bound and committed feed page's `siteHints` section (utils/background/site-hints.ts judges it). */
  onSiteHints?: (hints: unknown, sequence: number | undefined) => void | Promise<void>;
  /** The caller runs syncMedia itself (the background: checks for news never wait for images). */
  separateMedia?: boolean;
}

/**
 * Items of a library the settings no longer list go, with their images and its sync state (followed
 * again later, it starts afresh). Returns the ids removed.
 */
export async function dropUnfollowedLibraries(db: HumasDb, libraries: LibrarySource[]): Promise<string[]> {
  const followed = new Set(libraries.map(sourceKey));
  const gone = [...(await storedLibrary(db)).byId.values()].filter((item) => !followed.has(sourceKeyOf(item.id)));
  if (gone.length === 0) return [];
  await changeItems(db, { put: [], remove: gone.map((item) => item.id) });
  await deleteOrphanMedia(db, gone.flatMap((item) => item.mediaShas));
  for (const id of new Set(gone.map((item) => libraryIdOf(item.id)))) {
    await db.meta.bulkDelete([syncStateKey({ id, primary: false }), mediaStateKey({ id, primary: false, url: '' })]);
  }
  return gone.map((item) => item.id);
}

/** A library without a static index is asked again this often (it may adopt the layout). */
const LAYOUT_RECHECK_MS = 24 * 3_600_000;

export async function readSyncState(db: HumasDb, library?: LibrarySource): Promise<SyncState> {
  const { thumbPacks: _, ...media } = (await getMeta<MediaState>(db, mediaStateKey(library))) ?? {};
  return { ...(await readTextState(db, library)), ...media };
}

/** The library a run syncs, and the settings as that library's sync reads them (its own address, key and floor). */
function libraryOf(deps: SyncDeps): { library: LibrarySource; settings: Settings } {
  const library = deps.library ?? librariesOf(deps.settings)[0]!;
  if (library.primary) return { library, settings: deps.settings };
  // A policy's sequence floor and refused address concern the primary library.
  const { minSequence: _, rejected: __, ...rest } = deps.settings;
  return { library, settings: { ...rest, libraryUrl: library.url, publicKey: library.publicKey } };
}

/**
 * The images after the text: the static snapshot's remaining thumbnail packs, then the full images
 * (none ahead in data-saver mode). One at a time per library; failures are retried later.
 */
export async function syncMedia(deps: SyncDeps): Promise<MediaState> {
  const { db } = deps;
  const { library, settings } = libraryOf(deps);
  const MEDIA_STATE_KEY = mediaStateKey(library);
  const doFetch = deps.fetch ?? fetch.bind(globalThis);
  const now = deps.now ?? (() => new Date());
  const stallMs = deps.timeoutMs ?? 30_000;
  let media = (await getMeta<MediaState>(db, MEDIA_STATE_KEY)) ?? {};
  for (const pack of media.thumbPacks ?? []) {
    try {
      await storeThumbs(db, await fetchImmutable(doFetch, `${settings.libraryUrl}/${pack.path}`, pack, stallMs));
      deps.onMediaStored?.();
    } catch {
      break; // the link: the next run goes on from this pack
    }
    media = (await getMeta<MediaState>(db, MEDIA_STATE_KEY)) ?? {};
    await setMeta(db, MEDIA_STATE_KEY, (media = { ...media, thumbPacks: media.thumbPacks?.filter((p) => p.sha256 !== pack.sha256) }));
  }
  const outcome = deps.dataSaver
    ? { unavailable: await db.media.where('state').anyOf('failed', 'rejected').count(), storageFull: false }
    : // Every library's images (another library's are stored with absolute addresses).
      await downloadMissingMedia({ db, libraryUrl: settings.libraryUrl, fetch: doFetch, now, timeoutMs: stallMs, onStored: deps.onMediaStored });
  media = { ...((await getMeta<MediaState>(db, MEDIA_STATE_KEY)) ?? {}), mediaProblems: outcome.unavailable, storageFull: outcome.storageFull || undefined, dataSaver: deps.dataSaver || undefined };
  await setMeta(db, MEDIA_STATE_KEY, media);
  return media;
}

export async function syncLibrary(deps: SyncDeps): Promise<SyncState> {
  const { db } = deps;
  const { library, settings } = libraryOf(deps);
  const now = deps.now ?? (() => new Date());
  let state = await readTextState(db, library);
  const replaceLibrary = !!state.libraryUrl && state.libraryUrl !== settings.libraryUrl;
  if (state.libraryUrl !== settings.libraryUrl) {
    // A different library: its cursor, ETag, publication numbers and layout mean nothing here.
    state = { ...state, libraryUrl: settings.libraryUrl, cursor: undefined, etag: undefined, sequence: undefined, issuedAt: undefined, layout: undefined, layoutCheckedAt: undefined, fullSnapshots: undefined, snapshotProgress: undefined, pendingEtag: undefined, hintsSha: undefined };
  }
  const startedAt = now().toISOString();
  const run: SyncRun = {
    deps,
    db,
    settings,
    library,
    doFetch: deps.fetch ?? fetch.bind(globalThis),
    now,
    stallMs: deps.timeoutMs ?? 30_000,
    state,
    replaceLibrary,
    skippedInvalid: 0,
    withdrawnIds: new Set((await db.withdrawn.toCollection().primaryKeys()) as string[]),
  };
  try {
    // Fail closed: a refused address is never replaced by another silently, and only a library on
    // this computer (development) may be used without a key.
    if (settings.rejected?.includes('libraryUrl')) throw new SyncError('insecureUrl');
    if (!settings.publicKey && !isLoopbackUrl(settings.libraryUrl)) throw new SyncError('unsigned');
    if (replaceLibrary) {
      await db.tombstones.bulkDelete(((await db.tombstones.toCollection().primaryKeys()) as string[]).filter((id) => belongsTo(library, id)));
      await setThumbPacks(db, [], library);
    }
    // The static layout when the library has one (asked again daily when it had none), else the feed.
    const feedKnown = run.state.layout === 'feed' && now().getTime() - Date.parse(run.state.layoutCheckedAt ?? '') < LAYOUT_RECHECK_MS;
    if (feedKnown || (await syncStatic(run)) === 'absent') {
      if (!feedKnown) run.state = { ...run.state, layout: 'feed', layoutCheckedAt: now().toISOString() };
      await syncFeed(run);
    }
    await compactItems(db);
    // The library text is complete and verified: say so now. On a slow link the images that follow
    // may take many minutes, and neither the status nor the sidebar waits for them.
    state = { ...run.state, running: false, skippedInvalid: run.skippedInvalid, lastSuccessAt: now().toISOString(), lastAttemptAt: startedAt, lastError: undefined };
    await setMeta(db, syncStateKey(library), state);
    await deps.onPagesDone?.();
    if (!deps.separateMedia) await syncMedia(deps);
    return await readSyncState(db, library);
  } catch (err) {
    let error = err instanceof SyncError ? err : new SyncError('unreachable', String(err));
    // Without CORS headers a fetch fails just like an unreachable server: say both, and how to fix it.
    if (error.code === 'unreachable' && deps.hasHostPermission && !(await deps.hasHostPermission(settings.libraryUrl))) {
      error = new SyncError('permission', error.detail);
    }
    const latest = await readTextState(db, library);
    await setMeta(db, syncStateKey(library), {
      ...latest,
      running: false,
      lastAttemptAt: startedAt,
      lastError: { code: error.code, detail: error.detail, at: now().toISOString() },
    });
    throw error;
  }
}
