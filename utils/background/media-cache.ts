// Image cache: downloads in priority order (urgent first, then newest), two at a time so a slow
// link is not split four ways; an image the officer is waiting for goes first, alone (the others
// are set aside and later resume from their kept bytes). Sizes and sha256 are checked; wrong bytes
// are never kept, and the image is tried again hours later (a publisher may fix a bad upload).
import { bytesToBase64 } from '../shared/crypto';
import type { HumasDb, StoredMedia } from '../storage/db';
import { itemsUsingMedia, storedLibrary } from '../storage/item-store';
import { aheadItemIds } from './media-ahead';
import type { Media } from '../shared/schema';
import { downloadMedia, type DownloadResult } from './media-download';
import { afterFailure, type RetryPolicy } from './retry-backoff';

const PARALLEL_DOWNLOADS = 2;
/** A download that failed (link, server): again within minutes, at most an hour apart. */
export const FAILED_MEDIA_RETRY: RetryPolicy = { baseMs: 2 * 60_000, maxMs: 64 * 60_000 };
/**
 * Bytes that did not match the signed size or sha256: the same file is likely served again, so
 * hours apart (3 h, 6 h, … at most a day), never hammering the library for it.
 */
export const REJECTED_MEDIA_RETRY: RetryPolicy = { baseMs: 3 * 3_600_000, maxMs: 24 * 3_600_000 };
/** The browser refused to store an image (quota): tried again after this long. */
const STORAGE_FULL_RETRY_MS = 60_000;
/** A download the link cut after it made progress continues at once from its kept bytes, this many times. */
const IMMEDIATE_RESUMES = 3;
const THUMB_SIZE = 96;

export interface MediaDeps {
  db: HumasDb;
  libraryUrl: string;
  fetch: typeof fetch;
  now: () => Date;
  /** A download is given up when no byte arrived for this long (no limit on its total time). */
  timeoutMs: number;
  onStored?: () => void;
  /** Jitter of the retry backoff (tests inject it). */
  random?: () => number;
}

export interface MediaProgress {
  received: number;
  total: number;
}

/** Per database: the downloads running now, the one the officer is waiting for, and progress. */
interface QueueState {
  running: Map<string, AbortController>;
  demanded?: { sha: string; done: Promise<DownloadResult['state']> };
  progress: Map<string, MediaProgress>;
}
const queues = new WeakMap<HumasDb, QueueState>();
function queueOf(db: HumasDb): QueueState {
  let state = queues.get(db);
  if (!state) queues.set(db, (state = { running: new Map(), progress: new Map() }));
  return state;
}

/** How far a download has come (undefined when none is running for it). */
export function mediaProgress(db: HumasDb, sha: string): MediaProgress | undefined {
  return queueOf(db).progress.get(sha.toLowerCase());
}

export function resolveMediaUrl(libraryUrl: string, url: string): string {
  return new URL(url, `${libraryUrl}/`).href;
}

/** A small WebP preview for sidebar cards; undefined where the worker cannot draw (tests in Node). */
export async function makeThumbnail(blob: Blob): Promise<string | undefined> {
  if (typeof OffscreenCanvas === 'undefined' || typeof createImageBitmap === 'undefined') return undefined;
  try {
    const bitmap = await createImageBitmap(blob);
    const scale = Math.min(1, THUMB_SIZE / Math.max(bitmap.width, bitmap.height));
    const canvas = new OffscreenCanvas(Math.round(bitmap.width * scale), Math.round(bitmap.height * scale));
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    const out = await canvas.convertToBlob({ type: 'image/webp', quality: 0.75 });
    return `data:${out.type};base64,${bytesToBase64(new Uint8Array(await out.arrayBuffer()))}`;
  } catch {
    return undefined;
  }
}

export interface MediaOutcome {
  /** Referenced images still not usable: rejected, failed or waiting. */
  unavailable: number;
  storageFull: boolean;
}

