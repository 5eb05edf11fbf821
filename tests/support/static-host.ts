// A plain static file server, as a CDN or static host would be: files from a folder, query strings
// ignored, ETag/If-None-Match, and response headers from a `_headers` file (Netlify/Cloudflare format).
import { countWireBytes } from '../../library/wire-bytes';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';

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

export interface StaticHost {
  url: string;
  requests: number;
  /** Status and size of every answer to a path starting with /v1/feed, in order. */
  feedAnswers: { status: number; bytes: number; at: number }[];
  /** Bytes read and written on every connection so far: HTTP requests and answers with their headers. */
  wireBytes(): number;
  /** Serves another folder from the next request on: an atomic deploy, as static hosts and CDNs do. */
  deploy(root: string): void;
  close(): Promise<void>;
}

export async function startStaticHost(firstRoot: string): Promise<StaticHost> {
  let root = firstRoot;
  const state = { requests: 0 };
  const feedAnswers: StaticHost['feedAnswers'] = [];
  const server = createServer((req, res) => {
    state.requests++;
    const served = root; // one deploy per request, also when a new one lands meanwhile
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://host').pathname));
    const file = join(served, path);
    if (!file.startsWith(served) || !existsSync(file) || !statSync(file).isFile() || req.method !== 'GET') return void res.writeHead(404).end();
    const headersFile = join(served, '_headers');
    const headers: Record<string, string> = {};
    if (existsSync(headersFile)) {
      for (const [pattern, values] of parseHeaders(readFileSync(headersFile, 'utf8'))) {
        const matches = pattern.endsWith('*') ? path.startsWith(pattern.slice(0, -1)) : path === pattern;
        if (matches) Object.assign(headers, values);
      }
    }
    const body = readFileSync(file);
    const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
    const notModified = req.headers['if-none-match'] === etag;
    if (path.startsWith('/v1/feed')) feedAnswers.push({ status: notModified ? 304 : 200, bytes: notModified ? 0 : body.length, at: Date.now() });
    if (notModified) return void res.writeHead(304, { ...headers, ETag: etag }).end();
    res.writeHead(200, { ...headers, ETag: etag }).end(body);
  });
  const wireBytes = countWireBytes(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get requests() {
      return state.requests;
    },
    feedAnswers,
    deploy: (next) => void (root = next),
    wireBytes,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
