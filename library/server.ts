// The local national-library server: feed protocol v1 (paging, cursors, ETag/304, removed,
// optional Ed25519 signature, pages bound to their request as v1.2 asks) and the report endpoint,
// plus dev-only switches under /__admin (feed faults: library/feed-pages.ts).
import { appendFileSync, mkdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { KeyObject } from 'node:crypto';
import type { ContentItem } from '../utils/shared/schema';
import { readContentFolder, type MediaFile } from './content-folder';
import { signatureHeader } from './keys';
import { createReportLedger, type ReportLedger } from './report-ledger';
import { createSlowLink, type SlowLink, type SlowLinkOptions } from './slow-link';
import { countWireBytes } from './wire-bytes';
import { createMediaFiles, type MediaRequest } from './media-files';
import { buildFeedPage, newestCursor, type Change, type FeedFault, type Removal } from './feed-pages';

export type { MediaRequest } from './media-files';
export type { FeedFault } from './feed-pages';

export interface LibraryServerOptions {
  port?: number;
  host?: string;
  contentDir?: string;
  /** Items instead of (or besides) a content folder (tests and benchmarks). */
  items?: ContentItem[];
  /** Media files for those items: feed-relative URL → file on disk. */
  files?: Map<string, MediaFile>;
  pageSize?: number;
  signingKey?: KeyObject;
  /** Where accepted reports are appended as JSON lines. */
  dataDir?: string;
  /** The agency's enrollment token: installs must present it to enroll (unset: anyone may enroll). */
  reportToken?: string;
  publisher?: string;
  /** Serve through a simulated slow link (bandwidth, latency, cut media downloads). */
  link?: SlowLinkOptions;
}


export interface LibraryServer {
  url: string;
  close(): Promise<void>;
  upsert(item: ContentItem): void;
  withdraw(id: string, reason?: Removal['reason']): void;
  setFault(fault: FeedFault): void;
  /** Delay every feed answer (tests that stop the extension mid-sync). */
  setFeedDelay(ms: number): void;
  /** The `since` of every feed request, in order. */
  feedLog: string[];
  /** Fail every third report POST with 503 (the first, fourth, …) (tests of retry and idempotency). */
  setReportFlaky(flaky: boolean): void;
  /** Delay report answers (tests that stop the extension mid-upload). */
  setReportDelay(ms: number): void;
  /** Stored entries by id (the protocol's server keeps one copy of a repeated id). */
  reports: Map<string, Record<string, unknown>>;
  /** Enrolled installs, and the entries refused (bad signature, wrong hash, chain break) with reasons. */
  ledger: ReportLedger;
  /**
   * Every entry id the server acknowledged with 200 to a client still connected, repeats included:
   * a client that got its answer and sent the entry again shows up here twice.
   */
  acknowledged: string[];
  /** Entries acknowledged more than once (must be 0: the client re-sent what the server had confirmed). */
  doubled(): number;
  /** Of `ids`, how many the server never stored (must be 0). */
  lost(ids: Iterable<string>): number;
  /** Holds the next report request until `release()`: `held` resolves once a request is waiting. */
  holdNextReport(): { held: Promise<{ clientGone: Promise<void> }>; release: () => void };
  stats: { feedRequests: number; reportRequests: number };
  /** Media requests in order, and the feed's body bytes sent (compressed when the client accepts gzip). */
  mediaLog: MediaRequest[];
  feedBytes: number[];
  /** Changes the simulated link (undefined: full speed). */
  setLink(link: SlowLinkOptions | undefined): void;
  /** Bytes carried both ways on every connection so far, headers included. */
  wireBytes(): number;
  /** The item as the server publishes it now (media prepared), to derive a changed version from. */
  item(id: string): ContentItem | undefined;
}

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'ETag, X-Library-Signature, Content-Range',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  'Access-Control-Allow-Headers': 'Content-Type, If-None-Match, Authorization',
  'Access-Control-Max-Age': '600',
};

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

interface FeedAnswer {
  body: Buffer;
  signature?: string;
  gzipped?: Buffer;
}

