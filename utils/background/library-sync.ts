// The library's sync in the background: the text sync (one at a time, each committed page shown at
// once, urgent items alerted once per version), the image run after it, the one-minute check and the
// 15-minute sync. Split from background-service.ts, which wires it to the messages.
import { getMeta, setMeta, type HumasDb, type StoredItem } from '../storage/db';
import { coalesced } from '../shared/coalesce';
import { dataSaverOn, type Settings } from '../shared/settings';
import { librariesOf, type LibrarySource } from '../shared/libraries';
import type { Library, LibraryChanges } from './library';
import { afterCheck, shouldCheck, type NewsCheckState } from './news-check';
import { ALERTED_KEY, urgentAlerts, type UrgentAlert } from './urgent-alerts';
import { acceptSiteHints } from './site-hints';
import { dropUnfollowedLibraries, readSyncState, syncLibrary, syncMedia, type SyncDeps } from './sync';
import type { SyncState } from './sync-status';
import { readLibraryStatuses, sourceOf } from './library-sources';

/** Each library the settings list, with its sync state. */
export async function readLibraryStates(db: HumasDb, settings: Settings): Promise<{ library: LibrarySource; state: SyncState }[]> {
  return Promise.all(librariesOf(settings).map(async (library) => ({ library, state: await readSyncState(db, library) })));
}

const NEWS_CHECK_KEY = 'newsCheck';
/** Committed feed pages reach open sidebars at most this often during a sync. */
const PAGE_FLUSH_MS = 1000;
/** Images that arrived reach open sidebars at most this often. */
const MEDIA_FLUSH_MS = 1500;

/** The full sync's alarm period. */
export const FULL_SYNC_MINUTES = 15;

export interface LibrarySyncDeps {
  db: HumasDb;
  getSettings: () => Promise<Settings>;
  fetch?: typeof fetch;
  now: () => Date;
  hasHostPermission?: (url: string) => Promise<boolean>;
  alertUrgent?: (alert: UrgentAlert) => Promise<unknown>;
  browserSaveData?: () => boolean;
  library: Library;
  /** Tells open sidebars that the library changed (they ask again). */
  notifySidebars: () => void;
  /** The background's cached sync state is out of date. */
  forgetSyncState: () => void;
  /** New site hints were offered: the status line's note is read again. */
  forgetHintsNote: () => void;
  refreshTodo: () => Promise<unknown>;
}

