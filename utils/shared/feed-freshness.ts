// Freshness of a library feed page (feed spec v1.1), as both readers of the feed judge it: the
// extension's sync and the hub's library follower. A signed page must say when it was issued and
// which publication it belongs to; a page older than the newest accepted one, or than the floor a
// build or policy sets for a first sync (`minSequence`), is refused like a replay.

export interface FreshnessFloor {
  /** The library's key is known: its pages must carry `issuedAt` and `sequence`. */
  signed: boolean;
  /** The highest `sequence` accepted from this library so far (none: a first sync). */
  acceptedSequence?: number;
  /** The lowest `sequence` any page may have, a first sync's included (build or policy). */
  minSequence?: number;
}

export type PageFreshness = { ok: true } | { ok: false; code: 'format' | 'older'; detail: string };

export function judgePageFreshness(page: { sequence?: number; issuedAt?: string }, floor: FreshnessFloor): PageFreshness {
  const { sequence, issuedAt } = page;
  if (floor.signed && (sequence === undefined || !issuedAt)) return { ok: false, code: 'format', detail: 'issuedAt/sequence' };
  // A floor set by build or policy cannot be met by a page that does not say its publication.
  if (floor.minSequence !== undefined && sequence === undefined) return { ok: false, code: 'format', detail: 'sequence' };
  if (sequence === undefined) return { ok: true };
  const lowest = Math.max(floor.acceptedSequence ?? -Infinity, floor.minSequence ?? -Infinity);
  return sequence < lowest ? { ok: false, code: 'older', detail: `${sequence} < ${lowest}` } : { ok: true };
}
