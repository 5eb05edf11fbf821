// The hub reads the national library feed (the same protocol the extension syncs) for what the
// entries only name by id: titles, programmes, urgency, publication times and withdrawals.
// Signed pages are verified with the library's key; a page older than the last one read is ignored.
import { verify } from 'node:crypto';
import { ContentItemSchema, FeedPageSchema } from '../utils/shared/schema';
import type { HubDatabase } from './database';
import { rawEd25519 } from './report-rules';

export interface LibraryFollowOptions {
  libraryUrl: string;
  /** base64 raw Ed25519 key of the library: pages without a valid signature are refused. */
  publicKey?: string;
  fetch?: typeof fetch;
}

export async function followLibrary(db: HubDatabase, options: LibraryFollowOptions): Promise<{ items: number; removed: number }> {
  const doFetch = options.fetch ?? fetch;
  const key = options.publicKey ? rawEd25519(options.publicKey) : undefined;
  let [state] = await db.query<{ cursor: string | null; sequence: number | null }>('SELECT cursor, sequence FROM library_state WHERE id = 1');
  const counts = { items: 0, removed: 0 };
  for (let pages = 0; pages < 1000; pages++) {
    const url = `${options.libraryUrl}/v1/feed${state?.cursor ? `?since=${encodeURIComponent(state.cursor)}` : ''}`;
    const res = await doFetch(url, { signal: AbortSignal.timeout(30_000) });
    if (!res.ok) throw new Error(`pustaka menjawab HTTP ${res.status} / library answered HTTP ${res.status}`);
    const bytes = Buffer.from(await res.arrayBuffer());
    if (key) {
      const signature = res.headers.get('x-library-signature')?.match(/^\s*ed25519=([A-Za-z0-9+/=]+)\s*$/)?.[1];
      if (!signature || !verify(null, bytes, key, Buffer.from(signature, 'base64'))) throw new Error('tanda tangan pustaka tidak valid / invalid library signature');
    }
    const page = FeedPageSchema.parse(JSON.parse(bytes.toString('utf8')));
    if (page.sequence !== undefined && state?.sequence != null && page.sequence < state.sequence) break;
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
        `INSERT INTO library_state (id, cursor, sequence, synced_at) VALUES (1, $1, $2, now())
         ON CONFLICT (id) DO UPDATE SET cursor = $1, sequence = coalesce($2, library_state.sequence), synced_at = now()`,
        [page.cursor, page.sequence ?? null],
      );
    });
    counts.items += items.length;
    counts.removed += page.removed.length;
    state = { cursor: page.cursor, sequence: page.sequence ?? state?.sequence ?? null };
    if (!page.hasMore) break;
  }
  return counts;
}