export async function startLibraryServer(options: LibraryServerOptions = {}): Promise<LibraryServer> {
  const loaded = options.contentDir ? await readContentFolder(options.contentDir) : { items: [], removals: [], problems: [], files: new Map<string, MediaFile>() };
  if (loaded.problems.length) throw new Error(loaded.problems.map((p) => `${p.file}: ${p.message}`).join('\n'));
  for (const [url, file] of options.files ?? []) loaded.files.set(url, file);
  const pageSize = options.pageSize ?? 20;
  const publisher = options.publisher ?? 'Kementerian Komunikasi dan Digital';
  let rev = 0;
  let changes: Change[] = [];
  let fault: FeedFault = 'none';
  let reportFlaky = false;
  let feedDelayMs = 0;
  let reportDelayMs = 0;
  const feedLog: string[] = [];
  const ledger = createReportLedger({ token: options.reportToken });
  const reports = ledger.reports;
  const acknowledged: string[] = [];
  let hold: { arrived: (request: { clientGone: Promise<void> }) => void; released: Promise<void> } | undefined;
  const stats = { feedRequests: 0, reportRequests: 0 };
  let link: SlowLink | undefined = options.link && createSlowLink(options.link);
  const feedBytes: number[] = [];

  // Answers of the current revision, as a CDN holds the publisher's static pages: built, signed and
  // compressed once, not per request (benchmarks fetch 10,000 items on the same two cores).
  const answers = new Map<string, FeedAnswer>();
  const record = (change: Omit<Change, 'rev'>) => {
    answers.clear();
    changes = changes.filter((c) => c.id !== change.id);
    changes.push({ ...change, rev: ++rev });
  };
  for (const item of [...loaded.items, ...(options.items ?? [])].sort((a, b) => a.publishedAt.localeCompare(b.publishedAt))) record({ id: item.id, item });
  for (const { id, reason } of loaded.removals) record({ id, removal: { id, reason } });

  const feedPage = (sinceParam: string | null, pageFault: FeedFault) => Buffer.from(JSON.stringify(buildFeedPage({ changes, rev, sinceParam, pageSize, publisher, fault: pageFault })));
  /** The answer of the current revision to `sinceParam`, built and signed once. */
  function cachedAnswer(sinceParam: string | null): FeedAnswer {
    const key = sinceParam ?? '';
    const answer = answers.get(key) ?? { body: feedPage(sinceParam, 'none') };
    answers.set(key, answer);
    if (options.signingKey) answer.signature ??= signatureHeader(options.signingKey, answer.body);
    return answer;
  }

  async function serveFeed(req: IncomingMessage, res: ServerResponse, url: URL) {
    stats.feedRequests++;
    feedLog.push(url.searchParams.get('since') ?? '');
    if (feedDelayMs) await new Promise((resolve) => setTimeout(resolve, feedDelayMs));
    if (fault === 'hang') return; // never answers: the client's timeout must handle it
    if (fault === 'error500') return void res.writeHead(500, CORS).end('Internal Server Error');
    const sinceParam = url.searchParams.get('since');
    const etag = `"r${rev}"`;
    if (sinceParam && req.headers['if-none-match'] === etag) return void res.writeHead(304, { ...CORS, ETag: etag }).end();
    // Faults that change the page are built afresh each time; the others serve the cached answer's bytes.
    const cached = fault === 'none' || fault === 'replayNewest';
    const answer: FeedAnswer = !cached ? { body: feedPage(sinceParam, fault) } : cachedAnswer(fault === 'replayNewest' ? newestCursor(rev) : sinceParam);
    const headers: Record<string, string> = { ...CORS, ETag: etag, 'Content-Type': fault === 'wrongContentType' ? 'text/html' : 'application/json; charset=utf-8' };
    if (options.signingKey) headers['X-Library-Signature'] = answer.signature ??= signatureHeader(options.signingKey, answer.body);
    if (fault === 'badSignature') headers['X-Library-Signature'] = `ed25519=${Buffer.alloc(64, 7).toString('base64')}`;
    let body = answer.body;
    if (fault === 'truncated') body = body.subarray(0, Math.floor(body.length / 2));
    if (fault === 'wrongContentType') body = Buffer.from('<html><body>Pemeliharaan server</body></html>');
    // Compressed on the wire when the client accepts it; the signature covers the JSON itself.
    if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')) && cached) {
      body = answer.gzipped ??= gzipSync(answer.body);
      headers['Content-Encoding'] = 'gzip';
    }
    feedBytes.push(body.length);
    await send(res, 200, headers, body);
  }

  /** Writes an answer, through the slow link when one is set. */
  async function send(res: ServerResponse, status: number, headers: Record<string, string>, body: Buffer, cut?: number) {
    if (!link) return void res.writeHead(status, headers).end(body);
    await link.latency();
    res.writeHead(status, { ...headers, 'Content-Length': String(body.length) });
    await link.send(res, body, cut);
  }
  const media = createMediaFiles({ cors: CORS, cutAfterBytes: () => link?.options.cutMediaAfterBytes, send });

  const json = (res: ServerResponse, answer: { status: number; body: unknown }) =>
    void res.writeHead(answer.status, { ...CORS, 'Content-Type': 'application/json' }).end(JSON.stringify(answer.body));

  async function enroll(req: IncomingMessage, res: ServerResponse) {
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
    } catch {
      return json(res, { status: 400, body: { error: 'JSON tidak valid' } });
    }
    json(res, ledger.enroll(body, req.headers.authorization));
  }

  async function acceptReports(req: IncomingMessage, res: ServerResponse) {
    stats.reportRequests++;
    if (reportDelayMs) await new Promise((resolve) => setTimeout(resolve, reportDelayMs));
    if (reportFlaky && stats.reportRequests % 3 === 1) return void res.writeHead(503, CORS).end('Coba lagi nanti');
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
    } catch {
      return json(res, { status: 400, body: { error: 'JSON tidak valid' } });
    }
    if (hold) {
      const { arrived, released } = hold;
      hold = undefined;
      arrived({ clientGone: new Promise<void>((gone) => req.socket.once('close', () => gone())) });
      await released;
    }
    const answer = ledger.upload(body);
    if (options.dataDir) for (const entry of answer.accepted) appendFileSync(join(options.dataDir, 'reports.jsonl'), `${JSON.stringify(entry)}\n`);
    // A client that went away (its worker stopped) never heard the answer: resending is its duty then.
    const entries = (body as { entries?: { id: string }[] }).entries ?? [];
    if (answer.status !== 401 && answer.status !== 400 && !res.destroyed && !req.socket.destroyed) {
      const refused = new Set(((answer.body.rejected as { id: string }[] | undefined) ?? []).map((r) => r.id));
      acknowledged.push(...entries.map((e) => e.id).filter((id) => !refused.has(id)));
    }
    json(res, answer);
  }

  async function admin(req: IncomingMessage, res: ServerResponse, path: string) {
    const body = req.method === 'POST' ? JSON.parse((await readBody(req)) || '{}') : {};
    if (path === '/__admin/fault') fault = body.fault ?? 'none';
    else if (path === '/__admin/withdraw') api.withdraw(body.id, body.reason);
    else if (path === '/__admin/item') api.upsert(body);
    else if (path === '/__admin/reports') return void res.writeHead(200, { ...CORS, 'Content-Type': 'application/json' }).end(JSON.stringify([...reports.values()]));
    else return void res.writeHead(404, CORS).end();
    res.writeHead(200, { ...CORS, 'Content-Type': 'application/json' }).end('{"ok":true}');
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://library.local');
    const path = url.pathname;
    // Preflights are answered for the report endpoint only, as the spec asks: feed and media requests
    // must stay simple GETs that static hosts and CDNs can serve.
    if (req.method === 'OPTIONS') return void (path === '/v1/posts' || path === '/v1/installs' ? res.writeHead(204, CORS).end() : res.writeHead(405).end());
    if (path === '/v1/feed' && req.method === 'GET') return void serveFeed(req, res, url);
    if (path === '/v1/posts' && req.method === 'POST') return void acceptReports(req, res);
    if (path === '/v1/installs' && req.method === 'POST') return void enroll(req, res);
    if (path.startsWith('/__admin/')) return void admin(req, res, path).catch(() => res.writeHead(400, CORS).end());
    const file = loaded.files.get(path.slice(1));
    if (file && req.method === 'GET') return void media.serve(req, res, path, file);
    res.writeHead(404, CORS).end('Tidak ditemukan');
  });
  const wireBytes = countWireBytes(server);
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const api: LibraryServer = {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
    upsert: (item) => record({ id: item.id, item }),
    withdraw: (id, reason = 'withdrawn') => record({ id, removal: { id, reason } }),
    setFault: (next) => { fault = next; },
    setFeedDelay: (ms) => { feedDelayMs = ms; },
    feedLog,
    setReportFlaky: (flaky) => { reportFlaky = flaky; },
    setReportDelay: (ms) => { reportDelayMs = ms; },
    reports,
    ledger,
    acknowledged,
    doubled: () => acknowledged.length - new Set(acknowledged).size,
    lost: (ids) => [...ids].filter((id) => !reports.has(id)).length,
    holdNextReport() {
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const held = new Promise<{ clientGone: Promise<void> }>((arrived) => (hold = { arrived, released }));
      return { held, release };
    },
    stats,
    mediaLog: media.log,
    feedBytes,
    setLink: (next) => void (link = next && createSlowLink(next)),
    wireBytes,
    item: (id) => changes.find((c) => c.id === id)?.item,
  };
  return api;
}
