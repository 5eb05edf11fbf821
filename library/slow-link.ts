// A slow link between the library and the officer, for the dev server and tests: one shared
// bandwidth for every answer (an office's link is shared), a latency before each answer's first
// byte, and optionally a cut after N bytes of a file (once per file). Deterministic: no randomness,
// paced by a clock. Loopback only: the dev server listens there.
import type { ServerResponse } from 'node:http';

export interface SlowLinkOptions {
  /** Bytes per second shared by all answers (256 kbit/s = 32_000). */
  bytesPerSecond: number;
  /** Milliseconds before each answer's first byte (round trip). */
  latencyMs?: number;
  /** Close the connection after this many body bytes of each media file's first full download. */
  cutMediaAfterBytes?: number;
}

const CHUNK = 1024;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface SlowLink {
  readonly options: SlowLinkOptions;
  /** Writes `body` (after the headers were written) at the link's pace; resolves when done or cut. */
  send(res: ServerResponse, body: Buffer, cut?: number): Promise<void>;
  /** Waits the link's latency (before the status line). */
  latency(): Promise<void>;
  /** Bytes the link has carried (bodies only). */
  readonly bytesSent: number;
}

export function createSlowLink(options: SlowLinkOptions): SlowLink {
  // The time at which the link is free again: chunks queue behind each other, whoever sends them.
  let freeAt = 0;
  let bytesSent = 0;
  return {
    options,
    get bytesSent() {
      return bytesSent;
    },
    latency: async () => {
      await sleep(options.latencyMs ?? 0);
    },
    async send(res, body, cut) {
      const end = cut === undefined ? body.length : Math.min(cut, body.length);
      for (let offset = 0; offset < end; offset += CHUNK) {
        const chunk = body.subarray(offset, Math.min(end, offset + CHUNK));
        const start = Math.max(Date.now(), freeAt);
        freeAt = start + (chunk.length / options.bytesPerSecond) * 1000;
        await sleep(freeAt - Date.now());
        if (res.destroyed) return;
        res.write(chunk);
        bytesSent += chunk.length;
      }
      if (cut !== undefined && cut < body.length) res.destroy();
      else res.end();
    },
  };
}

/**
 * The byte range a request asks for, honouring If-Range: a partial answer only when the client's
 * validator still names this file. Undefined: send the whole file.
 */
export function requestedRange(headers: { range?: string; 'if-range'?: string }, etag: string, size: number): { start: number; end: number } | 'unsatisfiable' | undefined {
  const match = headers.range?.match(/^bytes=(\d+)-(\d*)$/);
  if (!match) return undefined;
  if (headers['if-range'] !== undefined && headers['if-range'] !== etag) return undefined;
  const start = Number(match[1]);
  const end = match[2] ? Math.min(Number(match[2]), size - 1) : size - 1;
  if (start >= size || start > end) return 'unsatisfiable';
  return { start, end };
}
