// The hub follows what our own publisher writes (npm run library:publish) on a static host that
// ignores query strings: the static layout (a snapshot, then a delta), and the one-file v1/feed where
// the host has no index (the snapshot asked for without a cursor, its since "").
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { followLibrary } from '../../../hub/library-follow';
import type { HubDatabase } from '../../../hub/database';
import { publishLibrary } from '../../../library/publish';
import { startStaticHost, type StaticHost } from '../../support/static-host';
import { sampleItem } from '../../support/sample-items';
import { BACKENDS } from './hub-support';
import { devKey, devPublicKey as publicKey, libraryDatabase, libraryState, storedItems } from './library-fakes';

let host: StaticHost | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

/** A content folder with these items (no media) and withdrawals. */
function contentFolder(ids: string[], withdrawn: string[] = []) {
  const dir = mkdtempSync(join(tmpdir(), 'hk-hub-content-'));
  mkdirSync(join(dir, 'items'));
  for (const id of ids) writeFileSync(join(dir, 'items', `${id}.json`), JSON.stringify({ ...sampleItem(id), link: undefined }));
  writeFileSync(join(dir, 'removed.json'), JSON.stringify(withdrawn.map((id) => ({ id, reason: 'withdrawn', removedAt: '2026-11-22T00:00:00Z' }))));
  return dir;
}

describe("the hub follows our publisher's output on a static host", () => {
  const database = libraryDatabase(BACKENDS[0]![1]);
  let db: HubDatabase;
  beforeEach(() => void (db = database()));

  it('reads the static layout: the snapshot first, then only the delta; without the index, the one-file feed', async () => {
    const out = mkdtempSync(join(tmpdir(), 'hk-hub-out-'));
    await publishLibrary(contentFolder(['satu', 'dua', 'tiga']), out, { signingKey: devKey, now: new Date('2026-11-22T00:00:00Z') });
    host = await startStaticHost(out);
    const options = { libraryUrl: host.url, publicKey, dev: true };
    await followLibrary(db, options);
    expect((await storedItems(db)).map((i) => i.id)).toEqual(['dua', 'satu', 'tiga']);
    expect(host.answers.some((a) => a.path.startsWith('/v1/static/pages/'))).toBe(true);

    await publishLibrary(contentFolder(['satu', 'tiga'], ['dua']), out, { signingKey: devKey, now: new Date('2026-11-23T00:00:00Z') });
    host.answers.length = 0;
    await followLibrary(db, options);
    expect(host.answers.map((a) => a.path.split('/').slice(0, 4).join('/'))).toEqual(['/v1/index.json', '/v1/static/deltas']);
    expect((await storedItems(db)).find((i) => i.id === 'dua')?.withdrawn).toBe(true);
    const sequence = (await libraryState(db))?.sequence;

    // An older host layout: the feed file alone, answered whatever the query.
    rmSync(join(out, 'v1/index.json'));
    await publishLibrary(contentFolder(['satu', 'tiga', 'empat'], ['dua']), out, { signingKey: devKey, now: new Date('2026-11-24T00:00:00Z') });
    rmSync(join(out, 'v1/index.json'));
    await followLibrary(db, options);
    await followLibrary(db, options);
    expect(host.answers.filter((a) => a.path.startsWith('/v1/feed')).map((a) => a.path)).toEqual(['/v1/feed', '/v1/feed']);
    expect(await libraryState(db)).toMatchObject({ sequence: sequence! + 1, snapshot_only: true });
    expect((await storedItems(db)).map((i) => [i.id, i.withdrawn])).toEqual([['dua', true], ['empat', false], ['satu', false], ['tiga', false]]);
  }, 60_000);
});
