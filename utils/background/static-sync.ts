// Sync from the library's static layout (docs/static-format.md): the signed index (a few hundred
// bytes, or one 304 when nothing changed), then one delta, or the snapshot's pages with the first
// page (urgent and newest items) and its thumbnails before everything else.
import { verifyFeedSignature } from '../shared/crypto';
import { judgePageFreshness } from '../shared/feed-freshness';
import { MediaSchema } from '../shared/schema';
import {
  SignedIndexFileSchema,
  StaticDeltaSchema,
  StaticHintsSchema,
  StaticIndexSchema,
  StaticPageSchema,
  STATIC_INDEX_PATH,
  ThumbPackSchema,
  planStaticSync,
  type FileRef,
  type StaticIndex,
} from '../shared/static-format';
import type { HumasDb } from '../storage/db';
import { fetchAnswer, fetchImmutable } from './feed-fetch';
import { maxAgeSeconds } from './news-check';
import { commitPage, setThumbPacks, validItems, withUnlistedRemoved, type SyncRun } from './sync-apply';
import { SyncError } from './sync-status';

const decoder = new TextDecoder('utf-8', { fatal: true });

function parseJson(bytes: Uint8Array, what: string): unknown {
  try {
    return JSON.parse(decoder.decode(bytes));
  } catch (err) {
    throw new SyncError('format', `${what}: ${(err as Error).message}`);
  }
}

const fileUrl = (libraryUrl: string, ref: Pick<FileRef, 'path'>) => `${libraryUrl}/${ref.path}`;

/** The signed index, or 'absent' when the library has none (then its feed is used). */
async function readIndex(run: SyncRun): Promise<StaticIndex | 'absent' | 'unchanged'> {
  const { settings, state } = run;
  const res = await fetchAnswer(run.doFetch, fileUrl(settings.libraryUrl, { path: STATIC_INDEX_PATH }), run.stallMs);
  run.state = { ...state, maxAgeSeconds: maxAgeSeconds(res.headers.get('Cache-Control')) };
  if (res.status === 404 || res.status === 410) return 'absent';
  if (res.status === 304) return 'unchanged';
  if (!res.ok) throw new SyncError('http', String(res.status));
  // The browser's cache answers a 304 with the cached 200: the same ETag means nothing changed.
  const etag = res.headers.get('ETag');
  if (etag && etag === state.etag && state.layout === 'static' && !state.snapshotProgress) return 'unchanged';
  let file;
  try {
    file = SignedIndexFileSchema.parse(parseJson(res.body, 'index'));
  } catch (err) {
    // A server that answers every address with its feed has no static layout; a static library's broken index is an error.
    if (state.layout !== 'static') return 'absent';
    throw err instanceof SyncError ? err : new SyncError('format', 'index');
  }
  const signed = new TextEncoder().encode(file.index);
  if (settings.publicKey && !(await verifyFeedSignature(settings.publicKey, file.signature ?? null, signed))) throw new SyncError('signature', 'index');
  const index = StaticIndexSchema.safeParse(parseJson(signed, 'index'));
  if (!index.success) throw new SyncError('format', index.error.issues[0]?.message ?? 'index');
  const freshness = judgePageFreshness(index.data, { signed: !!settings.publicKey, acceptedSequence: state.sequence, minSequence: settings.minSequence });
  if (!freshness.ok) throw new SyncError(freshness.code, freshness.detail);
  run.state = { ...run.state, layout: 'static', publisher: index.data.publisher, pendingEtag: etag ?? undefined };
  return index.data;
}

/** The state once the library stands at the index's publication. */
function caughtUp(run: SyncRun, index: StaticIndex) {
  const { state } = run;
  const newer = !state.issuedAt || Date.parse(index.issuedAt) > Date.parse(state.issuedAt);
  run.state = {
    ...state,
    cursor: `static-${index.sequence}`,
    sequence: index.sequence,
    etag: state.pendingEtag,
    pendingEtag: undefined,
    snapshotProgress: undefined,
    ...(newer ? { issuedAt: index.issuedAt } : {}),
  };
}

/** Thumbnails for the images already known (each checked as the feed's inline thumbnails are). */
export async function storeThumbs(db: HumasDb, bytes: Uint8Array): Promise<number> {
  const pack = ThumbPackSchema.safeParse(parseJson(bytes, 'thumbs'));
  if (!pack.success) throw new SyncError('format', 'thumbs');
  const entries = Object.entries(pack.data.thumbs).filter(([, thumb]) => MediaSchema.shape.thumbnail.safeParse(thumb).success);
  let stored = 0;
  await db.transaction('rw', db.media, async () => {
    const rows = await db.media.bulkGet(entries.map(([sha]) => sha));
    const updated = rows.flatMap((row, i) => (row && !row.thumb ? [{ ...row, thumb: entries[i]![1] }] : []));
    stored = updated.length;
    await db.media.bulkPut(updated);
  });
  return stored;
}

