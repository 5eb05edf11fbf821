// The officer's side of the desk's loops (utils/background/takedown.ts, hoax-report.ts). Take-down:
// a post of a withdrawn item is asked about once (a signed `asked` update, one alert per item), a
// refusal needs a reason, the answer becomes the post's latest state. Hoax reports: kept while the
// hub is down, sent signed once it is back, and taken by the real hub endpoint with the screenshot.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHubApp } from '../../hub/app';
import { openDatabase, type HubDatabase } from '../../hub/database';
import { queueSuggestion, queuedSuggestions, SUGGESTION_BACKOFF, uploadSuggestions, type SuggestionUploadDeps } from '../../utils/background/hoax-report';
import { installIdentity } from '../../utils/background/install-identity';
import { appendLogEntry } from '../../utils/background/posting-log';
import { createTakedownService, takedownRequests, type TakedownAlert } from '../../utils/background/takedown';
import { openDb, type HumasDb, type StoredLogRow } from '../../utils/storage/db';
import { changeItems } from '../../utils/storage/item-store';
import { seedAgencies } from './hub/hub-support';

const NOW = new Date(Date.UTC(2026, 11, 7, 10, 0));
let n = 0;
const freshDb = () => openDb(`takedown-${n++}`);

async function postOf(db: HumasDb, itemId: string, status: 'confirmed' | 'failed' = 'confirmed', itemVersion = 1) {
  return appendLogEntry(db, {
    platform: 'x', itemId, itemVersion, mediaIds: [], text: 'Vaksinasi lansia', edited: false, account: '@humaskota', pageUrl: 'https://x.com/compose/post',
    officerName: 'Sari Dewi', agency: 'Diskominfo Kota Malang', program: 'Kesehatan', status, postUrl: 'https://x.com/humaskota/status/7',
  }, await installIdentity(db));
}

describe('take-down requests in the extension', () => {
  it('asks once per post of a withdrawn item (one alert per item), and keeps the officer’s answer', async () => {
    const db = freshDb();
    const kept = await postOf(db, 'vaksin-lansia');
    const deleted = await postOf(db, 'vaksin-lansia');
    await postOf(db, 'vaksin-lansia', 'failed');
    await postOf(db, 'masih-berlaku');
    const alerts: TakedownAlert[] = [];
    let writes = 0;
    const service = createTakedownService({ db, now: () => NOW, afterWrite: () => void writes++, alertTakedown: async (a) => void alerts.push(a) });
    await service.askForTakedowns();
    expect(await db.log.where('updates').anyOf([kept.id, deleted.id]).count()).toBe(0);

    await db.withdrawn.put({ itemId: 'vaksin-lansia', reason: 'withdrawn', at: NOW.toISOString(), title: 'Jadwal Vaksinasi Lansia' });
    await service.askForTakedowns();
    await service.askForTakedowns();
    const asked = (await db.log.where('updates').anyOf([kept.id, deleted.id]).toArray()) as (StoredLogRow & { takedown?: string; signature?: string })[];
    expect(asked.map((u) => u.takedown)).toEqual(['asked', 'asked']);
    expect(asked.every((u) => typeof u.signature === 'string')).toBe(true);
    expect(alerts).toEqual([{ itemId: 'vaksin-lansia', title: 'Jadwal Vaksinasi Lansia', posts: 2, cause: 'withdrawn' }]);
    expect(writes).toBe(1);

    await expect(service.answerTakedown(kept.id, 'refused', '  ')).rejects.toThrow();
    await expect(service.answerTakedown('bukan-posting-ini', 'removed')).rejects.toThrow();
    await service.answerTakedown(deleted.id, 'removed');
    await service.answerTakedown(kept.id, 'refused', 'Akun dipegang pimpinan');
    const requests = await takedownRequests(db);
    expect(requests.map((r) => [r.postId, r.title, r.postUrl, r.answer, r.note])).toEqual(
      expect.arrayContaining([[deleted.id, 'Jadwal Vaksinasi Lansia', 'https://x.com/humaskota/status/7', 'removed', undefined], [kept.id, 'Jadwal Vaksinasi Lansia', 'https://x.com/humaskota/status/7', 'refused', 'Akun dipegang pimpinan']]),
    );
    expect(requests).toHaveLength(2);
  });
});

