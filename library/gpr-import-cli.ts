// `npm run library:import-gpr -- <gpr.xml> <content-folder>`
import { readFileSync } from 'node:fs';
import { importGpr } from './gpr-import';

const [xmlFile, contentDir] = process.argv.slice(2);
if (!xmlFile || !contentDir) {
  console.error('Pemakaian / usage: npm run library:import-gpr -- <gpr.xml> <folder-konten>');
  process.exit(2);
}
const result = importGpr(readFileSync(xmlFile, 'utf8'), contentDir);
for (const problem of result.problems) console.error(`✗ ${problem}`);
console.log(
  `GPR: ${result.created.length} draf baru / new drafts, ${result.updated.length} diperbarui / updated, ` +
    `${result.keptEdited.length} sudah disunting orang, tidak ditimpa / edited by a person, kept, ${result.unchanged.length} tetap / unchanged.`,
);
console.log('Draf berisi "draft": true; tinjau, lengkapi (tagar, gambar), lalu hapus tanda itu agar ikut diterbitkan.');
if (result.problems.length) process.exit(1);
