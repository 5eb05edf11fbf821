// A hub with the demo's agencies, officers, items and posts (hub/demo.ts), plus a month of one
// officer's history and a post of an item the hub never read: what the hub's screen tests and the
// README screenshots look at.
import { createIngest, sha256 } from '../../hub/ingest';
import { migrate, openDatabase } from '../../hub/database';
import { seedDemo, DEMO_PASSWORD } from '../../hub/demo';
import { startHub, type RunningHub } from '../../hub/server';
import { createOfficer } from '../../hub/simulated-officer';

export { DEMO_PASSWORD };
export const DEMO_TIME_ZONE = 'Asia/Jakarta';
/** An item no library the hub follows has: its posts can only be shown by id. */
export const UNKNOWN_ITEM = 'konten-lama-tanpa-judul';
/** Days ago → posts on that day (noon in Jakarta), by an extra Malang officer. */
export const HISTORY: Record<number, number> = { 6: 2, 9: 1, 14: 3, 21: 1, 29: 2 };

/** yyyy-mm-dd of an instant in the demo's time zone. */
export const demoDay = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: DEMO_TIME_ZONE }).format(ms);

export async function startDemoHub(now = Date.now()): Promise<RunningHub> {
  const db = await openDatabase({});
  await migrate(db);
  await seedDemo(db, now);
  // The demo shows its tokens to nobody: Malang gets a known one for the extra officer.
  const token = 'token-riwayat-malang';
  await db.query('UPDATE agencies SET token_sha256 = $1 WHERE id = $2', [sha256(token), 'kominfo-malang']);
  const ingest = createIngest(db);
  const officer = createOfficer('Wahyu Kurniawan', 'Diskominfo Kota Malang');
  await ingest.enroll(officer.enrollment, `Bearer ${token}`);
  const noonJakarta = (daysAgo: number) => Date.parse(`${demoDay(now - daysAgo * 86_400_000)}T12:00:00+07:00`);
  const history = Object.entries(HISTORY).sort(([a], [b]) => Number(b) - Number(a)).flatMap(([daysAgo, n]) =>
    Array.from({ length: n }, (_, i) => ({ at: noonJakarta(Number(daysAgo)) + i * 600_000, itemId: Number(daysAgo) === 29 && i === 0 ? UNKNOWN_ITEM : 'vaksinasi-lansia' })),
  );
  const entries = history.map(({ at, itemId }) =>
    officer.posts(1, { postedAt: new Date(at).toISOString(), itemId, text: `Info resmi (${itemId})`, account: '@kominfomalang', platform: 'facebook', pageUrl: 'https://www.facebook.com/' })[0]!,
  );
  const answer = await ingest.upload({ installId: officer.installId, entries });
  await ingest.close();
  if (answer.status !== 200) throw new Error(`history refused: ${JSON.stringify(answer.body)}`);
  const hub = await startHub({ db, port: 0, timeZone: DEMO_TIME_ZONE });
  return { ...hub, close: async () => { await hub.close(); await db.close(); } };
}
