// The desk's parts without HTTP: the audit chain's verification, the signing keys at start, the
// caption counts against the extension's own, and the scheduled publication check.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../../../hub/database';
import { auditHash, canonicalJson, GENESIS_HASH, verifyAuditChain, type AuditRow } from '../../../hub/desk/audit';
import { countCaption } from '../../../hub/desk/caption-limits';
import { approveItem, createItem, submitItem } from '../../../hub/desk/items';
import { addLibrary, listLibraries, loadLibraryKeys, LibraryKeyError, parseKeyArgs, setRole } from '../../../hub/desk/libraries';
import { publishDue } from '../../../hub/desk/schedule';
import { startHub } from '../../../hub/server';
import { generateSigningKey } from '../../../library/keys';
import { checkLength } from '../../../utils/background/platform-limits';
import { seedAgencies } from './hub-support';

function chain(n: number): AuditRow[] {
  const rows: AuditRow[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const entry = { at: new Date(Date.UTC(2026, 11, 7, 8, seq)).toISOString(), actor: seq % 2 ? 'rina' : 'budi', action: 'submit' as const, library: 'nasional', item: `item-${seq}`, version: 1, summary: { changed: ['title'] } };
    const hash = auditHash(prev, entry);
    rows.push({ ...entry, seq, prev, hash });
    prev = hash;
  }
  return rows;
}

describe('desk audit chain', () => {
  it('hashes canonical JSON: key order does not matter, values do', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"e":3,"f":2}]},"b":1}');
  });

  it('verifies an intact chain and finds an edited, a deleted and a relinked row', () => {
    const rows = chain(5);
    expect(verifyAuditChain(rows)).toMatchObject({ ok: true, rows: 5, head: rows[4]!.hash });

    const edited = rows.map((r) => (r.seq === 3 ? { ...r, summary: { changed: ['link'] } } : r));
    expect(verifyAuditChain(edited)).toEqual({ ok: false, rows: 5, brokenAt: 3, why: 'hash' });

    const deleted = rows.filter((r) => r.seq !== 2);
    expect(verifyAuditChain(deleted)).toEqual({ ok: false, rows: 4, brokenAt: 3, why: 'link' });

    // Rewriting a row and its hash still breaks the link of the next one.
    const forged = rows.map((r) => (r.seq === 3 ? { ...r, actor: 'mallory', hash: auditHash(r.prev, { ...r, actor: 'mallory' }) } : r));
    expect(verifyAuditChain(forged)).toEqual({ ok: false, rows: 5, brokenAt: 4, why: 'link' });
  });
});

describe('desk signing keys', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hk-desk-keys-'));
  const libraries = [{ id: 'nasional', name: 'Nasional', outDir: dir, publisher: 'Komdigi' }, { id: 'prov-jatim', name: 'Jatim', outDir: dir, publisher: 'Jatim' }];

  it('reads keys from --library <id>=<file> and HK_LIBRARY_KEY_<ID>, never from the URL to follow', () => {
    const a = generateSigningKey();
    const b = generateSigningKey();
    writeFileSync(join(dir, 'nasional.pem'), a.privatePem);
    const { keys, rest } = parseKeyArgs([`nasional=${join(dir, 'nasional.pem')}`, 'https://pustaka.example/?x=1']);
    expect(rest).toEqual(['https://pustaka.example/?x=1']);
    const loaded = loadLibraryKeys(libraries, keys, { HK_LIBRARY_KEY_PROV_JATIM: b.privatePem });
    expect(loaded.map((l) => l.publicKey)).toEqual([a.publicKey, b.publicKey]);
  });

  it('stops with a clear message when a key is missing or unreadable', async () => {
    expect(() => loadLibraryKeys(libraries, new Map([['nasional', join(dir, 'nasional.pem')]]), {})).toThrow(/Kunci pustaka "prov-jatim" tidak ada: jalankan dengan --library prov-jatim=<berkas kunci> atau HK_LIBRARY_KEY_PROV_JATIM/);
    writeFileSync(join(dir, 'broken.pem'), 'bukan kunci');
    expect(() => loadLibraryKeys(libraries, new Map([['nasional', join(dir, 'broken.pem')]]), { HK_LIBRARY_KEY_PROV_JATIM: readFileSync(join(dir, 'nasional.pem'), 'utf8') })).toThrow(/Kunci pustaka "nasional" tidak dapat dibaca/);
    expect(() => loadLibraryKeys(libraries, new Map([['nasional', join(dir, 'missing.pem')]]), {})).toThrow(LibraryKeyError);

    const db = await openDatabase({});
    await migrate(db);
    await addLibrary(db, libraries[0]!);
    await expect(startHub({ db, port: 0, assets: { script: '', style: '' }, libraryKeys: new Map() })).rejects.toThrow(/Kunci pustaka "nasional" tidak ada/);
    await db.close();
  }, 60_000);
});

