// Image cache: download, check size and sha256, store the Blob; never keep wrong bytes.
import { bytesToBase64, sha256Hex } from '../shared/crypto';
import type { HumasDb, StoredMedia } from '../storage/db';
import type { Media } from '../shared/schema';

const PARALLEL_DOWNLOADS = 4;
const MAX_MEDIA_BYTES = 15_000_000;
const RETRY_BASE_MS = 60_000;
const THUMB_SIZE = 96;

export interface MediaDeps {
  db: HumasDb;
  libraryUrl: string;
  fetch: typeof fetch;
  now: () => Date;
  timeoutMs: number;
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

async function download(deps: MediaDeps, media: Media): Promise<Omit<StoredMedia, 'attempts'>> {
  const sha256 = media.sha256.toLowerCase();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), deps.timeoutMs);
  try {
    const res = await deps.fetch(resolveMediaUrl(deps.libraryUrl, media.url), { signal: controller.signal });
    if (!res.ok) return { sha256, state: 'failed', error: `HTTP ${res.status}` };
    const limit = Math.min(media.bytes, MAX_MEDIA_BYTES);
    const declared = Number(res.headers.get('Content-Length') ?? 0);
    if (declared > limit) return { sha256, state: 'rejected', error: `ukuran ${declared} ≠ ${media.bytes}` };
    const bytes = await readAtMost(res, limit);
    if (!bytes || bytes.byteLength !== media.bytes) {
      return { sha256, state: 'rejected', error: `ukuran ${bytes ? bytes.byteLength : `> ${limit}`} ≠ ${media.bytes}` };
    }
    if ((await sha256Hex(bytes)) !== sha256) return { sha256, state: 'rejected', error: 'sha256 mismatch' };
    const blob = new Blob([bytes], { type: media.mime });
    return { sha256, state: 'ok', blob, mime: media.mime, thumb: await makeThumbnail(blob) };
  } catch (err) {
    return { sha256, state: 'failed', error: String((err as Error)?.message ?? err) };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Reads a body with a byte counter and stops as soon as it passes `limit` (the signed size): a
 * server that sends more than it should never fills memory. Undefined when it did.
 */
async function readAtMost(res: Response, limit: number): Promise<Uint8Array<ArrayBuffer> | undefined> {
  if (!res.body) return new Uint8Array(await res.arrayBuffer());
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
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
  const item = await db.items.where('mediaShas').equals(sha).first();
  return item?.media.find((m) => m.sha256.toLowerCase() === sha);
}

/** Downloads pending images and failed ones whose backoff has passed, a few at a time. */
export async function downloadMissingMedia(deps: MediaDeps): Promise<MediaOutcome> {
  const { db } = deps;
  const nowMs = deps.now().getTime();
  const queue = (await db.media.where('state').anyOf('pending', 'failed').toArray()).filter((row) => row.state === 'pending' || (row.nextAttemptAt ?? 0) <= nowMs);
  let storageFull = false;
  const worker = async () => {
    for (let row = queue.shift(); row; row = queue.shift()) {
      const media = await mediaFor(db, row.sha256);
      if (!media) continue; // no longer referenced; orphan clean-up removes the row
      const result = await download(deps, media);
      const attempts = row.attempts + 1;
      const next: StoredMedia = { ...result, attempts };
      if (result.state === 'failed') next.nextAttemptAt = nowMs + RETRY_BASE_MS * 2 ** Math.min(attempts, 6);
      try {
        await db.media.put(next);
      } catch (err) {
        if ((err as Error)?.name !== 'QuotaExceededError' && (err as { inner?: Error })?.inner?.name !== 'QuotaExceededError') throw err;
        storageFull = true;
        await db.media.put({ sha256: row.sha256, state: 'failed', error: 'penyimpanan penuh', attempts, nextAttemptAt: nowMs + RETRY_BASE_MS });
      }
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_DOWNLOADS }, worker));
  const unavailable = await db.media.where('state').anyOf('pending', 'failed', 'rejected').count();
  return { unavailable, storageFull };
}

/** Deletes cached images that no stored item references any more. */
export async function deleteOrphanMedia(db: HumasDb, candidates: string[]): Promise<void> {
  for (const sha of new Set(candidates)) {
    if ((await db.items.where('mediaShas').equals(sha).count()) === 0) await db.media.delete(sha);
  }
}
