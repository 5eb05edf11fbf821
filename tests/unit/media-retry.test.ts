// An image whose bytes did not match its signed size or sha256 is not given up for good: it is
// tried again hours later (the publisher may have fixed the upload), with the shared jittered
// backoff; a download that merely failed comes back within minutes. Clock and jitter are injected.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { downloadMissingMedia, markPendingMedia } from '../../utils/background/media-cache';
import { openDb } from '../../utils/storage/db';
import { sampleItem } from '../support/sample-items';
import { putItem } from '../support/stored-items';

const HOUR = 3_600_000;
const good = new Uint8Array(1000).fill(7);
const sha = createHash('sha256').update(good).digest('hex');

async function libraryWithOneImage(name: string) {
  const db = openDb(name);
  const item = sampleItem('gambar', { media: [{ id: 'g', url: 'media/g.png', mime: 'image/png', sha256: sha, bytes: good.length, width: 10, height: 10, alt: '' }] });
  await putItem(db, { ...item, mediaShas: [sha], publishedMs: 0, storedAt: '' });
  await markPendingMedia(db, [sha]);
  return db;
}

/** A library whose answer for the image can be changed between attempts; counts requests. */
function imageHost(answer: () => Response) {
  let requests = 0;
  const doFetch: typeof fetch = async () => (requests++, answer());
  return { doFetch, requests: () => requests };
}

describe('image retries', () => {
  it('retries an image refused for wrong bytes after hours, not before, and keeps it once the bytes are right', async () => {
    const db = await libraryWithOneImage('media-retry-1');
    let serve = new Uint8Array(1000).fill(9); // right size, wrong content
    const host = imageHost(() => new Response(serve.slice(), { status: 200 }));
    let now = Date.parse('2026-12-01T00:00:00Z');
    const deps = { db, libraryUrl: 'http://127.0.0.1:1', fetch: host.doFetch, now: () => new Date(now), timeoutMs: 5000, random: () => 0.5 };

    expect((await downloadMissingMedia(deps)).unavailable).toBe(1);
    expect(await db.media.get(sha)).toMatchObject({ state: 'rejected', error: 'sha256 mismatch', nextAttemptAt: now + 3 * HOUR });
    expect(host.requests()).toBe(1);

    now += 3 * HOUR - 1;
    await downloadMissingMedia(deps);
    expect(host.requests()).toBe(1);

    // Refused again: the next wait doubles.
    now += 1;
    await downloadMissingMedia(deps);
    expect(host.requests()).toBe(2);
    expect(await db.media.get(sha)).toMatchObject({ state: 'rejected', nextAttemptAt: now + 6 * HOUR });

    // The publisher fixed the file: the next try after the wait stores it.
    serve = good;
    now += 6 * HOUR;
    expect((await downloadMissingMedia(deps)).unavailable).toBe(0);
    expect(host.requests()).toBe(3);
    const row = await db.media.get(sha);
    expect(row?.state).toBe('ok');
    expect(new Uint8Array(await row!.blob!.arrayBuffer())).toEqual(good);
  });

  it('spreads retries with jitter, and a failed download comes back within minutes', async () => {
    const db = await libraryWithOneImage('media-retry-2');
    const host = imageHost(() => new Response('sibuk', { status: 503 }));
    const now = Date.parse('2026-12-01T00:00:00Z');
    await downloadMissingMedia({ db, libraryUrl: 'http://127.0.0.1:1', fetch: host.doFetch, now: () => new Date(now), timeoutMs: 5000, random: () => 0 });
    // Half the two-minute base at the lowest jitter.
    expect(await db.media.get(sha)).toMatchObject({ state: 'failed', error: 'HTTP 503', nextAttemptAt: now + 60_000 });
  });
});
