// The hub reads the national library feed (the same protocol the extension syncs) for what the
// entries only name by id: titles, programmes, urgency, publication times and withdrawals.
// As the extension does, it needs the library's key and https (a development hub started with
// `--dev` may follow an unsigned or plain-http library), verifies every page, and judges each page's
// freshness by the extension's own rules (utils/shared/feed-freshness.ts): a replayed older answer
// cannot bring a withdrawn item back or hide a withdrawal.
import { base64ToBytes, verifyFeedSignature } from '../utils/shared/crypto';
import { judgePageFreshness } from '../utils/shared/feed-freshness';
import { ContentItemSchema, FeedPageSchema } from '../utils/shared/schema';
import type { HubDatabase } from './database';

export interface LibraryFollowOptions {
  libraryUrl: string;
  /** base64 raw Ed25519 key of the library: pages without a valid signature are refused. */
  publicKey?: string;
  /** Development only (`--dev`): an unsigned or plain-http library is followed too. */
  dev?: boolean;
  /** The lowest feed sequence accepted, the first read of a library included (as the extension's `minSequence`). */
  minSequence?: number;
  fetch?: typeof fetch;
}

const isRawEd25519 = (key: string) => {
  try {
    return base64ToBytes(key).length === 32;
  } catch {
    return false;
  }
};

/** Why these options cannot be followed (bilingual, for the operator), or undefined when they can. */
export function libraryFollowProblem(options: LibraryFollowOptions): string | undefined {
  if (!URL.canParse(options.libraryUrl)) return `alamat pustaka tidak valid / invalid library address: ${options.libraryUrl}`;
  if (options.publicKey !== undefined && !isRawEd25519(options.publicKey)) return '--library-key bukan kunci Ed25519 (base64, 32 byte) / --library-key is not a base64 raw Ed25519 key';
  if (options.dev) return undefined;
  if (new URL(options.libraryUrl).protocol !== 'https:') return 'pustaka harus https:// (kecuali --dev) / the library must be https:// (unless --dev)';
  if (!options.publicKey) return 'pustaka tanpa --library-key ditolak (kecuali --dev) / a library without --library-key is refused (unless --dev)';
  return undefined;
}

type LibraryState = { cursor: string | null; sequence: number | null; library_url: string | null };

export async function followLibrary(db: HubDatabase, options: LibraryFollowOptions): Promise<{ items: number; removed: number }> {
  const problem = libraryFollowProblem(options);
  if (problem) throw new Error(problem);
  const doFetch = options.fetch ?? fetch;
  const [stored] = await db.query<LibraryState>('SELECT cursor, sequence, library_url FROM library_state WHERE id = 1');
  // Another library: its cursor and publication numbers mean nothing here (as in the extension).
  let state = stored?.library_url === options.libraryUrl ? stored : undefined;
  const counts = { items: 0, removed: 0 };
  for (let pages = 0; pages < 1000; pages++) {
    const url = `${options.libraryUrl}/v1/feed${state?.cursor ? `?since=${encodeURIComponent(state.cursor)}` : ''}`;
    const res = await doFetch(url, { signal: AbortSignal.timeout(30_000) });
    if (!res.ok) throw new Error(`pustaka menjawab HTTP ${res.status} / library answered HTTP ${res.status}`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    if (options.publicKey && !(await verifyFeedSignature(options.publicKey, res.headers.get('x-library-signature'), bytes))) {
      throw new Error('tanda tangan pustaka tidak valid / invalid library signature');
    }
    const page = FeedPageSchema.parse(JSON.parse(new TextDecoder().decode(bytes)));
    const freshness = judgePageFreshness(page, { signed: !!options.publicKey, acceptedSequence: state?.sequence ?? undefined, minSequence: options.minSequence });
    if (!freshness.ok) {
      throw new Error(
        freshness.code === 'older'
          ? `jawaban pustaka lebih lama daripada yang sudah dibaca (${freshness.detail}), diabaikan / library answer older than the one already read (${freshness.detail}), ignored`
          : `halaman pustaka tanpa ${freshness.detail} ditolak / library page without ${freshness.detail} refused`,
      );
    }
    const items = page.items.flatMap((raw) => {
      const parsed = ContentItemSchema.safeParse(raw);
      return parsed.success ? [parsed.data] : [];
    });
    await db.transaction(async (tx) => {
      if (items.length) {
        const rows = items.map((i) => ({ id: i.id, version: i.version, title: i.title, program: i.program, urgent: i.priority === 'urgent', published_at: i.publishedAt }));
        await tx.query(
          `INSERT INTO items (id, version, title, program, urgent, published_at)
           SELECT r.id, r.version, r.title, r.program, r.urgent, r.published_at FROM jsonb_to_recordset($1::jsonb) AS r(id text, version int, title text, program text, urgent boolean, published_at timestamptz)
           ON CONFLICT (id) DO UPDATE SET version = excluded.version, title = excluded.title, program = excluded.program, urgent = excluded.urgent,
             published_at = excluded.published_at, withdrawn_at = NULL, withdrawn_reason = NULL
           WHERE items.version < excluded.version`,
          [JSON.stringify(rows)],
        );
      }
      // Withdrawn items name posts to take down (expired or replaced ones do not), even ones the hub never saw.
      for (const removed of page.removed.filter((r) => r.reason === 'withdrawn')) {
        await tx.query(
          `INSERT INTO items (id, version, title, program, urgent, published_at, withdrawn_at, withdrawn_reason) VALUES ($1, 0, $1, '', false, now(), now(), $2)
           ON CONFLICT (id) DO UPDATE SET withdrawn_at = coalesce(items.withdrawn_at, now()), withdrawn_reason = $2`,
          [removed.id, removed.reason],
        );
      }
      await tx.query(
        `INSERT INTO library_state (id, cursor, sequence, synced_at, library_url) VALUES (1, $1, $2, now(), $3)
         ON CONFLICT (id) DO UPDATE SET cursor = $1, sequence = $2, synced_at = now(), library_url = $3`,
        [page.cursor, page.sequence ?? state?.sequence ?? null, options.libraryUrl],
      );
    });
    counts.items += items.length;
    counts.removed += page.removed.length;
    state = { cursor: page.cursor, sequence: page.sequence ?? state?.sequence ?? null, library_url: options.libraryUrl };
    if (!page.hasMore) break;
  }
  return counts;
}