export function createLibrarySync(d: LibrarySyncDeps) {
  /** One sync at a time; a trigger during a sync is coalesced into one more run after it. */
  const requestSync = coalesced(async () => {
    const committed: LibraryChanges[] = [];
    // Each committed page reaches open sidebars at once (on a slow link the list must not wait for
    // the images), at most once a second so a 10,000-item first sync is not re-sorted 500 times.
    let pending: LibraryChanges[] = [];
    /** Pages of a library's first sync: its urgent items show in the sidebar, not as a burst of alerts. */
    const quiet = new WeakSet<LibraryChanges>();
    let lastFlush = 0;
    const flushPages = async (force = false) => {
      if (pending.length === 0 || (!force && Date.now() - lastFlush < PAGE_FLUSH_MS)) return;
      const pages = pending;
      pending = [];
      lastFlush = Date.now();
      await d.library.apply(pages);
      await alertNewUrgent(pages.filter((c) => !quiet.has(c)).flatMap((c) => c.upserted), false);
      await alertNewUrgent(pages.filter((c) => quiet.has(c)).flatMap((c) => c.upserted), true);
      d.notifySidebars();
    };
    const settings = await d.getSettings();
    // Every library at once, each on its own: one that fails (a bad signature, unreachable) records
    // its error in its own state and neither stops nor hides the others.
    const syncOne = async (library: LibrarySource) => {
      const firstSync = !(await readSyncState(d.db, library)).lastSuccessAt;
      await syncLibrary({
        ...(await mediaDeps(settings)),
        library,
        separateMedia: true,
        hasHostPermission: d.hasHostPermission,
        // A verified, fresh, bound and committed page's site hints (site-hints.ts).
        onSiteHints: async (hints, sequence) => {
          await acceptSiteHints(d.db, hints, sequence);
          d.forgetHintsNote();
        },
        // The first snapshot page's thumbnails: shown as soon as they are in.
        onMediaStored: () => void d.library.refreshMedia().then(d.notifySidebars),
        onPageApplied: async (changes) => {
          if (firstSync) quiet.add(changes);
          committed.push(changes);
          pending.push(changes);
          await flushPages(committed.length === 1);
        },
        onPagesDone: async () => {
          d.forgetSyncState();
          await flushPages(true);
          void d.refreshTodo();
        },
      });
    };
    try {
      const dropped = await dropUnfollowedLibraries(d.db, librariesOf(settings));
      if (dropped.length) await d.library.apply([{ upserted: [], removedIds: dropped, replaced: false }]);
      // Errors are recorded in each library's sync state and shown by `hk-status`.
      await Promise.allSettled(librariesOf(settings).map(syncOne));
    } finally {
      d.forgetSyncState();
      await flushPages(true);
      await d.library.refreshMedia();
      void d.library.get(); // warm the search index now, not on the officer's first keystroke
      void d.refreshTodo();
      d.notifySidebars();
      void requestMedia();
    }
  });

  const mediaDeps = async (settings: Settings): Promise<SyncDeps> => ({
    db: d.db,
    settings,
    dataSaver: dataSaverOn(settings, d.browserSaveData?.() ?? false),
    fetch: d.fetch,
    now: d.now,
  });

  /**
   * Thumbnails and images after the text, in a run of their own: a check for news never waits for
   * them (at 256 kbit/s they can take many minutes), and only one image run goes at a time.
   */
  const requestMedia = coalesced(async () => {
    let mediaTimer: ReturnType<typeof setTimeout> | undefined;
    const mediaStored = () => {
      mediaTimer ??= setTimeout(() => {
        mediaTimer = undefined;
        void d.library.refreshMedia().then(d.notifySidebars);
      }, MEDIA_FLUSH_MS);
    };
    try {
      const settings = await d.getSettings();
      for (const library of librariesOf(settings)) {
        await syncMedia({ ...(await mediaDeps(settings)), library, onMediaStored: mediaStored }).catch(() => undefined);
      }
    } catch {
      // Each image records its own failure and retry time.
    } finally {
      clearTimeout(mediaTimer);
      d.forgetSyncState();
      await d.library.refreshMedia();
      d.notifySidebars();
    }
  });

  /** Alerts each urgent item once per version (utils/background/urgent-alerts.ts). */
  async function alertNewUrgent(upserted: StoredItem[], quietly: boolean): Promise<void> {
    const alerted = (await getMeta<Record<string, number>>(d.db, ALERTED_KEY)) ?? {};
    const settings = await d.getSettings();
    const alerts = urgentAlerts(upserted, alerted, d.now(), settings);
    if (alerts.length === 0) return;
    const statuses = await readLibraryStatuses(d.db, settings);
    for (const alert of alerts) alert.source = sourceOf(alert.itemId, statuses)?.label;
    for (const alert of alerts) alerted[alert.itemId] = alert.version;
    await setMeta(d.db, ALERTED_KEY, alerted);
    // Shown side by side with the rest of the sync, not waited for (measured: ~40 ms per notification
    // in Chromium, most of a 100-item incremental sync).
    if (!quietly) for (const alert of alerts) void d.alertUrgent?.(alert).catch(() => undefined);
  }

  /**
   * The one-minute check (utils/background/news-check.ts): a sync whose first request is
   * conditional, so an unchanged library costs one 304; skipped during max-age and backoff.
   */
  async function checkForNews(): Promise<'checked' | 'skipped'> {
    const state = await getMeta<NewsCheckState>(d.db, NEWS_CHECK_KEY);
    const at = d.now().getTime();
    if (!shouldCheck(state, at)) return 'skipped';
    await requestSync();
    const states = (await readLibraryStates(d.db, await d.getSettings())).map((s) => s.state);
    // Backs off only when every library failed: one broken library must not slow the others' news.
    const failed = states.every((sync) => !!sync.lastError && Date.parse(sync.lastError.at) >= at);
    await setMeta(d.db, NEWS_CHECK_KEY, afterCheck(state, { ok: !failed, maxAgeSeconds: states[0]?.maxAgeSeconds }, d.now().getTime()));
    return 'checked';
  }

  /**
   * The 15-minute sync: only when nothing asked the library in that time. While the one-minute
   * check runs it never needs to (an idle hour is 60 checks, not 64); it still syncs when checks
   * are spaced out by max-age or back off.
   */
  async function syncUnlessRecent(): Promise<'synced' | 'skipped'> {
    const attempts = (await readLibraryStates(d.db, await d.getSettings())).map((s) => s.state.lastAttemptAt);
    const lastAttemptAt = attempts.every(Boolean) ? attempts.sort()[0] : undefined;
    if (lastAttemptAt && d.now().getTime() - Date.parse(lastAttemptAt) < FULL_SYNC_MINUTES * 60_000 - 30_000) return 'skipped';
    await requestSync();
    return 'synced';
  }

  return { requestSync, requestMedia, checkForNews, syncUnlessRecent };
}
