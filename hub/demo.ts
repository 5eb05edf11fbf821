// `npm run hub -- --demo`: realistic agencies, officers, library items and signed posts (through
// the real ingestion path), so a newcomer sees a full view at once. Its national login's password is
// published, so it seeds only an empty PGlite hub and refuses PostgreSQL or a hub with other data.
import { addAgency, addSupervisor, verifyPassword } from './accounts';
import type { HubDatabase } from './database';
import { createIngest } from './ingest';
import { createOfficer } from './simulated-officer';

/** Published (README, the CLI prints it): why --demo refuses any hub but an empty PGlite one. */
export const DEMO_PASSWORD = 'humas-kanal-demo';

const AGENCIES = [
  { id: 'kominfo-malang', name: 'Diskominfo Kota Malang', officers: ['Sari Wulandari', 'Agus Prasetyo', 'Dewi Lestari'] },
  { id: 'kominfo-banyuwangi', name: 'Diskominfo Kabupaten Banyuwangi', officers: ['Rudi Hartono', 'Nur Aini'] },
  { id: 'kominfo-jatim', name: 'Diskominfo Provinsi Jawa Timur', officers: ['Bambang Sutrisno', 'Lina Marlina', 'Yusuf Hidayat'] },
];

const ITEMS = [
  { id: 'hoaks-bansos-whatsapp', title: '[HOAKS] Pendaftaran bansos lewat WhatsApp', program: 'Perlindungan Sosial', urgent: true, hoursAgo: 5 },
  { id: 'vaksinasi-lansia', title: 'Vaksinasi lansia gratis di puskesmas', program: 'Kesehatan', urgent: false, hoursAgo: 30 },
  { id: 'makan-bergizi-gratis', title: 'Makan Bergizi Gratis untuk siswa SD', program: 'Makan Bergizi Gratis', urgent: false, hoursAgo: 50 },
  { id: 'pajak-kendaraan-diskon', title: 'Diskon pajak kendaraan bulan ini', program: 'Pendapatan Daerah', urgent: false, hoursAgo: 75 },
];
const WITHDRAWN = 'pajak-kendaraan-diskon';
const PLATFORMS = ['x', 'facebook', 'instagram'] as const;

export class DemoRefused extends Error {}

export const DEMO_REFUSALS = {
  postgres:
    '--demo hanya untuk PGlite (tanpa DATABASE_URL): data contoh membuat akun nasional dengan kata sandi yang diketahui umum. / ' +
    '--demo is for PGlite only (no DATABASE_URL): demo data creates a national login whose password is public.',
  data:
    '--demo menolak basis data yang sudah berisi data: data contoh membuat akun nasional dengan kata sandi yang diketahui umum. Pakai folder --data baru. / ' +
    '--demo refuses a database that already holds data: demo data creates a national login whose password is public. Use a new --data folder.',
};

/** Empty, or this demo's own data from an earlier run (its national login still has the demo password). */
async function demoState(db: HubDatabase): Promise<'empty' | 'demo' | 'other'> {
  const [{ n }] = (await db.query<{ n: number }>(
    'SELECT (SELECT count(*) FROM agencies) + (SELECT count(*) FROM supervisors) + (SELECT count(*) FROM items) + (SELECT count(*) FROM installs) AS n',
  )) as [{ n: number }];
  if (Number(n) === 0) return 'empty';
  const [national] = await db.query<{ password_hash: string }>("SELECT password_hash FROM supervisors WHERE username = 'nasional' AND role = 'national'");
  return national && (await verifyPassword(DEMO_PASSWORD, national.password_hash)) ? 'demo' : 'other';
}

export async function seedDemo(db: HubDatabase, now = Date.now()): Promise<{ users: string[]; password: string }> {
  const users = ['pengawas-malang', 'pengawas-jatim', 'nasional'];
  if (db.kind !== 'pglite') throw new DemoRefused(DEMO_REFUSALS.postgres);
  const state = await demoState(db);
  if (state === 'other') throw new DemoRefused(DEMO_REFUSALS.data);
  if (state === 'demo') return { users, password: DEMO_PASSWORD };
  const ingest = createIngest(db);
  const tokens = new Map<string, string>();
  for (const agency of AGENCIES) tokens.set(agency.id, await addAgency(db, agency.id, agency.name));
  await addSupervisor(db, { username: 'pengawas-malang', password: DEMO_PASSWORD, role: 'agency', agencyId: 'kominfo-malang' });
  await addSupervisor(db, { username: 'pengawas-jatim', password: DEMO_PASSWORD, role: 'agency', agencyId: 'kominfo-jatim' });
  await addSupervisor(db, { username: 'nasional', password: DEMO_PASSWORD, role: 'national' });
  for (const item of ITEMS) {
    await db.query(
      'INSERT INTO items (id, version, title, program, urgent, published_at, withdrawn_at, withdrawn_reason) VALUES ($1, 1, $2, $3, $4, $5, $6, $7)',
      [item.id, item.title, item.program, item.urgent, new Date(now - item.hoursAgo * 3600_000).toISOString(), item.id === WITHDRAWN ? new Date(now - 3600_000).toISOString() : null, item.id === WITHDRAWN ? 'withdrawn' : null],
    );
  }
  let k = 0;
  for (const agency of AGENCIES) {
    for (const [o, name] of agency.officers.entries()) {
      const officer = createOfficer(name, agency.name);
      await ingest.enroll(officer.enrollment, `Bearer ${tokens.get(agency.id)}`);
      // Each officer posted most items on some platforms; the last officer of each agency has not posted the urgent one yet.
      const posts = ITEMS.flatMap((item) =>
        PLATFORMS.slice(0, 1 + ((o + item.hoursAgo) % 3))
          .filter(() => !(item.urgent && o === agency.officers.length - 1))
          .map((platform, p) => ({ item, platform, at: now - item.hoursAgo * 3600_000 + Math.min(20 + 37 * ((k++ + p) % 11), item.hoursAgo * 60 - 10) * 60_000 })),
      ).sort((a, b) => a.at - b.at);
      const entries = posts.map(({ item, platform, at }) =>
        officer.posts(1, {
          postedAt: new Date(at).toISOString(),
          platform,
          itemId: item.id,
          program: item.program,
          text: `${item.title} — info resmi ${agency.name}`,
          account: `@${agency.id.replace('-', '')}`,
          pageUrl: platform === 'x' ? 'https://x.com/compose/post' : platform === 'facebook' ? 'https://www.facebook.com/' : 'https://www.instagram.com/',
          postUrl: platform === 'x' ? `https://x.com/${agency.id.replace('-', '')}/status/${1_900_000_000_000 + at}` : undefined,
          edited: (at / 60_000) % 5 === 0,
        })[0]!,
      );
      await ingest.upload({ installId: officer.installId, entries });
    }
  }
  await ingest.close();
  return { users, password: DEMO_PASSWORD };
}
