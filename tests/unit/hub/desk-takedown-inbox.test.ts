// The take-down loop and the desk's inbox on the hub, on both databases. A desk item is approved and
// withdrawn; an officer's post of it shows in the withdrawn follow-up with the item's title and "no
// answer", then "asked", "removed" and (another post) "refused" with its reason as the officer's
// signed updates arrive; another agency's supervisor does not see it. An officer's signed hoax
// report with a screenshot lands in the inbox of their agency's accounts and the national ones,
// once; a forged, a mismatched-screenshot and an unknown install's report are refused.
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHubApp } from '../../../hub/app';
import type { HubDatabase } from '../../../hub/database';
import { toContentItem } from '../../../hub/desk/draft';
import type { InboxRow } from '../../../hub/desk/inbox';
import { addLibrary, listLibraries, loadLibraryKeys, setRole } from '../../../hub/desk/libraries';
import type { FollowUpPost } from '../../../hub/desk/takedown';
import { createOfficer } from '../../../hub/simulated-officer';
import { generateSigningKey } from '../../../library/keys';
import { suggestionBytes, type Suggestion } from '../../../utils/shared/suggestion';
import { BACKENDS, PASSWORD, seedAgencies, TEST_PASSWORD_COST } from './hub-support';

const origin = 'http://hub.test';
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

