// `npm run library:publish -- <content-folder> <out-folder> [--key <ed25519 private key file>] [--refresh]`
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadPrivateKey } from './keys';
import { publishLibrary } from './publish';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { key: { type: 'string' }, publisher: { type: 'string' }, refresh: { type: 'boolean' } } });
const [contentDir, outDir] = positionals;
if (!contentDir || !outDir) {
  console.error('Pemakaian / usage: npm run library:publish -- <folder-konten> <folder-keluaran> [--key <kunci-privat.pem>] [--refresh]');
  process.exit(2);
}
const started = performance.now();
const result = await publishLibrary(contentDir, outDir, {
  signingKey: values.key ? loadPrivateKey(readFileSync(values.key, 'utf8')) : undefined,
  publisher: values.publisher,
  refresh: values.refresh,
});
for (const problem of result.problems) console.error(`✗ ${problem.file}: ${problem.message}`);
console.log(
  `Diterbitkan / published: ${result.items} konten, ${result.tombstones} tombstone, ${result.drafts} draf dilewati / drafts skipped, ` +
    `${(result.feedBytes / 1024).toFixed(1)} KB feed${result.signature ? ', ditandatangani / signed' : ''} (${((performance.now() - started) / 1000).toFixed(2)} s) → ${outDir}`,
);
const { sequence, indexBytes, pages, deltas } = result.static;
console.log(`Tata letak statis / static layout: terbitan / publication ${sequence}, v1/index.json ${(indexBytes / 1024).toFixed(1)} KB, ${pages} halaman / pages, ${deltas} delta`);
if (result.problems.length) {
  console.error(`${result.problems.length} berkas bermasalah dan tidak diterbitkan / files with problems were not published.`);
  process.exit(1);
}
