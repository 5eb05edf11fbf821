// Background logic behind the messages: library queries, sync scheduling, insert hand-over, posting log.
import { bytesToBase64 } from './crypto';
import type { HumasDb } from './db';
import { compareForSidebar, isExpired, queryLibrary, searchableText, toCard, type IndexedItem, type MediaInfo } from './library-query';
import { MIME_EXTENSIONS, type AttachedFile, type Message, type PreparedInsert, type Requests } from './messages';
import { appendLogEntry } from './posting-log';
import type { Platform, Settings } from './schema';
import { readSyncState, syncLibrary } from './sync';
import { describeSyncState } from './sync-status';

/** What the background remembers about content it handed to a composer (kept in storage.session). */
export interface PendingInsert {
  tabId: number;
  platform: Platform;
  itemId: string;
  itemVersion: number;
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
  onLibraryChanged?: () => void;
  hasHostPermission?: (url: string) => Promise<boolean>;
}

export function createBackgroundService(deps: BackgroundDeps) {
  const now = deps.now ?? (() => new Date());
  let cache: Promise<LibraryCache> | undefined;
  let running: Promise<void> | undefined;
  let again = false;

  interface LibraryCache {
    items: IndexedItem[];
    media: Map<string, MediaInfo>;
    programs: string[];
  }

  /** The library in sidebar order with search text, rebuilt after each sync. */
  function library(): Promise<LibraryCache> {
    cache ??= (async () => {
      const [rows, mediaRows] = await Promise.all([deps.db.items.toArray(), deps.db.media.toArray()]);
      const items = rows.map((item) => ({ ...item, searchText: searchableText(item) })).sort(compareForSidebar);
      const media = new Map(mediaRows.map((m) => [m.sha256, { state: m.state, thumb: m.thumb }]));
      const programs = [...new Set(items.map((i) => i.program))].sort((a, b) => a.localeCompare(b, 'id'));
      return { items, media, programs };
    })();
    return cache;
  }

  async function loadItems() {
    return (await library()).items;
  }

  async function statusText(): Promise<string> {
    const visible = (await loadItems()).filter((item) => !isExpired(item, now())).length;
    return describeSyncState(await readSyncState(deps.db), visible);
  }

  /** One sync at a time; a trigger during a sync is coalesced into one more run after it. */
  function requestSync(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await syncLibrary({ db: deps.db, settings: await deps.getSettings(), fetch: deps.fetch, now, hasHostPermission: deps.hasHostPermission });
        } catch {
          // The error is recorded in the sync state and shown by `hk-status`.
        } finally {
          cache = undefined;
          deps.onLibraryChanged?.();
        }
      } while (again);
    })().finally(() => {
      running = undefined;
    });
    return running;
  }

  async function prepareInsert(itemId: string, platform: Platform, tabId: number): Promise<PreparedInsert> {
    const settings = await deps.getSettings();
    const item = (await loadItems()).find((i) => i.id === itemId);
    if (!item || isExpired(item, now())) throw new Error('Konten tidak tersedia lagi di pustaka');
    const card = toCard(item, platform, settings);
    const token = crypto.randomUUID();
    const pending: PendingInsert = { tabId, platform, itemId, itemVersion: item.version, mediaIds: item.media.slice(0, 1).map((m) => m.id), text: card.text };
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

  async function logPost(req: Requests['log.post']['req'], tabId: number) {
    const pending = (await deps.session.get(`pending:${req.token}`)) as PendingInsert | undefined;
    if (!pending || pending.tabId !== tabId) throw new Error('Tidak ada konten pustaka yang disisipkan di penyusun ini');
    const settings = await deps.getSettings();
    const entry = await appendLogEntry(deps.db, {
      platform: pending.platform,
      itemId: pending.itemId,
      itemVersion: pending.itemVersion,
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
    return { id: entry.id };
  }

  async function handle(message: Message, sender: Sender): Promise<unknown> {
    if (sender.id !== deps.extensionId) throw new Error('Pengirim tidak dikenal');
    switch (message.type) {
      case 'library.query': {
        const m = message as Message<'library.query'>;
        const { items, media, programs } = await library();
        const settings = await deps.getSettings();
        return { cards: queryLibrary(items, m.query, settings, now(), (sha) => media.get(sha)), programs, status: await statusText() };
      }
      case 'status.get': {
        const state = await readSyncState(deps.db);
        return { status: await statusText(), libraryUrl: (await deps.getSettings()).libraryUrl, needsPermission: state.lastError?.code === 'permission' };
      }
      case 'library.syncNow':
        await requestSync();
        return { status: await statusText() };
      case 'insert.prepare': {
        const m = message as Message<'insert.prepare'>;
        if (sender.tabId === undefined) throw new Error('Hanya dari halaman penyusun');
        return prepareInsert(String(m.itemId), m.platform, sender.tabId);
      }
      case 'media.get': {
        const item = (await loadItems()).find((i) => i.id === String((message as Message<'media.get'>).itemId));
        const file = item && !isExpired(item, now()) ? await firstImage(item) : undefined;
        if (!file) throw new Error('Gambar belum tersedia di perangkat ini');
        return file;
      }
      case 'log.post': {
        if (sender.tabId === undefined || sender.fromExtensionPage) throw new Error('Hanya dari halaman penyusun');
        return logPost(message as Message<'log.post'>, sender.tabId);
      }
      default:
        throw new Error(`Pesan tidak dikenal: ${String((message as { type: unknown }).type)}`);
    }
  }

  return { handle, requestSync, statusText };
}