describe('take-down requests after a correction', () => {
  it('asks about posts of versions older than the correction’s takedownBefore only', async () => {
    const db = freshDb();
    const item = {
      id: 'vaksin-lansia', version: 2, title: 'Jadwal Vaksinasi Lansia (koreksi)', program: 'Kesehatan', tags: [], kind: 'berita' as const, priority: 'normal' as const,
      publishedAt: NOW.toISOString(), captions: { default: 'Selasa' }, hashtags: [], media: [], takedownBefore: 2, mediaShas: [], publishedMs: NOW.getTime(), storedAt: NOW.toISOString(),
    };
    await changeItems(db, { put: [item], remove: [] });
    const old = await postOf(db, 'vaksin-lansia');
    const current = await postOf(db, 'vaksin-lansia', 'confirmed', 2);
    const alerts: TakedownAlert[] = [];
    await createTakedownService({ db, now: () => NOW, afterWrite: () => undefined, alertTakedown: async (a) => void alerts.push(a) }).askForTakedowns();
    expect((await takedownRequests(db)).map((r) => [r.postId, r.cause, r.answer, r.title])).toEqual([[old.id, 'corrected', 'asked', 'Jadwal Vaksinasi Lansia (koreksi)']]);
    expect(await db.log.where('updates').equals(current.id).count()).toBe(0);
    expect(alerts).toEqual([{ itemId: 'vaksin-lansia', title: 'Jadwal Vaksinasi Lansia (koreksi)', posts: 1, cause: 'corrected' }]);
  });
});

describe('hoax reports in the extension', () => {
  let hubDb: HubDatabase;
  let app: ReturnType<typeof createHubApp>;
  let token: string;
  beforeAll(async () => {
    hubDb = await openDatabase({});
    token = (await seedAgencies(hubDb)).tokens.malang;
    app = createHubApp(hubDb, { script: '', style: '' }, {});
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await hubDb.close();
  });
  const hubFetch = ((url: string, init?: RequestInit) => app.request(url, init)) as typeof fetch;
  const deps = async (db: HumasDb, extra: Partial<SuggestionUploadDeps> = {}): Promise<SuggestionUploadDeps> => ({
    db, reportUrl: 'http://hub.test', identity: await installIdentity(db), enrollment: { officerName: 'Sari Dewi', agency: 'Diskominfo Kota Malang', region: 'Kota Malang', reportToken: token }, fetch: hubFetch, ...extra,
  });

  it('refuses an empty report and a link that is not a web address', async () => {
    const db = freshDb();
    await expect(queueSuggestion(db, { kind: 'hoax', text: '   ' }, NOW)).rejects.toThrow();
    await expect(queueSuggestion(db, { kind: 'hoax', text: 'Pesan berantai', link: 'javascript:alert(1)' }, NOW)).rejects.toThrow();
    expect(await queuedSuggestions(db)).toEqual([]);
  });

  it('keeps a report while the hub is down and sends it, signed, with its screenshot once the hub is back', async () => {
    const db = freshDb();
    const image = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 1, 2, 3]);
    const queued = await queueSuggestion(db, { kind: 'hoax', text: 'Vaksin lansia berbayar? Beredar di grup RT.', link: 'https://example.org/pesan', screenshot: { mime: 'image/png', blob: new Blob([image]) } }, new Date());
    const t = Date.now();
    // Enrolled already, but the report endpoint cannot be reached.
    const hubDown = (async (url: string, init?: RequestInit) => {
      if (String(url).endsWith('/v1/suggestions')) throw new TypeError('Failed to fetch');
      return hubFetch(url, init);
    }) as typeof fetch;
    const down = await uploadSuggestions(await deps(db, { fetch: hubDown, now: () => t }));
    expect(down).toMatchObject({ sent: 0, pending: 1, lastError: 'Failed to fetch' });
    // Not before the backoff says so, however often the alarm runs.
    expect(await uploadSuggestions(await deps(db, { now: () => t + 1 }))).toMatchObject({ sent: 0, pending: 1 });
    const back = await uploadSuggestions(await deps(db, { now: () => t + SUGGESTION_BACKOFF.maxMs }));
    expect(back).toEqual({ sent: 1, pending: 0 });
    expect(await queuedSuggestions(db)).toEqual([]);
    const [row] = await hubDb.query<{ id: string; kind: string; body: string; officer_name: string; screenshot: Uint8Array }>('SELECT id, kind, body, officer_name, screenshot FROM desk_inbox');
    expect(row).toMatchObject({ id: queued.id, kind: 'hoax', body: 'Vaksin lansia berbayar? Beredar di grup RT.', officer_name: 'Sari Dewi' });
    expect(new Uint8Array(row!.screenshot)).toEqual(image);
  });
});
