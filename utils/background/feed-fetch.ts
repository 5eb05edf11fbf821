// Library downloads over a bad link. Bounded by progress, not total time: a 1 MB page at 256 kbit/s
// takes half a minute and must never be abandoned for being slow (a fixed deadline on the whole
// body made every check restart the same download, and none ever finished). Immutable files
// (the static layout's content-addressed pages) resume from the bytes already received.
import { concatBytes } from '../shared/bytes';
import { sha256Hex } from '../shared/crypto';
import type { FileRef } from '../shared/static-format';
import { SyncError } from './sync-status';

/** An answer with its body read: status, headers and bytes. */
export interface FetchedAnswer {
  status: number;
  ok: boolean;
  headers: Headers;
  body: Uint8Array<ArrayBuffer>;
}

/** A cut link is resumed at once this many times while it keeps making progress. */
const RESUMES = 4;

/** Reads a body chunk by chunk; aborts when no byte arrived for `stallMs`. */
async function readBody(res: Response, controller: AbortController, stallMs: number, chunks: Uint8Array[]): Promise<void> {
  if (!res.body) return;
  const reader = res.body.getReader();
  for (;;) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stalled = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new SyncError('timeout', `no byte for ${Math.round(stallMs / 1000)} s`));
      }, stallMs);
    });
    try {
      const { done, value } = await Promise.race([reader.read(), stalled]);
      if (done) return;
      chunks.push(value);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Where one request's answer goes: its status as soon as it arrives, then its body's chunks. */
interface Sink {
  status?: number;
  chunks: Uint8Array[];
}

async function fetchOnce(doFetch: typeof fetch, url: string, init: RequestInit, stallMs: number, sink: Sink): Promise<Response> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined = setTimeout(() => controller.abort(), stallMs);
  try {
    const res = await doFetch(url, { ...init, signal: controller.signal });
    clearTimeout(timer);
    timer = undefined;
    sink.status = res.status;
    if (res.status !== 304) await readBody(res, controller, stallMs, sink.chunks);
    return res;
  } catch (err) {
    if (err instanceof SyncError) throw err;
    throw new SyncError(controller.signal.aborted ? 'timeout' : 'unreachable', String((err as Error)?.message ?? err));
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A changing file (the feed, the static index): the browser revalidates its cached copy with
 * If-None-Match itself (`no-cache`); setting that header by hand would make every cross-origin
 * request need a CORS preflight, which static hosts and CDNs often do not answer.
 */
export async function fetchAnswer(doFetch: typeof fetch, url: string, stallMs: number): Promise<FetchedAnswer> {
  const sink: Sink = { chunks: [] };
  const res = await fetchOnce(doFetch, url, { cache: 'no-cache' }, stallMs, sink);
  return { status: res.status, ok: res.ok, headers: res.headers, body: concatBytes(sink.chunks) };
}

/**
 * A content-addressed file named by the signed index: downloaded (from the browser's cache when it
 * has it: such files never change), resumed with `Range: bytes=N-` when the link is cut (the
 * decoded bytes received so far are the file's own first N bytes, whatever encoding carried them),
 * and checked against the index's size and sha256 — a file that does not match changes nothing.
 */
export async function fetchImmutable(doFetch: typeof fetch, url: string, ref: FileRef, stallMs: number): Promise<Uint8Array<ArrayBuffer>> {
  let kept: Uint8Array[] = [];
  const size = () => kept.reduce((sum, c) => sum + c.byteLength, 0);
  for (let attempt = 0; ; attempt++) {
    const before = size();
    const sink: Sink = { chunks: [] };
    let failure: unknown;
    try {
      const res = await fetchOnce(doFetch, url, before ? { headers: { Range: `bytes=${before}-` } } : {}, stallMs, sink);
      if (!res.ok) throw new SyncError('http', `${res.status} ${ref.path}`);
    } catch (err) {
      failure = err;
    }
    // A partial answer continues the kept bytes; a full one (no range support) starts again.
    if (sink.status === 206 && before) kept = kept.concat(sink.chunks);
    else if (sink.status !== undefined && sink.status < 300) kept = sink.chunks;
    if (failure === undefined) break;
    const progressed = size() > before;
    if (!(failure instanceof SyncError) || failure.code === 'http' || !progressed || attempt >= RESUMES) throw failure;
  }
  const body = concatBytes(kept);
  if (body.byteLength !== ref.bytes || (await sha256Hex(body)) !== ref.sha256) throw new SyncError('signature', `${ref.path}: sha256`);
  return body;
}
