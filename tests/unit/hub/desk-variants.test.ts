// Variants and spacing in the desk (issue 30), on both databases: an item with several approved X
// captions and the official X post is published with them (every variant counted against X's limit
// first); the operators' pino log gets an audit line for each publication, correction and withdrawal
// (request id, library, item, actor); and the hub stores the variant and kind of officers' posts.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHubApp } from '../../../hub/app';
import type { HubDatabase } from '../../../hub/database';
import { addLibrary, listLibraries, loadLibraryKeys, setRole } from '../../../hub/desk/libraries';
import { createIngest } from '../../../hub/ingest';
import { createOfficer } from '../../../hub/simulated-officer';
import { generateSigningKey } from '../../../library/keys';
import { ContentItemSchema } from '../../../utils/shared/schema';
import { StaticIndexSchema } from '../../../utils/shared/static-format';
import { BACKENDS, PASSWORD, seedAgencies, TEST_PASSWORD_COST } from './hub-support';

const ASSETS = { script: '/* app */', style: '/* css */' };
const origin = 'http://hub.test';
const OFFICIAL = 'https://x.com/kemkomdigi/status/1865000000000000000';
const content = (patch: Record<string, unknown> = {}) => ({
  title: 'Cek Kesehatan Gratis',
  program: 'Kesehatan',
  kind: 'berita',
  priority: 'normal',
  tags: [],
  captions: { default: 'Cek kesehatan gratis di puskesmas terdekat.', x: 'CKG gratis di puskesmas, bawa KTP.' },
  captionVariants: { x: ['Sudah cek kesehatan gratis? Datang ke puskesmas.', 'Puskesmas melayani CKG tanpa biaya.'] },
  officialPosts: { x: OFFICIAL },
  hashtags: ['CekKesehatanGratis'],
  media: [],
  ...patch,
});