describe.each(BACKENDS)('take-down loop and inbox on %s', (_name, open) => {
  let db: HubDatabase;
  let app: ReturnType<typeof createHubApp>;
  const cookies: Record<string, string> = {};
  const call = (path: string, init: RequestInit & { who?: string } = {}) =>
    app.request(`${origin}${path}`, { ...init, headers: { Origin: origin, 'Content-Type': 'application/json', ...(init.who ? { Cookie: cookies[init.who]! } : {}), ...init.headers } });
  const post = (path: string, body: unknown, who?: string) => call(path, { method: 'POST', body: JSON.stringify(body), who });
  const sari = createOfficer('Sari', 'Diskominfo Kota Malang');
  const stranger = createOfficer('Orang Lain', 'Tidak terdaftar');
  const followUp = async (who: string) => (await (await call('/api/withdrawn', { who })).json()) as FollowUpPost[];
  const upload = (entries: unknown[]) => post('/v1/posts', { installId: sari.installId, entries });

  beforeAll(async () => {
    db = await open();
    const { tokens } = await seedAgencies(db);
    const dir = mkdtempSync(join(tmpdir(), 'hk-takedown-'));
    await addLibrary(db, { id: 'nasional', name: 'Nasional', outDir: join(dir, 'out'), publisher: 'Komdigi' });
    await setRole(db, 'nasional', 'rina', 'editor');
    await setRole(db, 'nasional', 'nasional', 'approver');
    writeFileSync(join(dir, 'nasional.pem'), generateSigningKey().privatePem);
    app = createHubApp(db, { script: '', style: '' }, { passwordCost: TEST_PASSWORD_COST, desk: loadLibraryKeys(await listLibraries(db), new Map([['nasional', join(dir, 'nasional.pem')]]), {}) });
    for (const who of ['rina', 'budi', 'nasional']) {
      const res = await post('/api/login', { username: who, password: PASSWORD });
      cookies[who] = res.headers.get('set-cookie')!.split(';')[0]!;
    }
    expect((await call('/v1/installs', { method: 'POST', body: JSON.stringify(sari.enrollment), headers: { Authorization: `Bearer ${tokens.malang}` } })).status).toBe(201);
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('follows each post of a withdrawn desk item: no answer → asked → removed, and refused with its reason', async () => {
    const items = '/desk/api/libraries/nasional/items';
    const content = { title: '[HOAKS] Bansos lewat WhatsApp', program: 'Perlindungan Sosial', kind: 'klarifikasi', priority: 'normal', tags: [], captions: { default: 'Bansos lewat WhatsApp adalah hoaks.' }, hashtags: [], media: [] };
    const { id } = await (await post(items, { content }, 'rina')).json();
    expect((await post(`${items}/${id}/submit`, {}, 'rina')).status).toBe(200);
    expect((await post(`${items}/${id}/approve`, {}, 'nasional')).status).toBe(200);
    const [kept, removed] = sari.posts(2, { itemId: id, postUrl: 'https://x.com/humaskota/status/1' });
    expect((await upload([kept, removed])).status).toBe(200);
    // Published, not withdrawn: nothing to take down.
    expect(await followUp('nasional')).toEqual([]);

    expect((await post(`${items}/${id}/withdraw`, { reason: 'Data keliru' }, 'nasional')).status).toBe(200);
    const before = await followUp('nasional');
    expect(before.map((p) => [p.id, p.title, p.latest.takedown])).toEqual([[removed!.id, content.title, undefined], [kept!.id, content.title, undefined]]);
    // Another agency's supervisor does not see Sari's posts; her own agency's does.
    expect(await followUp('budi')).toEqual([]);
    expect((await followUp('rina')).length).toBe(2);

    expect((await upload([sari.update(removed!.id as string, { takedown: 'asked' } as never), sari.update(kept!.id as string, { takedown: 'asked' } as never)])).status).toBe(200);
    expect((await followUp('nasional')).map((p) => p.latest.takedown?.answer)).toEqual(['asked', 'asked']);

    const answers = [sari.update(removed!.id as string, { takedown: 'removed' } as never), sari.update(kept!.id as string, { takedown: 'refused', takedownNote: 'Akun dipegang pimpinan' } as never)];
    expect((await upload(answers)).status).toBe(200);
    const after = new Map((await followUp('nasional')).map((p) => [p.id, p.latest.takedown]));
    expect(after.get(removed!.id as string)).toMatchObject({ answer: 'removed' });
    expect(after.get(kept!.id as string)).toMatchObject({ answer: 'refused', note: 'Akun dipegang pimpinan' });
    expect(after.get(kept!.id as string)!.at).toBe(answers[1]!.observedAt);
  });

  it('a correction that asks for it follows up the posts of older versions only (not withdrawn); one that does not, none', async () => {
    const items = '/desk/api/libraries/nasional/items';
    const content = { title: 'Jadwal Vaksinasi Lansia', program: 'Kesehatan', kind: 'berita', priority: 'normal', tags: [], captions: { default: 'Vaksinasi lansia Senin.' }, hashtags: [], media: [] };
    const publish = async (id: string) => {
      expect((await post(`${items}/${id}/submit`, {}, 'rina')).status).toBe(200);
      expect((await post(`${items}/${id}/approve`, {}, 'nasional')).status).toBe(200);
    };
    const correct = async (id: string, patch: Record<string, unknown>) => {
      expect((await call(`${items}/${id}`, { method: 'PUT', body: JSON.stringify({ content: { ...content, captions: { default: 'Vaksinasi lansia Selasa.' }, ...patch }, reason: 'Hari salah' }), who: 'rina' })).status).toBe(200);
      await publish(id);
    };
    const { id: asking } = await (await post(items, { content }, 'rina')).json();
    const { id: quiet } = await (await post(items, { content }, 'rina')).json();
    await publish(asking);
    await publish(quiet);
    const [old] = sari.posts(1, { itemId: asking, itemVersion: 1 });
    const [quietOld] = sari.posts(1, { itemId: quiet, itemVersion: 1 });
    await correct(asking, { askTakedown: true });
    await correct(quiet, {});
    const [current] = sari.posts(1, { itemId: asking, itemVersion: 2 });
    expect((await upload([old, quietOld, current])).status).toBe(200);
    const followed = (await followUp('nasional')).filter((p) => p.itemId === asking || p.itemId === quiet);
    expect(followed.map((p) => [p.id, p.title, p.correctedIn, p.withdrawnAt])).toEqual([[old!.id, content.title, 2, undefined]]);
  });

  it('publishes the request as takedownBefore on the corrected version only', () => {
    const draft = { title: 'T', program: 'P', kind: 'berita' as const, priority: 'normal' as const, tags: [], captions: { default: 'x' }, hashtags: [], media: [], askTakedown: true };
    expect(toContentItem('t', 2, draft, '2026-12-07T10:00:00.000Z', []).takedownBefore).toBe(2);
    expect(toContentItem('t', 1, draft, '2026-12-07T10:00:00.000Z', []).takedownBefore).toBeUndefined();
    expect(toContentItem('t', 3, { ...draft, askTakedown: undefined }, '2026-12-07T10:00:00.000Z', [])).not.toHaveProperty('askTakedown');
  });

  it('an unknown take-down answer is refused for its format, and the chain goes on', async () => {
    const [p] = sari.posts(1);
    const odd = sari.update(p!.id as string, { takedown: 'ignored' } as never);
    const next = sari.update(p!.id as string, { status: 'confirmed' });
    const res = await upload([p, odd, next]);
    expect(res.status).toBe(422);
    expect((await res.json()).rejected).toEqual([{ id: odd.id, reason: 'format' }]);
  });

  const suggestion = (fields: Partial<Suggestion> = {}, image?: Buffer) => {
    const s: Suggestion = {
      id: randomUUID(), installId: sari.installId, kind: 'hoax', text: 'Beredar pesan berantai: bansos dibagikan lewat WhatsApp di Kec. Klojen.', link: 'https://example.org/pesan',
      ...(image ? { screenshot: { mime: 'image/png' as const, sha256: createHash('sha256').update(image).digest('hex'), bytes: image.length } } : {}),
      at: new Date(Date.now() - 60_000).toISOString(), ...fields,
    };
    return { ...s, signature: sari.sign(createHash('sha256').update(suggestionBytes(s)).digest('hex')) };
  };

  it('a signed hoax report lands in the inbox of its agency and the national desk, once; forgeries are refused', async () => {
    const report = suggestion({}, PNG);
    const send = (body: unknown) => post('/v1/suggestions', body);
    expect(await (await send({ installId: sari.installId, suggestion: report, screenshot: PNG.toString('base64') })).json()).toEqual({ accepted: 1, duplicates: 0 });
    // Sent again after a lost answer: held already.
    expect(await (await send({ installId: sari.installId, suggestion: report, screenshot: PNG.toString('base64') })).json()).toEqual({ accepted: 0, duplicates: 1 });
    const forged = { ...suggestion(), text: 'diubah setelah ditandatangani' };
    expect((await (await send({ installId: sari.installId, suggestion: forged })).json()).reason).toBe('signature');
    const otherImage = suggestion({}, PNG);
    expect((await (await send({ installId: sari.installId, suggestion: otherImage, screenshot: Buffer.concat([PNG, Buffer.from([0])]).toString('base64') })).json()).reason).toBe('screenshot');
    expect((await send({ installId: stranger.installId, suggestion: { ...suggestion(), installId: stranger.installId } })).status).toBe(401);

    const inbox = async (who: string) => ((await (await call('/desk/api/inbox', { who })).json()) as { reports: InboxRow[] }).reports;
    for (const who of ['rina', 'nasional']) {
      const rows = await inbox(who);
      expect(rows.map((r) => [r.id, r.kind, r.text, r.link, r.officerName, r.agencyName, r.reportedAt, r.hasScreenshot])).toEqual([
        [report.id, 'hoax', report.text, report.link, 'Sari', 'Diskominfo Kota Malang', report.at, true],
      ]);
    }
    expect(await inbox('budi')).toEqual([]);
    const image = await call(`/desk/api/inbox/${report.id}/screenshot`, { who: 'rina' });
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await image.arrayBuffer())).toEqual(PNG);
    expect((await call(`/desk/api/inbox/${report.id}/screenshot`, { who: 'budi' })).status).toBe(404);
    expect((await call('/desk/api/inbox')).status).toBe(401);
  });
});
