// The dev server's media files: content-addressed, so cached for a year; byte ranges for resumed
// downloads (If-Range on the ETag); every request logged; the slow link may cut a file's first download.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MediaFile } from './content-folder';
import { requestedRange } from './slow-link';

/** One media request as the server saw it (tests check resumed downloads asked for a Range). */
export interface MediaRequest {
  path: string;
  range?: string;
  status: number;
  /** Body bytes sent (fewer when the link cut the answer). */
  bytes: number;
}

export interface MediaFilesOptions {
  cors: Record<string, string>;
  /** The link's cut for a file's first full download (undefined: no cut). */
  cutAfterBytes: () => number | undefined;
  send: (res: ServerResponse, status: number, headers: Record<string, string>, body: Buffer, cut?: number) => Promise<void>;
}

export function createMediaFiles(options: MediaFilesOptions) {
  const log: MediaRequest[] = [];
  /** Paths whose one cut the link has made (a cut happens once per file, so a resume can finish). */
  const cutDone = new Set<string>();
  const files = new Map<string, { body: Buffer; etag: string }>();

  async function serve(req: IncomingMessage, res: ServerResponse, path: string, file: MediaFile) {
    let cached = files.get(path);
    if (!cached) {
      const body = readFileSync(file.path);
      cached = { body, etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 32)}"` };
      files.set(path, cached);
    }
    const { body, etag } = cached;
    const headers = { ...options.cors, 'Content-Type': file.mime, 'Cache-Control': 'public, max-age=31536000, immutable', ETag: etag, 'Accept-Ranges': 'bytes' };
    const range = requestedRange(req.headers as { range?: string; 'if-range'?: string }, etag, body.length);
    const entry: MediaRequest = { path, ...(req.headers.range ? { range: req.headers.range } : {}), status: 200, bytes: 0 };
    log.push(entry);
    if (range === 'unsatisfiable') {
      entry.status = 416;
      return void res.writeHead(416, { ...headers, 'Content-Range': `bytes */${body.length}` }).end();
    }
    const part = range ? body.subarray(range.start, range.end + 1) : body;
    const cutAfter = options.cutAfterBytes();
    const cut = cutAfter !== undefined && !range && !cutDone.has(path) ? cutAfter : undefined;
    if (cut !== undefined) cutDone.add(path);
    entry.status = range ? 206 : 200;
    entry.bytes = Math.min(part.length, cut ?? Infinity);
    await options.send(res, entry.status, range ? { ...headers, 'Content-Range': `bytes ${range.start}-${range.end}/${body.length}` } : headers, part, cut);
  }

  return { serve, log };
}
