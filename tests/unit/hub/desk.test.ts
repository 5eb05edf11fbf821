// The editorial desk over HTTP, on both databases: roles per library, the two-person rule, alt text
// and network limits refused before publication, approval → a signed static publication (served by
// the hub too), a correction as version 2, a withdrawal as a removal, and the audit chain.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSupervisor } from '../../../hub/accounts';
import { createHubApp } from '../../../hub/app';
import type { HubDatabase } from '../../../hub/database';
import { readAudit, verifyAuditChain } from '../../../hub/desk/audit';
import { addLibrary, listLibraries, loadLibraryKeys, setRole } from '../../../hub/desk/libraries';
import { generateSigningKey } from '../../../library/keys';
import { verifyFeedSignature } from '../../../utils/shared/crypto';
import type { ContentItem } from '../../../utils/shared/schema';
import { StaticDeltaSchema, StaticIndexSchema, StaticPageSchema, type StaticIndex } from '../../../utils/shared/static-format';
import { BACKENDS, PASSWORD, seedAgencies, TEST_PASSWORD_COST } from './hub-support';

const ASSETS = { script: '/* app */', style: '/* css */' };
const origin = 'http://hub.test';

function readIndex(out: string): { signature: string; text: string; index: StaticIndex } {
  const file = JSON.parse(readFileSync(join(out, 'v1/index.json'), 'utf8'));
  return { signature: file.signature, text: file.index, index: StaticIndexSchema.parse(JSON.parse(file.index)) };
}
const readRef = (out: string, ref: { path: string }) => JSON.parse(readFileSync(join(out, ref.path), 'utf8'));

const content = (patch: Record<string, unknown> = {}) => ({
  title: '[HOAKS] Bansos lewat WhatsApp',
  program: 'Perlindungan Sosial',
  kind: 'klarifikasi',
  priority: 'urgent',
  tags: ['bansos'],
  captions: { default: 'Pesan berantai soal bansos lewat WhatsApp adalah hoaks. Cek di situs resmi.', x: 'Bansos lewat WhatsApp? Hoaks.' },
  hashtags: ['CekFakta'],
  link: 'https://www.komdigi.go.id/berita/hoaks-bansos',
  media: [],
  ...patch,
});

