// Background logic behind the messages: library queries, sync scheduling, insert hand-over, posting log.
import { i18n } from '#i18n';
import { bytesToBase64 } from './crypto';
import type { HumasDb } from './db';
import { createLibraryCache, searchIds, type LibraryChanges } from './library-cache';
import { isExpired, queryLibrary, type IndexedItem } from './library-query';
import { MIME_EXTENSIONS, type AttachedFile, type Message, type PreparedInsert, type Requests } from './messages';
import { coalesced } from './coalesce';
import { appendLogEntry } from './posting-log';
import { uploadOutbox, type UploadResult } from './report-upload';
import type { Platform, Settings } from './schema';
import { readSyncState, syncLibrary } from './sync';
import { describeSyncState, type SyncState } from './sync-status';

/** What the background remembers about content it handed to a composer (kept in storage.session). */
export interface PendingInsert {
  tabId: number;
  platform: Platform;
  itemId: string;
  itemVersion: number;
  program: string;
  mediaIds: string[];
  text: string;
}

export interface KeyValueStore {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
}

export interface Sender {
  /** The sending extension's id; messages from elsewhere are refused. */
  id?: string;
  tabId?: number;
  /** true for the extension's own pages (dashboard, popup), false for content scripts. */
  fromExtensionPage: boolean;
}

export interface BackgroundDeps {
  db: HumasDb;
  extensionId: string;
  getSettings: () => Promise<Settings>;
  session: KeyValueStore;
  fetch?: typeof fetch;
  now?: () => Date;
  hasHostPermission?: (url: string) => Promise<boolean>;
  /** Tells a tab's sidebar that the library changed (so withdrawn content vanishes from open sidebars). */
  notifyTab?: (tabId: number) => Promise<unknown>;
}