/** Marks images of newly stored items as pending, inside the page's transaction, so downloads resume after a stop. */
export async function markPendingMedia(db: HumasDb, shas: string[]): Promise<void> {
  const unique = [...new Set(shas)];
  const known = await db.media.bulkGet(unique);
  const missing = unique.filter((_, i) => !known[i]);
  await db.media.bulkAdd(missing.map((sha256) => ({ sha256, state: 'pending' as const, attempts: 0 })));
}

async function mediaFor(db: HumasDb, sha: string): Promise<Media | undefined> {
  return (await rankedMedia(db, sha))?.media;
}

/** The image and how urgent the newest item using it is. */
async function rankedMedia(db: HumasDb, sha: string): Promise<{ media: Media; urgent: boolean; publishedAt: string } | undefined> {
  const items = await itemsUsingMedia(db, sha);
  const media = items[0]?.media.find((m) => m.sha256.toLowerCase() === sha);
  if (!media) return undefined;
  return { media, urgent: items.some((i) => i.priority === 'urgent'), publishedAt: items.map((i) => i.publishedAt).sort().at(-1)! };
}

/** Downloads one image and stores what came of it (the image, the kept bytes, or when to try again). */
async function fetchAndStore(deps: MediaDeps, row: Pick<StoredMedia, 'sha256' | 'attempts'>, media: Media, signal?: AbortSignal): Promise<{ state: DownloadResult['state']; storageFull: boolean }> {
  const { db } = deps;
  const progress = queueOf(db).progress;
  let result: DownloadResult;
  let kept = (await db.media.get(row.sha256))?.partial?.size ?? 0;
  for (let resumes = 0; ; resumes++) {
    result = await downloadMedia(
      { db, fetch: deps.fetch, stallMs: deps.timeoutMs, signal, onProgress: (received, total) => progress.set(row.sha256, { received, total }) },
      media,
      resolveMediaUrl(deps.libraryUrl, media.url),
    );
    const nowKept = result.partial?.size ?? 0;
    // Cut mid-way but bytes came: the link is alive, so continue from them now rather than after a backoff.
    if (result.state !== 'failed' || nowKept <= kept || resumes >= IMMEDIATE_RESUMES) break;
    kept = nowKept;
  }
  progress.delete(row.sha256);
  // Set aside for an image the officer is waiting for: not a failure.
  const attempts = result.state === 'pending' ? row.attempts : row.attempts + 1;
  // The library's signed thumbnail (inline, or from a thumbnail pack: kept on the row) is what the
  // card shows; draw one only for media that came without it.
  const signedThumb = (await db.media.get(row.sha256))?.thumb;
  const drawThumb = result.state === 'ok' && result.blob && !media.thumbnail && !signedThumb;
  const thumb: string | undefined = drawThumb ? await makeThumbnail(result.blob!) : signedThumb;
  const next: StoredMedia = { ...result, attempts, ...(thumb ? { thumb } : {}) };
  if (result.state === 'failed' || result.state === 'rejected') {
    const policy = result.state === 'failed' ? FAILED_MEDIA_RETRY : REJECTED_MEDIA_RETRY;
    next.nextAttemptAt = afterFailure({ failures: attempts - 1 }, policy, deps.now().getTime(), deps.random).notBefore;
  }
  try {
    await db.media.put(next);
    if (result.state === 'ok') deps.onStored?.();
    return { state: result.state, storageFull: false };
  } catch (err) {
    if ((err as Error)?.name !== 'QuotaExceededError' && (err as { inner?: Error })?.inner?.name !== 'QuotaExceededError') throw err;
    await db.media.put({ sha256: row.sha256, state: 'failed', error: 'penyimpanan penuh', attempts, nextAttemptAt: deps.now().getTime() + STORAGE_FULL_RETRY_MS, ...(thumb ? { thumb } : {}) });
    return { state: 'failed', storageFull: true };
  }
}