describe.each(BACKENDS)('editorial desk on %s', (_name, open) => {
  let db: HubDatabase;
  let app: ReturnType<typeof createHubApp>;
  let out: string;
  let publicKey: string;
  const cookies: Record<string, string> = {};
  const call = (path: string, who: string, init: RequestInit = {}) =>
    app.request(`${origin}${path}`, { ...init, headers: { Origin: origin, ...(typeof init.body === 'string' ? { 'Content-Type': 'application/json' } : {}), Cookie: cookies[who]!, ...init.headers } });
  const post = (path: string, who: string, body: unknown = {}, method = 'POST') => call(path, who, { method, body: JSON.stringify(body) });
  const items = '/desk/api/libraries/nasional/items';

  beforeAll(async () => {
    db = await open();
    await seedAgencies(db);
    // rina writes; budi approves; nasional does both (and so may never approve what it wrote); sari has a role only in jatim.
    await addSupervisor(db, { username: 'sari', password: PASSWORD, role: 'national', passwordCost: TEST_PASSWORD_COST });
    const base = mkdtempSync(join(tmpdir(), 'hk-desk-'));
    out = join(base, 'nasional-out');
    await addLibrary(db, { id: 'nasional', name: 'Nasional', outDir: out, publisher: 'Komdigi' });
    await addLibrary(db, { id: 'jatim', name: 'Prov. Jawa Timur', outDir: join(base, 'jatim-out'), publisher: 'Diskominfo Jatim' });
    for (const [lib, user, role] of [['nasional', 'rina', 'editor'], ['nasional', 'budi', 'approver'], ['nasional', 'nasional', 'editor'], ['nasional', 'nasional', 'approver'], ['jatim', 'sari', 'editor'], ['jatim', 'sari', 'approver']] as const) {
      await setRole(db, lib, user, role);
    }
    const keyFiles = new Map<string, string>();
    for (const lib of ['nasional', 'jatim']) {
      const key = generateSigningKey();
      if (lib === 'nasional') publicKey = key.publicKey;
      writeFileSync(join(base, `${lib}.pem`), key.privatePem);
      keyFiles.set(lib, join(base, `${lib}.pem`));
    }
    app = createHubApp(db, ASSETS, { passwordCost: TEST_PASSWORD_COST, desk: loadLibraryKeys(await listLibraries(db), keyFiles, {}) });
    for (const who of ['rina', 'budi', 'nasional', 'sari']) {
      const res = await app.request(`${origin}/api/login`, { method: 'POST', headers: { Origin: origin, 'Content-Type': 'application/json' }, body: JSON.stringify({ username: who, password: PASSWORD }) });
      expect(res.status).toBe(200);
      cookies[who] = res.headers.get('set-cookie')!.split(';')[0]!;
    }
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  let mediaSha: string;
  it('prepares an uploaded infographic and refuses an image without alt text (400, in Indonesian)', async () => {
    const png = await sharp({ create: { width: 1600, height: 1600, channels: 3, background: '#c0392b' } }).png().toBuffer();
    const form = new FormData();
    form.set('file', new File([new Uint8Array(png)], 'infografis.png', { type: 'image/png' }));
    const upload = await call('/desk/api/libraries/nasional/media', 'rina', { method: 'POST', body: form });
    expect(upload.status).toBe(201);
    const media = await upload.json();
    // Platform-ready: within Instagram's 1080×1350 box, a JPEG (opaque), with a thumbnail.
    expect(media).toMatchObject({ mime: 'image/jpeg', width: 1080, height: 1080 });
    expect(media.thumbnail).toMatch(/^data:image\/jpeg;base64,/);
    mediaSha = media.sha256;

    const noAlt = await post(items, 'rina', { content: content({ media: [{ sha256: mediaSha, alt: '  ' }] }) });
    expect(noAlt.status).toBe(400);
    expect((await noAlt.json()).error).toContain('Teks alternatif (alt) wajib diisi');
  });

  it('enforces roles per library (403)', async () => {
    expect((await post('/desk/api/libraries/jatim/items', 'rina', { content: content() })).status).toBe(403);
    expect((await call('/desk/api/libraries/jatim/items', 'budi')).status).toBe(403);
    // An approver who is not an editor cannot write.
    expect((await post(items, 'budi', { content: content() })).status).toBe(403);
    expect((await post('/desk/api/libraries/jatim/items', 'sari', { content: content() })).status).toBe(201);
  });

  it('refuses a caption over X’s weighted 280 at review', async () => {
    const created = await (await post(items, 'rina', { content: content({ captions: { default: 'Teks resmi.', x: 'a'.repeat(281) }, hashtags: [], link: undefined }) })).json();
    const submit = await post(`${items}/${created.id}/submit`, 'rina');
    expect(submit.status).toBe(400);
    expect((await submit.json()).error).toContain('Keterangan X terlalu panjang: 281 dari 280');
  });

  let id: string;
  it('never lets a writer approve their own item; another approver’s approval publishes a signed index', async () => {
    const created = await post(items, 'nasional', { content: content({ media: [{ sha256: mediaSha, alt: 'Infografis: bansos tidak dibagikan lewat WhatsApp' }] }) });
    expect(created.status).toBe(201);
    id = (await created.json()).id;
    expect((await post(`${items}/${id}/submit`, 'nasional')).status).toBe(200);

    // budi is alerted: the item waits for him, not for its writer.
    expect((await (await call('/desk/api/waiting', 'budi')).json()).waiting.map((w: { id: string }) => w.id)).toContain(id);
    expect((await (await call('/desk/api/waiting', 'nasional')).json()).waiting.map((w: { id: string }) => w.id)).not.toContain(id);

    const own = await post(`${items}/${id}/approve`, 'nasional');
    expect(own.status).toBe(403);
    expect((await own.json()).error).toContain('Aturan dua orang');
    // An editor who is not an approver cannot approve either.
    expect((await post(`${items}/${id}/approve`, 'rina')).status).toBe(403);

    // Sent back with a comment, edited, sent again.
    expect((await post(`${items}/${id}/send-back`, 'budi', { comment: '' })).status).toBe(400);
    expect((await post(`${items}/${id}/send-back`, 'budi', { comment: 'Tambahkan tautan cek fakta' })).status).toBe(200);
    const list = (await (await call(items, 'rina')).json()).items;
    expect(list.find((i: { id: string }) => i.id === id)).toMatchObject({ state: 'sent_back', comment: 'Tambahkan tautan cek fakta' });
    expect((await post(`${items}/${id}`, 'rina', { content: content({ media: [{ sha256: mediaSha, alt: 'Infografis: bansos tidak dibagikan lewat WhatsApp' }] }) }, 'PUT')).status).toBe(200);
    expect((await post(`${items}/${id}/submit`, 'rina')).status).toBe(200);

    const approved = await post(`${items}/${id}/approve`, 'budi');
    expect(approved.status).toBe(200);
    expect((await approved.json()).publication).toMatchObject({ sequence: 1, items: 1 });

    const { signature, text, index } = readIndex(out);
    expect(index.sequence).toBe(1);
    expect(await verifyFeedSignature(publicKey, signature, new TextEncoder().encode(text))).toBe(true);
    const page = StaticPageSchema.parse(readRef(out, index.snapshot.pages[0]!));
    const item = page.items.find((i) => (i as ContentItem).id === id) as ContentItem;
    expect(item).toMatchObject({ version: 1, priority: 'urgent', media: [{ alt: 'Infografis: bansos tidak dibagikan lewat WhatsApp', sha256: mediaSha }] });
    expect(readFileSync(join(out, item.media[0]!.url)).length).toBe(item.media[0]!.bytes);
    // The unapproved draft (rina's too-long caption) is not published.
    expect(page.items).toHaveLength(1);
  });

  it('serves the library under /library/<id>/ as a static host would', async () => {
    const res = await app.request(`${origin}/library/nasional/v1/index.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await res.text()).toBe(readFileSync(join(out, 'v1/index.json'), 'utf8'));
    const again = await app.request(`${origin}/library/nasional/v1/index.json`, { headers: { 'If-None-Match': res.headers.get('etag')! } });
    expect(again.status).toBe(304);
    const page = await app.request(`${origin}/library/nasional/${readIndex(out).index.snapshot.pages[0]!.path}`);
    expect(page.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await app.request(`${origin}/library/nasional/v1/static/history.json`)).status).toBe(404);
    expect((await app.request(`${origin}/library/nasional/..%2F..%2Fetc%2Fpasswd`)).status).toBe(404);
    expect((await app.request(`${origin}/library/nasional/v1/%E0%A4%A`)).status).toBe(404);
  });

  it('publishes again on an approver’s request without a new number when nothing changed, and shows thumbnails in the form', async () => {
    expect((await post('/desk/api/libraries/nasional/publish', 'rina')).status).toBe(403);
    const again = await post('/desk/api/libraries/nasional/publish', 'budi');
    expect((await again.json()).publication).toMatchObject({ sequence: 1, changed: false });
    const detail = await (await call(`${items}/${id}`, 'rina')).json();
    expect(detail.versions[0].content.media[0].thumbnail).toMatch(/^data:image\/jpeg;base64,/);
  });

  it('publishes a correction, with its reason, as version 2 in a delta', async () => {
    const edited = content({ title: '[HOAKS] Bansos lewat WhatsApp (diperbarui)', media: [{ sha256: mediaSha, alt: 'Infografis bansos' }] });
    expect((await post(`${items}/${id}`, 'rina', { content: edited }, 'PUT')).status).toBe(400);
    expect((await post(`${items}/${id}`, 'rina', { content: edited, reason: 'Judul diperjelas' }, 'PUT')).status).toBe(200);
    expect((await post(`${items}/${id}/submit`, 'rina')).status).toBe(200);
    expect((await post(`${items}/${id}/approve`, 'budi')).status).toBe(200);
    const { index } = readIndex(out);
    expect(index.sequence).toBe(2);
    const delta = StaticDeltaSchema.parse(readRef(out, index.deltas.find((d) => d.from === 1)!));
    expect(delta.items).toHaveLength(1);
    expect(delta.items[0]).toMatchObject({ id, version: 2, title: '[HOAKS] Bansos lewat WhatsApp (diperbarui)' });
  });

  it('withdraws with a reason and an approver, publishing the removal', async () => {
    expect((await post(`${items}/${id}/withdraw`, 'budi', { reason: '' })).status).toBe(400);
    expect((await post(`${items}/${id}/withdraw`, 'rina', { reason: 'Data keliru' })).status).toBe(403);
    expect((await post(`${items}/${id}/withdraw`, 'budi', { reason: 'Data keliru' })).status).toBe(200);
    const { index } = readIndex(out);
    expect(index.sequence).toBe(3);
    const delta = StaticDeltaSchema.parse(readRef(out, index.deltas.find((d) => d.from === 2)!));
    expect(delta.removed).toEqual([{ id, reason: 'withdrawn' }]);
    const page = StaticPageSchema.parse(readRef(out, index.snapshot.pages[0]!));
    expect(page.items).toHaveLength(0);
    expect(page.removed).toEqual([{ id, reason: 'withdrawn' }]);
    expect(JSON.parse(readFileSync(join(out, 'v1/feed'), 'utf8')).removed).toEqual([{ id, reason: 'withdrawn' }]);
  });

  it('keeps an audit chain of every step that verifies, refuses edits, and detects a tampered row', async () => {
    const res = await (await call('/desk/api/audit', 'budi')).json();
    expect(res.check).toMatchObject({ ok: true });
    const rows = await readAudit(db);
    const mine = rows.filter((r) => r.item === id).map((r) => r.action);
    expect(mine).toEqual(['create', 'submit', 'send_back', 'submit', 'approve', 'correct', 'submit', 'approve', 'withdraw']);
    expect(rows.filter((r) => r.library === 'nasional' && r.action === 'publish').map((r) => r.summary.sequence)).toEqual([1, 2, 3]);
    expect(rows.find((r) => r.action === 'withdraw')).toMatchObject({ actor: 'budi', summary: { reason: 'Data keliru' } });
    expect(verifyAuditChain(rows).ok).toBe(true);

    await expect(db.query("UPDATE desk_audit SET actor = 'rina' WHERE action = 'withdraw'")).rejects.toThrow(/append-only/);
    // Someone with the database owner's rights switches the guard off and rewrites who withdrew it.
    await db.exec("ALTER TABLE desk_audit DISABLE TRIGGER desk_audit_no_change; UPDATE desk_audit SET actor = 'rina' WHERE action = 'withdraw'; ALTER TABLE desk_audit ENABLE TRIGGER desk_audit_no_change;");
    const tampered = await readAudit(db);
    const check = verifyAuditChain(tampered);
    expect(check).toMatchObject({ ok: false, why: 'hash', brokenAt: tampered.find((r) => r.action === 'withdraw')!.seq });
    expect((await (await call('/desk/api/audit', 'budi')).json()).check.ok).toBe(false);
  });
});
