// Meta Business Suite: its adapter is the one for business.facebook.com (not Facebook's, which also
// matches *.facebook.com), and one Publish to several placements gets one token, so one entry, per placement.
import { describe, expect, it, vi } from 'vitest';
import { adapterForUrl, contentScriptMatches } from '../../utils/content/sites';
import { adapter as businessSuite } from '../../utils/content/sites/business-suite';
import { adapter as facebook } from '../../utils/content/sites/facebook';
import { placementToken } from '../../utils/background/placement-token';
import { createBackgroundService } from '../../utils/background/background-service';
import { mergeSettings } from '../../utils/shared/settings';
import type { Message, PostPortMessage } from '../../utils/shared/messages';
import { currentState, isPostEntry, openDb } from '../../utils/storage/db';
import { memoryStore, useSampleLibrary } from '../support/background-harness';

const library = useSampleLibrary();

describe('Meta Business Suite', () => {
  it('handles business.facebook.com, and Facebook keeps www.facebook.com', () => {
    expect(adapterForUrl('https://business.facebook.com/latest/composer/?asset_id=1')).toBe(businessSuite);
    expect(adapterForUrl('https://www.facebook.com/')).toBe(facebook);
    expect(contentScriptMatches()).toContain('https://business.facebook.com/*');
    expect(businessSuite.isComposePage?.(new URL('https://business.facebook.com/latest/composer/?asset_id=1'))).toBe(true);
    expect(businessSuite.isComposePage?.(new URL('https://business.facebook.com/latest/content_calendar'))).toBe(false);
  });

  it('derives one token per placement, once, from an insertion of the same tab', async () => {
    const session = memoryStore();
    const pending = { tabId: 7, platform: 'facebook', itemId: 'a', itemVersion: 1, program: 'p', mediaIds: [], text: 'teks' };
    await session.set('pending:t', pending);
    const ig = await placementToken(session, 't', 'instagram', 7);
    const fb = await placementToken(session, 't', 'facebook', 7);
    expect(new Set([ig, fb, 't']).size).toBe(3);
    expect(await session.get(`pending:${ig}`)).toEqual({ ...pending, platform: 'instagram' });
    expect(await session.get(`pending:${fb}`)).toEqual(pending);
    // A second attempt (after a refused post) logs under the same token.
    expect(await placementToken(session, 't', 'instagram', 7)).toBe(ig);
    await expect(placementToken(session, 't', 'instagram', 8)).rejects.toThrow();
    await expect(placementToken(session, 't', 'tiktok', 7)).rejects.toThrow();
    await expect(placementToken(session, 'unknown', 'instagram', 7)).rejects.toThrow();
  });

  it('logs one Publish on two placements as one entry each, with the insertion\'s text and each outcome', async () => {
    const db = openDb('bs-placements');
    const settings = mergeSettings({ libraryUrl: library.current.url, officerName: 'Sari Dewi', agency: 'Diskominfo Kota Malang', region: 'Kota Malang' }, {});
    const service = createBackgroundService({ db, extensionId: 'ext', getSettings: async () => settings, session: memoryStore(), now: () => new Date('2026-11-23T00:00:00Z') });
    await service.requestSync();
    const tab = { id: 'ext', tabId: 7, fromExtensionPage: false };
    const prepared = (await service.handle({ type: 'insert.prepare', itemId: 'cek-bansos-resmi', platform: 'facebook' } as Message, tab)) as { token: string; text: string };
    const pageUrl = 'https://business.facebook.com/latest/composer/?asset_id=1';
    const click = async (outcomes: Record<string, 'confirmed' | 'failed'>, rowsAfter: number) => {
      for (const [platform, status] of Object.entries(outcomes)) {
        const session = service.openPostSession(tab);
        const send = (message: PostPortMessage) => session.onMessage(message);
        send({ type: 'intent', token: prepared.token, text: prepared.text, account: platform === 'facebook' ? 'Humas Kota Malang' : 'humas.malang', pageUrl, platform });
        send({ type: 'outcome', status });
      }
      await vi.waitFor(async () => expect(await db.log.count()).toBe(rowsAfter));
    };
    // Business Suite refused the post (one verdict for the click), then the officer publishes again.
    await click({ facebook: 'failed', instagram: 'failed' }, 4); // two entries, two updates
    await click({ facebook: 'confirmed', instagram: 'confirmed' }, 8);
    const posts = (await db.log.orderBy('seq').toArray()).filter(isPostEntry);
    expect(posts.map((p) => [p.platform, p.account, p.text === prepared.text, p.edited, currentState(p).status])).toEqual([
      ['facebook', 'Humas Kota Malang', true, false, 'failed'],
      ['instagram', 'humas.malang', true, false, 'failed'],
      ['facebook', 'Humas Kota Malang', true, false, 'confirmed'],
      ['instagram', 'humas.malang', true, false, 'confirmed'],
    ]);
  });
});