/**
 * The officer is waiting for this image (Sisipkan before it arrived): it downloads now, alone; the
 * running downloads are set aside and resume later from their kept bytes.
 */
export async function demandMedia(deps: MediaDeps, sha256: string): Promise<DownloadResult['state']> {
  const sha = sha256.toLowerCase();
  const state = queueOf(deps.db);
  // One demanded download at a time: a second one waits, and so does a third (each re-checks).
  while (state.demanded) {
    if (state.demanded.sha === sha) return state.demanded.done;
    await state.demanded.done.catch(() => undefined);
  }
  const row = await deps.db.media.get(sha);
  if (row?.state === 'ok') return 'ok';
  const media = await mediaFor(deps.db, sha);
  if (!media) return 'failed';
  const done = (async () => {
    for (const controller of state.running.values()) controller.abort();
    return (await fetchAndStore(deps, { sha256: sha, attempts: row?.attempts ?? 0 }, media)).state;
  })();
  state.demanded = { sha, done };
  try {
    return await done;
  } finally {
    if (state.demanded?.done === done) state.demanded = undefined;
  }
}

/** Downloads pending images, and failed or rejected ones whose backoff has passed: urgent items first, then newest. */
export async function downloadMissingMedia(deps: MediaDeps): Promise<MediaOutcome> {
  const { db } = deps;
  const state = queueOf(db);
  const nowMs = deps.now().getTime();
  const ahead = await aheadMediaShas(db);
  const rows = (await db.media.where('state').anyOf('pending', 'failed', 'rejected').toArray()).filter(
    (row) => ahead.has(row.sha256) && (row.state === 'pending' || (row.nextAttemptAt ?? 0) <= nowMs),
  );
  const ranked = (await Promise.all(rows.map(async (row) => ({ row, rank: await rankedMedia(db, row.sha256) })))).filter((r) => r.rank);
  ranked.sort((a, b) => Number(b.rank!.urgent) - Number(a.rank!.urgent) || b.rank!.publishedAt.localeCompare(a.rank!.publishedAt));
  const queue = ranked.map((r) => r.row);
  let storageFull = false;
  const worker = async () => {
    for (;;) {
      if (state.demanded) await state.demanded.done.catch(() => undefined);
      const row = queue.shift();
      if (!row) return;
      const current = await db.media.get(row.sha256);
      if (!current || current.state === 'ok') continue; // arrived on demand meanwhile, or no longer referenced
      const media = await mediaFor(db, row.sha256);
      if (!media) continue; // no longer referenced; orphan clean-up removes the row
      const controller = new AbortController();
      state.running.set(row.sha256, controller);
      if (state.demanded) controller.abort(); // a demand began while this one was being picked
      const outcome = await fetchAndStore(deps, current, media, controller.signal).finally(() => state.running.delete(row.sha256));
      storageFull ||= outcome.storageFull;
      // Set aside for the image the officer wanted: back to the front of the queue.
      if (outcome.state === 'pending') queue.unshift(row);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_DOWNLOADS }, worker));
  // Images left for later on purpose (not ahead) are not a problem; failed ones are, wherever they are.
  const unavailable = (await db.media.where('state').anyOf('pending', 'failed', 'rejected').toArray()).filter((row) => row.state !== 'pending' || ahead.has(row.sha256)).length;
  return { unavailable, storageFull };
}

/** The images of the items downloaded ahead (media-ahead.ts). */
async function aheadMediaShas(db: HumasDb): Promise<Set<string>> {
  const items = [...(await storedLibrary(db)).byId.values()];
  const ahead = aheadItemIds(items);
  return new Set(items.filter((i) => ahead.has(i.id)).flatMap((i) => i.mediaShas));
}

/** Deletes cached images that no stored item references any more. */
export async function deleteOrphanMedia(db: HumasDb, candidates: string[]): Promise<void> {
  for (const sha of new Set(candidates)) {
    if ((await itemsUsingMedia(db, sha)).length === 0) await db.media.delete(sha);
  }
}
