// The GPR feed as the desk's inbox of drafts (issue 30), on both databases: an editor uploads the GPR
// file, each valid article becomes a draft of that library marked "dari GPR" (title, programme, link,
// caption, a title-length X caption when the text is too long for X), ready to send for review; the
// same file again imports nothing twice; an approver-only account may not import.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHubApp } from '../../../hub/app';
import type { HubDatabase } from '../../../hub/database';
import { countItemCaptions } from '../../../hub/desk/caption-limits';
import { addLibrary, listLibraries, loadLibraryKeys, setRole } from '../../../hub/desk/libraries';
import { generateSigningKey } from '../../../library/keys';
import { BACKENDS, PASSWORD, seedAgencies, TEST_PASSWORD_COST } from './hub-support';

const ASSETS = { script: '/* app */', style: '/* css */' };
const origin = 'http://hub.test';
const sample = readFileSync(new URL('../../support/gpr-sample.xml', import.meta.url), 'utf8');
const LONG_LINK = 'https://www.komdigi.go.id/berita/berita-pemerintahan/detail/makan-bergizi-gratis';
const longArticle = `<gpr><item><title>Makan Bergizi Gratis Menjangkau 20 Juta Siswa</title><link>${LONG_LINK}</link><pubDate>Tue, 24 Nov 2026 08:00:00 +0700</pubDate><category>Pendidikan</category><description>${'Program makan bergizi gratis terus diperluas ke sekolah di seluruh Indonesia. '.repeat(6)}</description></item></gpr>`;

describe.each(BACKENDS)('GPR import into the desk on %s', (_name, open) => {
  let db: HubDatabase;
  let app: ReturnType<typeof createHubApp>;
  const cookies: Record<string, string> = {};
  const lib = '/desk/api/libraries/nasional';
  const upload = (who: string, xml: string) => {
    const form = new FormData();
    form.set('file', new File([xml], 'gpr.xml', { type: 'application/xml' }));
    return app.request(`${origin}${lib}/gpr`, { method: 'POST', body: form, headers: { Origin: origin, Cookie: cookies[who]! } });
  };
  const get = async (path: string, who = 'rina') => (await app.request(`${origin}${path}`, { headers: { Cookie: cookies[who]! } })).json();

  beforeAll(async () => {
    db = await open();
    await seedAgencies(db);
    const base = mkdtempSync(join(tmpdir(), 'hk-desk-gpr-'));
    await addLibrary(db, { id: 'nasional', name: 'Nasional', outDir: join(base, 'out'), publisher: 'Komdigi' });
    await setRole(db, 'nasional', 'rina', 'editor');
    await setRole(db, 'nasional', 'budi', 'approver');
    writeFileSync(join(base, 'nasional.pem'), generateSigningKey().privatePem);
    app = createHubApp(db, ASSETS, { passwordCost: TEST_PASSWORD_COST, desk: loadLibraryKeys(await listLibraries(db), new Map([['nasional', join(base, 'nasional.pem')]]), {}) });
    for (const who of ['rina', 'budi']) {
      const res = await app.request(`${origin}/api/login`, { method: 'POST', headers: { Origin: origin, 'Content-Type': 'application/json' }, body: JSON.stringify({ username: who, password: PASSWORD }) });
      cookies[who] = res.headers.get('set-cookie')!.split(';')[0]!;
    }
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('makes a draft per valid article, marked from GPR, and skips the invalid one', async () => {
    const res = await upload('rina', sample);
    expect(res.status).toBe(200);
    const result = await res.json();
    expect(result.created.map((c: { title: string }) => c.title)).toEqual([
      'Pemerintah Perluas Cek Kesehatan Gratis ke Seluruh Puskesmas',
      '[HOAKS] Pesan Berantai Pendaftaran Bansos Lewat WhatsApp',
      'Panen Raya Padi di Jawa Timur Lampaui Target',
    ]);
    expect(result.problems).toHaveLength(1);
    const { items } = await get(`${lib}/items`);
    expect(items).toHaveLength(3);
    expect(items.every((i: { state: string; fromGpr: boolean }) => i.state === 'draft' && i.fromGpr)).toBe(true);
    const hoax = result.created.find((c: { title: string }) => c.title.startsWith('[HOAKS]'));
    const detail = await get(`${lib}/items/${hoax.id}`);
    expect(detail.versions[0].content).toMatchObject({
      program: 'Klarifikasi Hoaks',
      link: 'https://www.komdigi.go.id/berita/klarifikasi-hoaks/detail/hoaks-pendaftaran-bansos-whatsapp',
      captions: { default: 'Beredar pesan berantai berisi tautan pendaftaran bansos. Faktanya, pendaftaran tidak dilakukan lewat WhatsApp.\nCek di cekbansos.kemensos.go.id.' },
    });
  });

  it('imports the same articles only once', async () => {
    const again = await (await upload('rina', sample)).json();
    expect(again.created).toEqual([]);
    expect(again.duplicates).toHaveLength(3);
    expect((await get(`${lib}/items`)).items).toHaveLength(3);
  });

  it('gives X a caption within its limit when the text is too long, so the draft can go to review', async () => {
    const { created } = await (await upload('rina', longArticle)).json();
    const detail = await get(`${lib}/items/${created[0].id}`);
    const content = detail.versions[0].content;
    expect(content.captions.x).toBe('Makan Bergizi Gratis Menjangkau 20 Juta Siswa');
    expect(countItemCaptions(content).every((c) => c.ok)).toBe(true);
    const submitted = await app.request(`${origin}${lib}/items/${created[0].id}/submit`, { method: 'POST', body: '{}', headers: { Origin: origin, 'Content-Type': 'application/json', Cookie: cookies.rina! } });
    expect(submitted.status).toBe(200);
  });

  it('refuses an account that is not an editor of the library', async () => {
    expect((await upload('budi', longArticle)).status).toBe(403);
  });
});
