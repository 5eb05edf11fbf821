// The hub's reader of the library's static layout (utils/shared/static-format.ts): a signed
// `v1/index.json` naming content-addressed snapshot pages and deltas. The hub needs titles,
// programmes, urgency, publication times and withdrawals only, so it never fetches thumbnail packs.
// Every file is checked against the sha256 and size the signed index gives it before it is read;
// nothing is stored here (hub/library-follow.ts stores what this returns, all or nothing).
import { createHash } from 'node:crypto';
import { verifyFeedSignature } from '../utils/shared/crypto';
import type { FeedPage } from '../utils/shared/schema';
import {
  planStaticSync,
  SignedIndexFileSchema,
  STATIC_INDEX_PATH,
  StaticDeltaSchema,
  StaticIndexSchema,
  StaticPageSchema,
  type FileRef,
  type StaticIndex,
  type StaticPlan,
} from '../utils/shared/static-format';

export interface StaticReadOptions {
  libraryUrl: string;
  /** base64 raw Ed25519 key: the index must be signed with it (unset only for a --dev hub). */
  publicKey?: string;
  fetch: typeof fetch;
}

export interface StaticChanges {
  plan: StaticPlan['kind'];
  /** Items as published (each still to be validated on its own). */
  items: unknown[];
  removed: FeedPage['removed'];
}

// A static host or CDN without the file: S3-style buckets answer 403 for a missing object.
const ABSENT = new Set([403, 404, 410]);
const TIMEOUT_MS = 30_000;

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/**
 * The library's verified static index, or undefined when it has no static layout (follow `/v1/feed`):
 * the file is missing, or what answers is not an index file at all (a host's catch-all page). A
 * signature that fails, or a signed index the hub cannot read, is refused: falling back would let
 * whoever can answer for the address choose which layout the hub trusts.
 */
export async function readStaticIndex(options: StaticReadOptions): Promise<StaticIndex | undefined> {
  const res = await options.fetch(`${options.libraryUrl}/${STATIC_INDEX_PATH}`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (ABSENT.has(res.status)) return undefined;
  if (!res.ok) throw new Error(`indeks pustaka menjawab HTTP ${res.status} / library index answered HTTP ${res.status}`);
  const file = SignedIndexFileSchema.safeParse(parseJson(await res.text()));
  if (!file.success) return undefined;
  const indexBytes = new TextEncoder().encode(file.data.index);
  if (options.publicKey && !(await verifyFeedSignature(options.publicKey, file.data.signature ?? null, indexBytes))) {
    throw new Error('tanda tangan indeks pustaka tidak valid / invalid library index signature');
  }
  const index = StaticIndexSchema.safeParse(parseJson(file.data.index));
  if (!index.success) throw new Error('indeks pustaka tidak dapat dibaca (format atau since) / library index unreadable (format or since)');
  return index.data;
}

/** One immutable file, refused unless its bytes are exactly those the signed index names. */
async function fetchVerified(options: StaticReadOptions, ref: FileRef): Promise<unknown> {
  const res = await options.fetch(`${options.libraryUrl}/${ref.path}`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (!res.ok) throw new Error(`berkas pustaka ${ref.path} menjawab HTTP ${res.status} / library file ${ref.path} answered HTTP ${res.status}`);
  const bytes = Buffer.from(await res.arrayBuffer());
  if (bytes.length !== ref.bytes || createHash('sha256').update(bytes).digest('hex') !== ref.sha256) {
    throw new Error(`berkas pustaka ${ref.path} tidak cocok dengan sha256 di indeks / library file ${ref.path} does not match the index's sha256`);
  }
  return parseJson(bytes.toString('utf8'));
}

/**
 * What brings a hub at `accepted` (its highest accepted sequence) to the index's publication: nothing,
 * one delta, or the whole snapshot (whose first page lists the recent removals). The index's freshness
 * must have been judged already.
 */
export async function readStaticChanges(options: StaticReadOptions, index: StaticIndex, accepted: number | undefined): Promise<StaticChanges> {
  const plan = planStaticSync(index, accepted);
  if (plan.kind === 'current') return { plan: 'current', items: [], removed: [] };
  if (plan.kind === 'delta') {
    const delta = StaticDeltaSchema.parse(await fetchVerified(options, plan.delta));
    // A delta from beyond the hub's sequence would skip changes; one ending elsewhere is another publication's.
    if (accepted === undefined || delta.from > accepted || delta.from !== plan.delta.from || delta.to !== index.sequence) {
      throw new Error(`delta pustaka ${delta.from}→${delta.to} tidak cocok (diterima ${accepted}, indeks ${index.sequence}) / library delta ${delta.from}→${delta.to} does not fit (accepted ${accepted}, index ${index.sequence})`);
    }
    return { plan: 'delta', items: delta.items, removed: delta.removed };
  }
  const pages = await Promise.all(index.snapshot.pages.map(async (ref) => StaticPageSchema.parse(await fetchVerified(options, ref))));
  return { plan: 'snapshot', items: pages.flatMap((page) => page.items), removed: pages[0]?.removed ?? [] };
}
