// Site hints from the signed library (docs/feed-extensions.md "Site hints"): extra selectors and
// texts per network and role that the adapters try after their own, so a markup change can be
// bridged for every officer within an hour, before a release. Data, never code: validated by a
// strict schema (attribute selectors only, capped), ignored as a whole when invalid — the last valid
// hints stay, with a note saying why the new ones were not taken.
import { getMeta, setMeta, type HumasDb } from '../storage/db';
import { SiteHintsSchema, type NetworkHints, type SiteHints } from '../shared/schema';

const HINTS_KEY = 'siteHints';

export interface StoredSiteHints {
  hints: SiteHints;
  /** The publication they came with (feed v1.1 `sequence`): an older page never replaces newer hints. */
  sequence?: number;
  acceptedAt: string;
  /** Why the last section offered was not taken (kept until a valid one arrives). */
  note?: string;
}

export type SiteHintsOutcome = { taken: true } | { taken: false; note: string };

/**
 * Takes a verified page's `siteHints` (undefined: the page says nothing, the stored hints stay; `{}`
 * clears them). Call only with pages whose signature and freshness the sync has accepted.
 */
export async function acceptSiteHints(db: HumasDb, raw: unknown, sequence: number | undefined, now = new Date()): Promise<SiteHintsOutcome | undefined> {
  if (raw === undefined) return undefined;
  return db.transaction('rw', db.meta, async (): Promise<SiteHintsOutcome> => {
    const stored = await getMeta<StoredSiteHints>(db, HINTS_KEY);
    if (stored?.sequence !== undefined && sequence !== undefined && sequence < stored.sequence) return { taken: false, note: 'older' };
    const parsed = SiteHintsSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const note = `${issue?.path.join('.') || 'siteHints'}: ${issue?.message ?? 'invalid'}`.slice(0, 200);
      await setMeta(db, HINTS_KEY, { hints: stored?.hints ?? {}, sequence: stored?.sequence, acceptedAt: stored?.acceptedAt ?? '', note } satisfies StoredSiteHints);
      return { taken: false, note };
    }
    await setMeta(db, HINTS_KEY, { hints: parsed.data, sequence, acceptedAt: now.toISOString() } satisfies StoredSiteHints);
    return { taken: true };
  });
}

/** The stored hints for one network (none: an empty object). */
export async function siteHintsFor(db: HumasDb, network: string): Promise<NetworkHints> {
  const stored = await getMeta<StoredSiteHints>(db, HINTS_KEY);
  return (stored && Object.hasOwn(stored.hints, network) ? stored.hints[network] : undefined) ?? {};
}

export const siteHintsState = (db: HumasDb) => getMeta<StoredSiteHints>(db, HINTS_KEY);

