// Image cache: download, check size and sha256, store the Blob; never keep wrong bytes.
import { bytesToBase64, sha256Hex } from './crypto';
import type { HumasDb, StoredMedia } from './db';
import type { Media } from './schema';

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
    const declared = Number(res.headers.get('Content-Length') ?? 0);
    if (declared > MAX_MEDIA_BYTES) return { sha256, state: 'rejected', error: 'terlalu besar' };
    const bytes = new Uint8Array(await res.arrayBuffer());
    if (bytes.byteLength !== media.bytes || bytes.byteLength > MAX_MEDIA_BYTES) {
      return { sha256, state: 'rejected', error: `ukuran ${bytes.byteLength} ≠ ${media.bytes}` };
    }
    if ((await sha256Hex(bytes)) !== sha256) return { sha256, state: 'rejected', error: 'sha256 tidak cocok' };
    const blob = new Blob([bytes], { type: media.mime });
    return { sha256, state: 'ok', blob, mime: media.mime, thumb: await makeThumbnail(blob) };
  } catch (err) {
    return { sha256, state: 'failed', error: String((err as Error)?.message ?? err) };
  } finally {
    clearTimeout(timer);
  }
}

/** Downloads every referenced image not cached yet (failed ones after their backoff). Returns how many are still unavailable. */
export async function downloadMissingMedia(deps: MediaDeps): Promise<number> {
  const { db } = deps;
  const wanted = new Map<string, Media>();
  await db.items.each((item) => {
    for (const m of item.media) wanted.set(m.sha256.toLowerCase(), m);
  });
  const known = new Map((await db.media.bulkGet([...wanted.keys()])).filter(Boolean).map((m) => [m!.sha256, m!]));
  const nowMs = deps.now().getTime();
  const queue = [...wanted.entries()].filter(([sha]) => {
    const row = known.get(sha);
    return !row || (row.state === 'failed' && (row.nextAttemptAt ?? 0) <= nowMs);
  });
  let storageFull = false;
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [sha, media] = next;
      const result = await download(deps, media);
      const attempts = (known.get(sha)?.attempts ?? 0) + 1;
      const row: StoredMedia = { ...result, attempts };
      if (result.state === 'failed') row.nextAttemptAt = nowMs + RETRY_BASE_MS * 2 ** Math.min(attempts, 6);
      try {
        await db.media.put(row);
      } catch (err) {
        if ((err as Error)?.name !== 'QuotaExceededError') throw err;
        storageFull = true;
        await db.media.put({ sha256: sha, state: 'failed', error: 'penyimpanan penuh', attempts, nextAttemptAt: nowMs + RETRY_BASE_MS });
      }
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_DOWNLOADS }, worker));
  const unavailable = (await db.media.bulkGet([...wanted.keys()])).filter((m) => m?.state !== 'ok').length;
  if (storageFull) console.warn('Humas Kanal: penyimpanan penuh saat menyimpan gambar');
  return unavailable;
}

/** Deletes cached images that no stored item references any more. */
export async function deleteOrphanMedia(db: HumasDb, candidates: string[]): Promise<void> {
  for (const sha of new Set(candidates)) {
    if ((await db.items.where('mediaShas').equals(sha).count()) === 0) await db.media.delete(sha);
  }
}
