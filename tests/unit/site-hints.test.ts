// Site hints in the signed library: the strict schema (attribute selectors only, capped), the
// client's storage (last valid hints kept, an invalid section ignored as a whole with a note, an
// older publication never replacing newer hints), and the adapter using them after its own candidates.
import { describe, expect, it } from 'vitest';
import { acceptSiteHints, siteHintsFor, siteHintsState } from '../../utils/background/site-hints';
import { FeedPageSchema, isHintSelector, SITE_HINT_LIMITS, SiteHintsSchema } from '../../utils/shared/schema';
import { openDb } from '../../utils/storage/db';

let n = 0;
const HINTS = { x: { editor: ['[data-testid="postComposer_body"]'], postButton: ['[data-testid="postComposer_submit"]'], successText: ['Postingan terkirim'] } };

describe('site hints', () => {
  it('takes attribute, role, test-id and aria-label selectors only', () => {
    for (const ok of ['[data-testid="postComposer_body"]', 'div[role="textbox"][contenteditable="true"]', '[aria-label="Posting"]', 'div[role="dialog"] input[type="file"]', '[role="dialog"] > [data-testid="b"]', '[data-testid^="tweetTextarea_"], [role="button"]']) {
      expect([ok, isHintSelector(ok)]).toEqual([ok, true]);
    }
    for (const bad of ['.css-1dbjc4n', '#composer', 'div', '[class*="editor"]', '[style="x"]', '[id="a"]', 'div:has([role="x"])', '[data-testid="a"]:not(.b)', 'input[type=file]', '[data-testid="x"]{}', '[onclick="alert(1)"]', '*']) {
      expect([bad, isHintSelector(bad)]).toEqual([bad, false]);
    }
  });

  it('refuses a whole section with an unknown role, a long selector or text, too many per role, or over 16 KB', () => {
    expect(SiteHintsSchema.safeParse(HINTS).success).toBe(true);
    expect(SiteHintsSchema.safeParse({ x: { script: ['[data-testid="a"]'] } }).success).toBe(false);
    expect(SiteHintsSchema.safeParse({ x: { editor: [`[data-testid="${'a'.repeat(200)}"]`] } }).success).toBe(false);
    expect(SiteHintsSchema.safeParse({ x: { successText: ['a'.repeat(101)] } }).success).toBe(false);
    expect(SiteHintsSchema.safeParse({ x: { editor: Array.from({ length: 21 }, (_, i) => `[data-testid="e${i}"]`) } }).success).toBe(false);
    const big = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`net${i}`, { successText: Array.from({ length: 20 }, () => 'x'.repeat(90)) }]));
    expect(JSON.stringify(big).length).toBeGreaterThan(SITE_HINT_LIMITS.bytes);
    expect(SiteHintsSchema.safeParse(big).success).toBe(false);
    // An invalid section never costs the page: the envelope takes it as it is.
    expect(FeedPageSchema.safeParse({ schema: 1, publisher: 'K', cursor: 'c', hasMore: false, items: [], removed: [], siteHints: { x: { editor: ['.a'] } } }).success).toBe(true);
  });

  it('stores the last valid hints; an invalid section is ignored with a note; an older publication never replaces them; {} clears', async () => {
    const db = openDb(`site-hints-${++n}`);
    expect(await acceptSiteHints(db, undefined, 3)).toBeUndefined();
    expect(await siteHintsFor(db, 'x')).toEqual({});
    expect(await acceptSiteHints(db, HINTS, 5)).toEqual({ taken: true });
    expect(await siteHintsFor(db, 'x')).toEqual(HINTS.x);
    expect(await siteHintsFor(db, 'facebook')).toEqual({});
    expect(await siteHintsFor(db, 'constructor')).toEqual({});

    const refused = await acceptSiteHints(db, { x: { editor: ['.css-1dbjc4n'] } }, 6);
    expect(refused).toEqual({ taken: false, note: expect.stringContaining('x.editor.0') });
    expect(await siteHintsFor(db, 'x')).toEqual(HINTS.x);
    expect((await siteHintsState(db))?.note).toContain('selector');

    expect(await acceptSiteHints(db, {}, 4)).toEqual({ taken: false, note: 'older' });
    expect(await siteHintsFor(db, 'x')).toEqual(HINTS.x);
    expect(await acceptSiteHints(db, {}, 7)).toEqual({ taken: true });
    expect(await siteHintsFor(db, 'x')).toEqual({});
    expect((await siteHintsState(db))?.note).toBeUndefined();
  });
});
