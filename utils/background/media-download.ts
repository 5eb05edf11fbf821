// One image download over a bad link: bounded by progress (aborted only when no byte arrives for a
// while), resumed from the bytes already kept, checked against the signed size and sha256.
//
// Resuming asks `Range: bytes=N-` only. If-Range would make the request non-simple, and a CORS
// preflight is something static hosts and CDNs do not answer; instead the answer's ETag must be the
// one the kept bytes came with, and the finished file must match its sha256 (it is content-addressed).
import { sha256Hex } from '../shared/crypto';
import type { HumasDb, StoredMedia } from '../storage/db';
import type { Media } from '../shared/schema';

export const MAX_MEDIA_BYTES = 15_000_000;
/** Kept bytes are written to IndexedDB this often, so a stopped worker resumes from there too. */
const CHECKPOINT_BYTES = 128 * 1024;

export interface DownloadDeps {
  db: HumasDb;
  fetch: typeof fetch;
  /** Aborted when no byte arrived for this long. */
  stallMs: number;
  /** Aborts the download (the officer wants another image first); the kept bytes stay. */
  signal?: AbortSignal;
  onProgress?: (received: number, total: number) => void;
}

export type DownloadResult = Omit<StoredMedia, 'attempts'>;

class Stalled extends Error {}

/** `work`, or a Stalled error when it has not settled within `stallMs`. */
async function within<T>(work: Promise<T>, stallMs: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([work, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Stalled(message)), stallMs)))]);
  } finally {
    clearTimeout(timer);
  }
}

export async function downloadMedia(deps: DownloadDeps, media: Media, url: string): Promise<DownloadResult> {
  const sha256 = media.sha256.toLowerCase();
  const row = await deps.db.media.get(sha256);
  let kept = row?.partial && row.partialEtag ? row.partial : undefined;
  const controller = new AbortController();
  const abort = () => controller.abort();
  deps.signal?.addEventListener('abort', abort);
  if (deps.signal?.aborted) abort();
  const limit = Math.min(media.bytes, MAX_MEDIA_BYTES);
  const chunks: BlobPart[] = kept ? [kept] : [];
  let received = kept?.size ?? 0;
  let etag = kept ? row?.partialEtag : undefined;
  let checkpointAt = received;
  const keep = async () => {
    if (received > 0 && received < media.bytes && etag) await deps.db.media.update(sha256, { partial: new Blob(chunks), partialEtag: etag });
  };
  try {
    const res = await within(deps.fetch(url, { signal: controller.signal, headers: kept ? { Range: `bytes=${received}-` } : {} }), deps.stallMs, 'server tidak menjawab');
    if (res.status === 206 && kept && res.headers.get('ETag') === etag) {
      // The server continues where the kept bytes end.
    } else if (res.ok) {
      // A full answer (no range support, or the file changed): start again from byte 0.
      chunks.length = 0;
      received = 0;
      checkpointAt = 0;
      etag = res.headers.get('ETag') ?? undefined;
      if (res.status === 206) return { sha256, state: 'failed', error: 'jawaban sebagian tanpa ETag yang cocok', partial: undefined, partialEtag: undefined };
    } else if (res.status === 416) {
      return { sha256, state: 'failed', error: 'HTTP 416', partial: undefined, partialEtag: undefined };
    } else {
      return { sha256, state: 'failed', error: `HTTP ${res.status}` };
    }
    const declared = Number(res.headers.get('Content-Length') ?? 0);
    if (received + declared > limit) return { sha256, state: 'rejected', error: `ukuran ${received + declared} ≠ ${media.bytes}`, partial: undefined, partialEtag: undefined };
    deps.onProgress?.(received, media.bytes);
    const reader = res.body!.getReader();
    for (;;) {
      const { done, value } = await within(reader.read(), deps.stallMs, `tidak ada data selama ${Math.round(deps.stallMs / 1000)} detik`);
      if (done) break;
      received += value.byteLength;
      // A server that sends more than the signed size never fills memory.
      if (received > limit) {
        await reader.cancel();
        return { sha256, state: 'rejected', error: `ukuran > ${limit}`, partial: undefined, partialEtag: undefined };
      }
      chunks.push(value as Uint8Array<ArrayBuffer>);
      deps.onProgress?.(received, media.bytes);
      if (received - checkpointAt >= CHECKPOINT_BYTES) {
        checkpointAt = received;
        await keep();
      }
    }
    const bytes = new Uint8Array(await new Blob(chunks).arrayBuffer());
    if (bytes.byteLength !== media.bytes) return { sha256, state: 'rejected', error: `ukuran ${bytes.byteLength} ≠ ${media.bytes}`, partial: undefined, partialEtag: undefined };
    if ((await sha256Hex(bytes)) !== sha256) return { sha256, state: 'rejected', error: 'sha256 mismatch', partial: undefined, partialEtag: undefined };
    return { sha256, state: 'ok', blob: new Blob([bytes], { type: media.mime }), mime: media.mime, partial: undefined, partialEtag: undefined };
  } catch (err) {
    // Cut, stalled or set aside: what arrived is kept for the next try.
    await keep().catch(() => undefined);
    const preempted = deps.signal?.aborted;
    return { sha256, state: preempted ? 'pending' : 'failed', error: preempted ? undefined : String((err as Error)?.message ?? err), ...(received && etag ? { partial: new Blob(chunks), partialEtag: etag } : {}) };
  } finally {
    deps.signal?.removeEventListener('abort', abort);
    controller.abort();
  }
}