export function createBackgroundService(deps: BackgroundDeps) {
  const now = deps.now ?? (() => new Date());
  const library = createLibraryCache(deps.db);
  /** Tabs whose sidebar has asked for the library: they hear about each sync. */
  const sidebarTabs = new Set<number>();

  async function loadItems() {
    return (await library.get()).items;
  }

  // Read once and refreshed after each sync: queries arrive on every keystroke in the search box.
  let syncState: Promise<SyncState> | undefined;
  const currentSyncState = () => (syncState ??= readSyncState(deps.db));

  async function statusText(): Promise<string> {
    return describeSyncState(await currentSyncState(), await library.visibleCount(now().getTime()));
  }

  async function findItem(itemId: string) {
    const item = (await library.get()).byId.get(itemId);
    return item && !isExpired(item, now()) ? item : undefined;
  }

  /** One sync at a time; a trigger during a sync is coalesced into one more run after it. */
  const requestSync = coalesced(async () => {
    const committed: LibraryChanges[] = [];
    try {
      await syncLibrary({
        db: deps.db,
        settings: await deps.getSettings(),
        fetch: deps.fetch,
        now,
        hasHostPermission: deps.hasHostPermission,
        onPageApplied: (changes) => void committed.push(changes),
      });
    } catch {
      // The error is recorded in the sync state and shown by `hk-status`.
    } finally {
      syncState = undefined;
      await library.apply(committed);
      await library.refreshMedia();
      void library.get(); // warm the search index now, not on the officer's first keystroke
      for (const tabId of sidebarTabs) void deps.notifyTab?.(tabId).catch(() => sidebarTabs.delete(tabId));
    }
  });

  /** Sends the outbox when a report endpoint is configured; coalesced like sync. */
  const requestUpload = coalesced(async () => {
    const { reportUrl } = await deps.getSettings();
    if (!reportUrl) return;
    uploadState = await uploadOutbox({ db: deps.db, reportUrl, fetch: deps.fetch });
  });
  let uploadState: UploadResult | undefined;

  async function prepareInsert(itemId: string, platform: Platform, tabId: number): Promise<PreparedInsert> {
    const settings = await deps.getSettings();
    const item = await findItem(itemId);
    if (!item) throw new Error(i18n.t('errors.itemGone'));
    const card = library.composed(item, platform, settings);
    const token = crypto.randomUUID();
    const pending: PendingInsert = { tabId, platform, itemId, itemVersion: item.version, program: item.program, mediaIds: item.media.slice(0, 1).map((m) => m.id), text: card.text };
    await deps.session.set(`pending:${token}`, pending);
    if (!item.media[0]) return { token, text: card.text };
    const file = await firstImage(item);
    return file ? { token, text: card.text, file } : { token, text: card.text, missingImage: true };
  }

  /** The item's first image as a file from the offline cache, or undefined when it is not cached. */
  async function firstImage(item: IndexedItem): Promise<AttachedFile | undefined> {
    const first = item.media[0];
    if (!first) return undefined;
    const cached = await deps.db.media.get(first.sha256.toLowerCase());
    if (cached?.state !== 'ok' || !cached.blob) return undefined;
    const base64 = bytesToBase64(new Uint8Array(await cached.blob.arrayBuffer()));
    return { name: `${first.id}.${MIME_EXTENSIONS[first.mime]}`, mime: first.mime, base64 };
  }

  /** Tokens being logged right now: a token logs at most one entry, even when two requests race. */
  const consuming = new Set<string>();

  async function logPost(req: Requests['log.post']['req'], tabId: number) {
    if (consuming.has(req.token)) throw new Error(i18n.t('errors.logging'));
    consuming.add(req.token);
    try {
      return await writeEntry(req, tabId);
    } finally {
      consuming.delete(req.token);
    }
  }

  async function writeEntry(req: Requests['log.post']['req'], tabId: number) {
    const pending = (await deps.session.get(`pending:${req.token}`)) as PendingInsert | undefined;
    if (!pending || pending.tabId !== tabId) throw new Error(i18n.t('errors.noInsertion'));
    const settings = await deps.getSettings();
    const entry = await appendLogEntry(deps.db, {
      platform: pending.platform,
      itemId: pending.itemId,
      itemVersion: pending.itemVersion,
      program: pending.program,
      mediaIds: pending.mediaIds,
      text: String(req.text),
      edited: String(req.text).trim() !== pending.text.trim(),
      account: String(req.account ?? '').slice(0, 200),
      pageUrl: String(req.pageUrl ?? '').slice(0, 2000),
      officerName: settings.officerName,
      agency: settings.agency,
      ...(req.postUrl ? { postUrl: String(req.postUrl) } : {}),
    });
    // One post per insertion: a second click on Post must not log the same content twice.
    await deps.session.set(`pending:${req.token}`, undefined);
    await deps.session.set(`logged:${req.token}`, { id: entry.id, tabId });
    void requestUpload();
    return { id: entry.id };
  }

  async function addPostUrl(req: Requests['log.postUrl']['req'], tabId: number) {
    const logged = (await deps.session.get(`logged:${req.token}`)) as { id: string; tabId: number } | undefined;
    if (!logged || logged.tabId !== tabId || !/^https:\/\//.test(String(req.postUrl))) throw new Error(i18n.t('errors.noPost'));
    // postUrl is an annotation outside the hash chain, so adding it later keeps the chain intact.
    await deps.db.log.where('id').equals(logged.id).modify({ postUrl: String(req.postUrl).slice(0, 2000) });
    await deps.session.set(`logged:${req.token}`, undefined);
    return {};
  }

  async function handle(message: Message, sender: Sender): Promise<unknown> {
    if (sender.id !== deps.extensionId) throw new Error(i18n.t('errors.unknownSender'));
    switch (message.type) {
      case 'library.query': {
        const m = message as Message<'library.query'>;
        if (sender.tabId !== undefined && !sender.fromExtensionPage) sidebarTabs.add(sender.tabId);
        const { items, byId, media, programs, search } = await library.get();
        const settings = await deps.getSettings();
        const cards = queryLibrary(items, m.query, settings, now(), {
          media: (sha) => media.get(sha),
          compose: (item: IndexedItem) => library.composed(item, m.query.platform, settings),
          textMatches: (text) => searchIds(search, text),
          sorted: { byId },
        });
        return { cards, programs, status: await statusText() };
      }
      case 'status.get': {
        const state = await currentSyncState();
        return { status: await statusText(), libraryUrl: (await deps.getSettings()).libraryUrl, needsPermission: state.lastError?.code === 'permission' };
      }
      case 'report.uploadNow': {
        if (!sender.fromExtensionPage) throw new Error(i18n.t('errors.extensionPagesOnly'));
        await requestUpload();
        return { sent: uploadState?.sent ?? 0, lastError: uploadState?.lastError, pending: await deps.db.outbox.count() };
      }
      case 'library.syncNow':
        await requestSync();
        return { status: await statusText() };
      case 'insert.prepare': {
        const m = message as Message<'insert.prepare'>;
        if (sender.tabId === undefined) throw new Error(i18n.t('errors.composerOnly'));
        return prepareInsert(String(m.itemId), m.platform, sender.tabId);
      }
      case 'media.get': {
        const item = await findItem(String((message as Message<'media.get'>).itemId));
        const file = item && (await firstImage(item));
        if (!file) throw new Error(i18n.t('errors.imageNotCached'));
        return file;
      }
      case 'log.post': {
        if (sender.tabId === undefined || sender.fromExtensionPage) throw new Error(i18n.t('errors.composerOnly'));
        return logPost(message as Message<'log.post'>, sender.tabId);
      }
      case 'log.postUrl': {
        if (sender.tabId === undefined || sender.fromExtensionPage) throw new Error(i18n.t('errors.composerOnly'));
        return addPostUrl(message as Message<'log.postUrl'>, sender.tabId);
      }
      default:
        throw new Error(i18n.t('errors.unknownMessage', [String((message as { type: unknown }).type)]));
    }
  }

  return { handle, requestSync, requestUpload, statusText, uploadState: () => uploadState };
}