async function applyDelta(run: SyncRun, index: StaticIndex, delta: StaticIndex['deltas'][number]): Promise<void> {
  const bytes = await fetchImmutable(run.doFetch, fileUrl(run.settings.libraryUrl, delta), delta, run.stallMs);
  const parsed = StaticDeltaSchema.safeParse(parseJson(bytes, 'delta'));
  if (!parsed.success) throw new SyncError('format', 'delta');
  // Bound to the signed index by its sha256, and to this client: it must start at or below what is here.
  const accepted = run.state.sequence ?? -1;
  if (parsed.data.to !== index.sequence || parsed.data.from !== delta.from || parsed.data.from > accepted) {
    throw new SyncError('binding', `delta ${parsed.data.from}→${parsed.data.to}`);
  }
  const { valid, invalid } = validItems(parsed.data.items);
  run.skippedInvalid += invalid;
  caughtUp(run, index);
  await commitPage(run, { items: valid, removed: parsed.data.removed });
}

/**
 * The whole library at the index's publication: page 0 (urgent and newest) and its thumbnails first,
 * then the rest, each page committed as it arrives; pages already applied by an interrupted run of
 * the same content are skipped (content-addressed). Items listed on no page are removed at the end.
 */
async function applySnapshot(run: SyncRun, index: StaticIndex): Promise<void> {
  const { pages, thumbs } = index.snapshot;
  const progress = run.state.snapshotProgress;
  const done: Record<string, string[]> = progress ? { ...progress.pages } : {};
  const fetchPage = (i: number) => {
    const promise = fetchImmutable(run.doFetch, fileUrl(run.settings.libraryUrl, pages[i]!), pages[i]!, run.stallMs);
    promise.catch(() => undefined); // awaited in its turn; a sync that fails before then leaves it unread
    return promise;
  };
  let next: Promise<Uint8Array> | undefined;
  for (let i = 0; i < pages.length; i++) {
    const ref = pages[i]!;
    if (done[ref.sha256]) continue;
    const bytes = await (next ?? fetchPage(i));
    next = undefined;
    const following = pages.findIndex((p, j) => j > i && !done[p.sha256]);
    // Read ahead, except after page 0: its thumbnails come first.
    if (following > 0 && i > 0) next = fetchPage(following);
    const page = StaticPageSchema.safeParse(parseJson(bytes, 'page'));
    if (!page.success) throw new SyncError('format', 'page');
    const { valid, invalid } = validItems(page.data.items);
    run.skippedInvalid += invalid;
    done[ref.sha256] = page.data.items.map((raw) => String((raw as { id?: unknown } | null)?.id));
    run.state = { ...run.state, snapshotProgress: { sequence: index.sequence, pages: done } };
    await commitPage(run, { items: valid, removed: page.data.removed });
    if (i === 0 && thumbs[0]) {
      await storeThumbs(run.db, await fetchImmutable(run.doFetch, fileUrl(run.settings.libraryUrl, thumbs[0]), thumbs[0], run.stallMs));
      run.deps.onMediaStored?.();
    }
  }
  const listed = new Set(pages.flatMap((p) => done[p.sha256] ?? []));
  const unlisted = await withUnlistedRemoved(run, listed, []);
  caughtUp(run, index);
  await commitPage(run, { items: [], removed: unlisted });
  // The remaining thumbnail packs come with the images, after the text (syncMedia).
  await setThumbPacks(run.db, thumbs.slice(1).filter((t): t is FileRef => !!t), run.library);
}

/** The library's site hints when the index names a file not taken yet (bound by its sha256, judged by site-hints.ts). */
async function applyHints(run: SyncRun, index: StaticIndex): Promise<void> {
  const ref = index.hints;
  if (!ref || ref.sha256 === run.state.hintsSha || !run.deps.onSiteHints) return;
  const file = StaticHintsSchema.safeParse(parseJson(await fetchImmutable(run.doFetch, fileUrl(run.settings.libraryUrl, ref), ref, run.stallMs), 'hints'));
  if (!file.success) throw new SyncError('format', 'hints');
  await run.deps.onSiteHints(file.data.siteHints, index.sequence);
  run.state = { ...run.state, hintsSha: ref.sha256 };
}

/** One sync from the static layout; 'absent' when the library has no static index. */
export async function syncStatic(run: SyncRun): Promise<'absent' | 'synced'> {
  const index = await readIndex(run);
  if (index === 'absent') return 'absent';
  if (index === 'unchanged') return 'synced';
  const plan = run.state.snapshotProgress || run.replaceLibrary ? { kind: 'snapshot' as const } : planStaticSync(index, run.state.sequence);
  if (plan.kind === 'current') {
    caughtUp(run, index);
    await commitPage(run, { items: [], removed: [] });
  } else if (plan.kind === 'delta') await applyDelta(run, index, plan.delta);
  else await applySnapshot(run, index);
  await applyHints(run, index);
  return 'synced';
}
