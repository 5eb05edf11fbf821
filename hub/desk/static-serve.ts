// Serves each desk library's output folder under /library/<id>/ with the headers its `_headers` file
// asks of a static host (library/publish.ts headersFile): content type, CORS *, ETag and 304,
// no-cache for v1/index.json and v1/feed, a year and immutable for v1/static/* and media/*.
import type { Hono } from 'hono';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = { json: 'application/json; charset=utf-8', jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp', sig: 'text/plain; charset=utf-8' };

/** The file under `outDir` for a request path, or undefined (outside the folder, hidden, temporary, the publisher's `_headers`). */
export function staticFile(outDir: string, path: string): string | undefined {
  if (!/^(v1\/(feed|feed\.sig|index\.json|static\/(pages|thumbs|deltas)\/[0-9a-f]{64}\.json)|media\/[0-9a-f]{64}\.(jpg|png|webp))$/.test(path)) return undefined;
  const file = normalize(join(outDir, path));
  if (!file.startsWith(normalize(outDir) + sep) || !existsSync(file) || !statSync(file).isFile()) return undefined;
  return file;
}

export function staticHeaders(path: string, etag: string): Record<string, string> {
  const ext = path === 'v1/feed' ? 'json' : (path.split('.').pop() ?? '');
  const immutable = path.startsWith('v1/static/') || path.startsWith('media/');
  return {
    'Content-Type': TYPES[ext] ?? 'application/octet-stream',
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Expose-Headers': path === 'v1/feed' ? 'ETag, X-Library-Signature' : immutable ? 'ETag, Content-Range' : 'ETag',
    'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    ETag: etag,
  };
}

export function registerLibraryStatic(app: Hono<any>, outDirs: () => Map<string, string>): void {
  app.on(['GET', 'HEAD'], '/library/:id/*', (c) => {
    const id = c.req.param('id');
    const outDir = outDirs().get(id);
    let path = '';
    try {
      path = decodeURIComponent(c.req.path.slice(`/library/${id}/`.length));
    } catch {
      // A malformed escape names no file.
    }
    const file = outDir && staticFile(outDir, path);
    if (!file) return c.json({ error: 'tidak ditemukan / not found' }, 404, { 'Access-Control-Allow-Origin': '*' });
    const body = readFileSync(file);
    const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 32)}"`;
    const headers = staticHeaders(path, etag);
    if (path === 'v1/feed') {
      const sig = join(outDir, 'v1', 'feed.sig');
      if (existsSync(sig)) headers['X-Library-Signature'] = readFileSync(sig, 'utf8').trim();
    }
    const match = c.req.header('If-None-Match');
    if (match && match.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) return c.body(null, 304, headers);
    return c.req.method === 'HEAD' ? c.body(null, 200, headers) : c.body(new Uint8Array(body), 200, headers);
  });
}
