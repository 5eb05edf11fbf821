// A plain static file server, as a CDN or static host would be: files from a folder, query strings
// ignored, ETag/If-None-Match, response headers from a `_headers` file (Netlify/Cloudflare format),
// gzip for JSON, single byte ranges, and optionally a slow link (library/slow-link.ts).
import { countWireBytes } from '../../library/wire-bytes';
import { createSlowLink, requestedRange, type SlowLink, type SlowLinkOptions } from '../../library/slow-link';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';

function parseHeaders(text: string): [string, Record<string, string>][] {
  const rules: [string, Record<string, string>][] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    if (!line.startsWith(' ')) rules.push([line.trim(), {}]);
    else {
      const [name, ...value] = line.trim().split(':');
      rules.at(-1)![1][name!.trim()] = value.join(':').trim();
    }
  }
  return rules;
}

function headersFor(root: string, path: string): Record<string, string> {
  const headers: Record<string, string> = {};
  const file = join(root, '_headers');
  if (!existsSync(file)) return headers;
  for (const [pattern, values] of parseHeaders(readFileSync(file, 'utf8'))) {
    const matches = pattern.endsWith('*') ? path.startsWith(pattern.slice(0, -1)) : path === pattern;
    if (matches) Object.assign(headers, values);
  }
  return headers;
}

/** If-None-Match uses the weak comparison: `W/"x"` and `"x"` name the same content. */
function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}

export interface HostAnswer {
  path: string;
  status: number;
  /** Body bytes sent (compressed when gzipped). */
  bytes: number;
  at: number;
}

export interface StaticHostOptions {
  /** Latency before each answer and one bandwidth shared by all bodies. */
  link?: SlowLinkOptions;
}

export interface StaticHost {
  url: string;
  requests: number;
  /** Status and size of every answer to `/v1/feed…` and `/v1/index.json`, in order. */
  feedAnswers: { status: number; bytes: number; at: number }[];
  /** Every answer, in order. */
  answers: HostAnswer[];
  /** Bytes read and written on every connection so far: HTTP requests and answers with their headers. */
  wireBytes(): number;
  /** Serves another folder from the next request on: an atomic deploy, as static hosts and CDNs do. */
  deploy(root: string): void;
  /** Puts a slow link in front of the next answers (undefined: full speed). */
  setLink(link: SlowLinkOptions | undefined): void;
  close(): Promise<void>;
}

export async function startStaticHost(firstRoot: string, options: StaticHostOptions = {}): Promise<StaticHost> {
  let root = firstRoot;
  let link: SlowLink | undefined = options.link && createSlowLink(options.link);
  const state = { requests: 0 };
  const feedAnswers: StaticHost['feedAnswers'] = [];
  const answers: HostAnswer[] = [];

  async function answer(req: IncomingMessage, res: ServerResponse, path: string, status: number, headers: OutgoingHttpHeaders, body?: Buffer) {
    const sent = req.method === 'HEAD' ? undefined : body;
    const record = { status, bytes: sent?.length ?? 0, at: Date.now() };
    answers.push({ path, ...record });
    if (status !== 404 && (path.startsWith('/v1/feed') || path === '/v1/index.json')) feedAnswers.push(record);
    const current = link;
    if (current) await current.latency();
    res.writeHead(status, sent ? { ...headers, 'Content-Length': sent.length } : headers);
    if (sent && current) await current.send(res, sent);
    else res.end(sent);
  }

  const server = createServer((req, res) => {
    state.requests++;
    const served = root; // one deploy per request, also when a new one lands meanwhile
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://host').pathname));
    const file = join(served, path);
    if (!file.startsWith(served) || !existsSync(file) || !statSync(file).isFile() || (req.method !== 'GET' && req.method !== 'HEAD')) {
      return void answer(req, res, path, 404, {});
    }
    const headers: OutgoingHttpHeaders = { ...headersFor(served, path), 'Accept-Ranges': 'bytes' };
    const body = readFileSync(file);
    const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
    const compressible = path.endsWith('.json') || path.startsWith('/v1/feed');
    const gzip = compressible && !req.headers.range && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    if (compressible) headers['Vary'] = 'Accept-Encoding';
    // As nginx does: the compressed bytes are another representation, so their validator is weak.
    headers['ETag'] = gzip ? `W/${etag}` : etag;
    if (matchesEtag(req.headers['if-none-match'], etag)) return void answer(req, res, path, 304, headers);
    if (gzip) return void answer(req, res, path, 200, { ...headers, 'Content-Encoding': 'gzip' }, gzipSync(body));
    const range = requestedRange(req.headers, etag, body.length);
    if (range === 'unsatisfiable') return void answer(req, res, path, 416, { ...headers, 'Content-Range': `bytes */${body.length}` });
    if (range) {
      const part = body.subarray(range.start, range.end + 1);
      return void answer(req, res, path, 206, { ...headers, 'Content-Range': `bytes ${range.start}-${range.end}/${body.length}` }, part);
    }
    answer(req, res, path, 200, headers, body);
  });
  const wireBytes = countWireBytes(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get requests() {
      return state.requests;
    },
    feedAnswers,
    answers,
    deploy: (next) => void (root = next),
    setLink: (next) => void (link = next && createSlowLink(next)),
    wireBytes,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
