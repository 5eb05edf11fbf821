// `npm run library [-- --port 8787] [--sign] [--page-size 20]`: the local national library.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadPrivateKey } from './keys';
import { startLibraryServer } from './server';

const here = new URL('.', import.meta.url).pathname;
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    content: { type: 'string', default: `${here}content` },
    'page-size': { type: 'string', default: '20' },
    sign: { type: 'boolean', default: false },
  },
});

const server = await startLibraryServer({
  port: Number(values.port),
  contentDir: values.content,
  pageSize: Number(values['page-size']),
  signingKey: values.sign ? loadPrivateKey(readFileSync(`${here}dev-keys/dev-ed25519-private.pem`, 'utf8')) : undefined,
  dataDir: `${here}data`,
});
console.log(`Pustaka konten nasional (dev) berjalan di ${server.url}/v1/feed`);
if (values.sign) console.log(`Feed ditandatangani; publicKey: ${readFileSync(`${here}dev-keys/dev-ed25519-public.txt`, 'utf8').trim()}`);
console.log(`Laporan posting diterima di ${server.url}/v1/posts (disimpan di library/data/reports.jsonl)`);