describe.each(BACKENDS)('desk variants and audit lines on %s', (_name, open) => {
  let db: HubDatabase;
  let app: ReturnType<typeof createHubApp>;
  let out: string;
  let tokens: { malang: string };
  const raw: string[] = [];
  const audits = (event: string) => raw.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.audit === event);
  const cookies: Record<string, string> = {};
  const post = (path: string, who: string, body: unknown = {}, method = 'POST') =>
    app.request(`${origin}${path}`, { method, body: JSON.stringify(body), headers: { Origin: origin, 'Content-Type': 'application/json', Cookie: cookies[who]!, 'X-Request-Id': `req-${path.split('/').pop()}-${raw.length}` } });
  const items = '/desk/api/libraries/nasional/items';

  beforeAll(async () => {
    db = await open();
    ({ tokens } = await seedAgencies(db));
    const base = mkdtempSync(join(tmpdir(), 'hk-desk-variants-'));
    out = join(base, 'out');
    await addLibrary(db, { id: 'nasional', name: 'Nasional', outDir: out, publisher: 'Komdigi' });
    await setRole(db, 'nasional', 'rina', 'editor');
    await setRole(db, 'nasional', 'budi', 'approver');
    writeFileSync(join(base, 'nasional.pem'), generateSigningKey().privatePem);
    const logger = pino({}, { write: (line: string) => void raw.push(line) });
    app = createHubApp(db, ASSETS, { passwordCost: TEST_PASSWORD_COST, logger, desk: loadLibraryKeys(await listLibraries(db), new Map([['nasional', join(base, 'nasional.pem')]]), {}) });
    for (const who of ['rina', 'budi']) {
      const res = await app.request(`${origin}/api/login`, { method: 'POST', headers: { Origin: origin, 'Content-Type': 'application/json' }, body: JSON.stringify({ username: who, password: PASSWORD }) });
      cookies[who] = res.headers.get('set-cookie')!.split(';')[0]!;
    }
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('refuses a variant over X’s limit at review, naming the variant; publishes the variants and the official post', async () => {
    const created = await (await post(items, 'rina', { content: content({ captionVariants: { x: ['Sudah cek?', 'x'.repeat(281)] } }) })).json();
    const refused = await post(`${items}/${created.id}/submit`, 'rina');
    expect(refused.status).toBe(400);
    expect((await refused.json()).error).toContain('Keterangan X (variasi 3) terlalu panjang');
    const badPost = await post(`${items}/${created.id}`, 'rina', { content: content({ officialPosts: { x: 'https://example.com/post' } }) }, 'PUT');
    expect(badPost.status).toBe(400);
    expect(JSON.stringify(await badPost.json())).toContain('https://x.com/<akun>/status/<nomor>');
    expect((await post(`${items}/${created.id}`, 'rina', { content: content() }, 'PUT')).status).toBe(200);
    expect((await post(`${items}/${created.id}/submit`, 'rina')).status).toBe(200);
    expect((await post(`${items}/${created.id}/approve`, 'budi')).status).toBe(200);

    const index = StaticIndexSchema.parse(JSON.parse(JSON.parse(readFileSync(join(out, 'v1/index.json'), 'utf8')).index));
    const page = JSON.parse(readFileSync(join(out, index.snapshot.pages[0]!.path), 'utf8'));
    const published = ContentItemSchema.parse(page.items.find((i: { id: string }) => i.id === created.id));
    expect(published.captionVariants).toEqual(content().captionVariants);
    expect(published.officialPosts).toEqual({ x: OFFICIAL });
    expect(published.captions).toEqual(content().captions);
  });

  it('writes an audit line with request id, library, item and actor for each publication, correction and withdrawal', async () => {
    const created = await (await post(items, 'rina', { content: content({ title: 'Jadwal vaksinasi' }) })).json();
    await post(`${items}/${created.id}/submit`, 'rina');
    expect((await post(`${items}/${created.id}/approve`, 'budi')).status).toBe(200);
    expect(audits('desk_publish').at(-1)).toMatchObject({ who: 'budi', library: 'nasional', item: created.id, version: '1', requestId: expect.stringMatching(/^req-approve-/) });

    expect((await post(`${items}/${created.id}`, 'rina', { content: content({ title: 'Jadwal vaksinasi (diperbarui)' }), reason: 'Jam layanan berubah' }, 'PUT')).status).toBe(200);
    await post(`${items}/${created.id}/submit`, 'rina');
    expect((await post(`${items}/${created.id}/approve`, 'budi')).status).toBe(200);
    expect(audits('desk_correction')).toEqual([expect.objectContaining({ who: 'budi', library: 'nasional', item: created.id, version: '2', requestId: expect.stringMatching(/^req-approve-/) })]);

    expect((await post(`${items}/${created.id}/withdraw`, 'budi', { reason: 'Data keliru' })).status).toBe(200);
    expect(audits('desk_withdraw')).toEqual([expect.objectContaining({ who: 'budi', library: 'nasional', item: created.id, requestId: expect.stringMatching(/^req-withdraw-/) })]);
    // Never content: no caption, reason or title in the lines.
    expect(JSON.stringify([...audits('desk_publish'), ...audits('desk_correction'), ...audits('desk_withdraw')])).not.toMatch(/Data keliru|diperbarui|Jam layanan|puskesmas/);
  });

  it('stores the variant and kind officers’ posts record', async () => {
    const ingest = createIngest(db);
    const sari = createOfficer('Sari', 'Diskominfo Kota Malang');
    await ingest.enroll(sari.enrollment, `Bearer ${tokens.malang}`);
    const entries = sari.posts(2, (i) => (i === 0 ? { variant: 2 } : { postKind: 'quote', text: `Simak\n\n${OFFICIAL}` }));
    expect(await ingest.upload({ installId: sari.installId, entries })).toEqual({ status: 200, body: { accepted: 2, duplicates: 0 } });
    const rows = await db.query<{ variant: number | null; kind: string | null }>("SELECT (body->>'variant')::int AS variant, body->>'postKind' AS kind FROM entries WHERE install_id = $1 ORDER BY posted_at, id", [sari.installId]);
    expect(rows).toEqual(expect.arrayContaining([{ variant: 2, kind: null }, { variant: null, kind: 'quote' }]));
    await ingest.close();
  });
});
