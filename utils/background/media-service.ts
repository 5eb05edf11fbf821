// The image side of the messages: an item's first image as a file from the offline cache, fetching
// one the officer is waiting for ahead of all others, and how far that download has come.
import { i18n } from '#i18n';
import type { HumasDb } from '../storage/db';
import { fileNameFor } from '../shared/library-terms';
import type { AttachedFile } from '../shared/messages';
import type { Settings } from '../shared/settings';
import type { IndexedItem } from './library-query';
import { demandMedia, mediaProgress } from './media-cache';

/** An image download is given up when no byte arrived for this long. */
export const STALL_MS = 30_000;

export interface MediaServiceDeps {
  db: HumasDb;
  findItem: (itemId: string) => Promise<IndexedItem | undefined>;
  getSettings: () => Promise<Settings>;
  fetch?: typeof fetch;
  now: () => Date;
  /** An image the officer asked for arrived (or failed): open sidebars re-read the cards. */
  afterDemand: () => Promise<void>;
}

export function createMediaService(deps: MediaServiceDeps) {
  /** The item's first image as a file from the offline cache, or undefined when it is not cached. */
  async function firstImage(item: IndexedItem): Promise<AttachedFile | undefined> {
    const first = item.media[0];
    if (!first) return undefined;
    const cached = await deps.db.media.get(first.sha256.toLowerCase());
    if (cached?.state !== 'ok' || !cached.blob) return undefined;
    return { name: fileNameFor(first.id, first.mime), mime: first.mime, blob: cached.blob };
  }

  return {
    firstImage,

    /** Downloads the item's image now, ahead of all others; true once it is cached. */
    async fetchNow(itemId: string): Promise<{ ready: boolean }> {
      const first = (await deps.findItem(itemId))?.media[0];
      if (!first) throw new Error(i18n.t('errors.itemGone'));
      const { libraryUrl } = await deps.getSettings();
      const state = await demandMedia({ db: deps.db, libraryUrl, fetch: deps.fetch ?? fetch.bind(globalThis), now: deps.now, timeoutMs: STALL_MS }, first.sha256);
      await deps.afterDemand();
      return { ready: state === 'ok' };
    },

    async progress(itemId: string): Promise<{ received: number; total: number; ready: boolean }> {
      const first = (await deps.findItem(itemId))?.media[0];
      if (!first) return { received: 0, total: 0, ready: false };
      const ready = (await deps.db.media.get(first.sha256.toLowerCase()))?.state === 'ok';
      return { ...(mediaProgress(deps.db, first.sha256) ?? { received: ready ? first.bytes : 0, total: first.bytes }), ready };
    },

    async file(itemId: string): Promise<AttachedFile> {
      const item = await deps.findItem(itemId);
      const file = item && (await firstImage(item));
      if (!file) throw new Error(i18n.t('errors.imageNotCached'));
      return file;
    },
  };
}
