// Image downloads read the body with a byte counter: a server streaming more than the signed size
// is cut off there, and nothing of it is stored.
import { describe, expect, it } from 'vitest';
import { downloadMissingMedia, markPendingMedia } from '../../utils/background/media-cache';
import { openDb } from '../../utils/storage/db';
import { sampleItem } from '../support/sample-items';
import { putItem } from '../support/stored-items';

describe('media downloads', () => {
  it('stops reading a body that runs past the signed size (no Content-Length) and stores nothing', async () => {
    const db = openDb('media-stream-1');
    const sha = 'ab'.repeat(32);
    const item = sampleItem('gambar', { media: [{ id: 'g', url: 'media/g.png', mime: 'image/png', sha256: sha, bytes: 1000, width: 10, height: 10, alt: '' }] });
    await putItem(db, { ...item, mediaShas: [sha], publishedMs: 0, storedAt: '' });
    await markPendingMedia(db, [sha]);
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(512));
        if (pulled > 10_000) controller.close();
      },
    });
    const doFetch: typeof fetch = async () => new Response(endless, { status: 200 });
    const outcome = await downloadMissingMedia({ db, libraryUrl: 'http://127.0.0.1:1', fetch: doFetch, now: () => new Date(), timeoutMs: 5000 });
    expect(outcome.unavailable).toBe(1);
    const row = await db.media.get(sha);
    expect(row).toMatchObject({ state: 'rejected' });
    expect(row?.blob).toBeUndefined();
    expect(pulled).toBeLessThan(10); // cut at 1,000 bytes, not read to the end
  });
});