describe('desk caption counts', () => {
  it('count as the extension counts: X weighted, others by character, Instagram’s hashtags', () => {
    const samples = [
      'Bansos tidak lewat WhatsApp 🙏 https://komdigi.go.id/cek #CekFakta', '中文字符'.repeat(40), `${'#tag '.repeat(31)}`,
      'Cek di komdigi.go.id atau www.indonesia.go.id/layanan, bukan bit.ly/abc.', 'Info: hoaks.info (bukan resmi). Lihat https://x.com/komdigi/status/1?s=20)',
      '👨‍👩‍👧 🇮🇩 1️⃣ 👍🏽 ❤️ — “kutipan” … pukul 10.00 WIB, Rp1.500.000; selesai.Kami', 'Ｆｕｌｌｗｉｄｔｈ ｔｅｘｔ and café\u0301 ☎ © ®️ ™ ✔ ☺️',
      'http://a (lihat https://a.id/x). HTTPS://KOMDIGI.GO.ID/A https://komdigi.go.id/cek)',
    ];
    for (const text of samples) {
      for (const network of ['x', 'facebook', 'instagram']) {
        const ours = countCaption(text, network);
        const theirs = checkLength(text, network);
        expect([ours.count, ours.hashtags, ours.ok]).toEqual([theirs.count, theirs.hashtags, theirs.ok]);
      }
    }
    expect(countCaption('中'.repeat(141), 'x')).toMatchObject({ count: 282, ok: false });
    expect(countCaption('#a '.repeat(31), 'instagram')).toMatchObject({ hashtags: 31, ok: false });
  });
});

describe('scheduled desk publication', () => {
  it('holds an approved item back until its publishAt, then the check publishes it', async () => {
    const db = await openDatabase({});
    await seedAgencies(db);
    const out = mkdtempSync(join(tmpdir(), 'hk-desk-sched-'));
    await addLibrary(db, { id: 'nasional', name: 'Nasional', outDir: out, publisher: 'Komdigi' });
    await setRole(db, 'nasional', 'rina', 'editor');
    await setRole(db, 'nasional', 'budi', 'approver');
    const key = generateSigningKey();
    const [library] = loadLibraryKeys(await listLibraries(db), new Map(), { HK_LIBRARY_KEY_NASIONAL: key.privatePem });
    const inAMinute = new Date(Date.now() + 60_000);
    const rina = { id: 1, username: 'rina', roles: new Set(['editor'] as const) };
    const budi = { id: 2, username: 'budi', roles: new Set(['approver'] as const) };
    const { id } = await createItem(db, 'nasional', rina, { title: 'Jadwal vaksin', program: 'Kesehatan', kind: 'berita', tags: [], captions: { default: 'Jadwal vaksin pekan ini.' }, hashtags: [], media: [], publishAt: inAMinute.toISOString() });
    await submitItem(db, 'nasional', rina, id);
    await approveItem(db, 'nasional', budi, id);

    const feed = () => JSON.parse(readFileSync(join(out, 'v1/feed'), 'utf8'));
    let since = await publishDue(db, [library!], new Date(0), new Date(inAMinute.getTime() - 1000));
    expect(() => feed()).toThrow();
    since = await publishDue(db, [library!], since, new Date(inAMinute.getTime() + 1000));
    expect(feed().items.map((i: { id: string }) => i.id)).toEqual([id]);
    expect(feed().items[0].publishedAt).toBe(inAMinute.toISOString());
    await db.close();
  }, 60_000);
});
