// A hub with the demo's agencies plus an editorial desk in use: the national library with an editor
// and an approver, GPR drafts, an item in review, a published one, and an officer's hoax report in
// the inbox. What the README's desk screenshots look at (tests/e2e/screenshots-desk.ts).
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addSupervisor } from '../../hub/accounts';
import { migrate, openDatabase } from '../../hub/database';
import { seedDemo, DEMO_PASSWORD } from '../../hub/demo';
import { importGprDrafts } from '../../hub/desk/gpr-inbox';
import { receiveSuggestion } from '../../hub/desk/inbox';
import { approveItem, createItem, submitItem, type Actor } from '../../hub/desk/items';
import { addLibrary, listLibraries, loadLibraryKeys, setRole } from '../../hub/desk/libraries';
import { publishQueued } from '../../hub/desk/routes';
import { createIngest, sha256 } from '../../hub/ingest';
import { startHub, type RunningHub } from '../../hub/server';
import { createOfficer } from '../../hub/simulated-officer';
import { generateSigningKey } from '../../library/keys';
import { suggestionBytes, type Suggestion } from '../../utils/shared/suggestion';

export const DESK_EDITOR = 'redaksi';
export const DESK_APPROVER = 'penyetuju';
const GPR_SAMPLE = new URL('./gpr-sample.xml', import.meta.url);

const item = (title: string, program: string, caption: string, priority = 'normal') => ({
  title, program, kind: 'klarifikasi', priority, tags: [], hashtags: ['CekFakta'], media: [],
  captions: { default: caption }, link: 'https://www.komdigi.go.id/berita/klarifikasi-hoaks',
});

export async function startDemoDesk(now = Date.now()): Promise<RunningHub> {
  const dir = mkdtempSync(join(tmpdir(), 'hk-demo-desk-'));
  const db = await openDatabase({});
  await migrate(db);
  await seedDemo(db, now);
  for (const username of [DESK_EDITOR, DESK_APPROVER]) await addSupervisor(db, { username, password: DEMO_PASSWORD, role: 'national' });
  await addLibrary(db, { id: 'nasional', name: 'Pustaka Nasional', outDir: join(dir, 'out'), publisher: 'Komdigi' });
  await setRole(db, 'nasional', DESK_EDITOR, 'editor');
  await setRole(db, 'nasional', DESK_APPROVER, 'approver');
  writeFileSync(join(dir, 'nasional.pem'), generateSigningKey().privatePem);
  const keys = new Map([['nasional', join(dir, 'nasional.pem')]]);
  const hub = await startHub({ db, port: 0, libraryKeys: keys });

  const actor = async (username: string, role: 'editor' | 'approver'): Promise<Actor> => {
    const [row] = await db.query<{ id: number }>('SELECT id FROM supervisors WHERE username = $1', [username]);
    return { id: row!.id, username, roles: new Set([role]) };
  };
  const editor = await actor(DESK_EDITOR, 'editor');
  const approver = await actor(DESK_APPROVER, 'approver');
  await importGprDrafts(db, 'nasional', editor, readFileSync(GPR_SAMPLE, 'utf8'));
  const published = await createItem(db, 'nasional', editor, item('Cek Kesehatan Gratis di Puskesmas', 'Kesehatan', '{instansi} mengajak warga {daerah} ikut Cek Kesehatan Gratis di puskesmas terdekat.'));
  await submitItem(db, 'nasional', editor, published.id);
  await approveItem(db, 'nasional', approver, published.id);
  await publishQueued(db, loadLibraryKeys(await listLibraries(db), keys)[0]!, DESK_APPROVER);
  const urgent = await createItem(db, 'nasional', editor, item('[HOAKS] Bansos Lewat WhatsApp', 'Klarifikasi Hoaks', 'Hoaks! Pendaftaran bansos tidak lewat WhatsApp. {instansi} mengimbau warga {daerah} cek di cekbansos.kemensos.go.id.', 'urgent'));
  await submitItem(db, 'nasional', editor, urgent.id);

  // An officer of Malang reports a hoax from the popup (signed like the extension signs it).
  const token = 'token-laporan-malang';
  await db.query('UPDATE agencies SET token_sha256 = $1 WHERE id = $2', [sha256(token), 'kominfo-malang']);
  const ingest = createIngest(db);
  const officer = createOfficer('Sari Wulandari', 'Diskominfo Kota Malang');
  await ingest.enroll(officer.enrollment, `Bearer ${token}`);
  await ingest.close();
  const report: Suggestion = { id: randomUUID(), installId: officer.installId, kind: 'hoax', text: 'Beredar pesan berantai: bansos dibagikan lewat WhatsApp di Kec. Klojen.', link: 'https://example.org/pesan-berantai', at: new Date(now - 20 * 60_000).toISOString() };
  const signature = officer.sign(createHash('sha256').update(suggestionBytes(report)).digest('hex'));
  const answer = await receiveSuggestion(db, { installId: officer.installId, suggestion: { ...report, signature } }, undefined, now);
  if (answer.status !== 200) throw new Error(`report refused: ${JSON.stringify(answer.body)}`);
  return { ...hub, close: async () => { await hub.close(); await db.close(); } };
}
