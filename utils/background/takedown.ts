// The take-down loop on the officer's side (docs/editorial-desk.md): when the library withdraws an
// item this officer posted, each such post gets a request "Hapus postingan ini" with the post's link
// (popup, dashboard and one browser notification per item), and the officer's answer — removed, or
// refused with a reason — is an update entry of the post in the signed chain, reported like every
// entry. Showing the request is itself an entry (`asked`), so the desk can tell "asked" from "no answer".
import { splitStoredId, storedIdOfEntry } from '../shared/libraries';
import { i18n } from '#i18n';
import type { HumasDb, StoredLogEntry } from '../storage/db';
import { storedLibrary } from '../storage/item-store';
import { coalesced } from '../shared/coalesce';
import { isPostEntry, type TakedownAnswer } from '../shared/log-entry';
import { ENTRY_LIMITS } from '../shared/log-entry-schema';
import type { TakedownRequest } from '../shared/messages';
import { storableText } from '../shared/storable-text';
import { installIdentity } from './install-identity';
import { appendLogUpdate, LOCAL_CHAIN } from './posting-log';

/** One browser notification per withdrawn item with posts of this officer. */
export interface TakedownAlert {
  itemId: string;
  title: string;
  posts: number;
  cause: TakedownRequest['cause'];
}

export interface TakedownDeps {
  db: HumasDb;
  now: () => Date;
  /** After an entry was written: the outbox has something to send. */
  afterWrite: () => void;
  alertTakedown?: (alert: TakedownAlert) => Promise<unknown>;
}

/**
 * This browser's own posts of withdrawn items, and of older versions of items whose correction asks
 * for it (`takedownBefore`), newest first (a post the site refused was never public).
 */
export async function takedownRequests(db: HumasDb): Promise<TakedownRequest[]> {
  const withdrawn = new Map((await db.withdrawn.toArray()).map((w) => [w.itemId, w]));
  const corrected = new Map([...(await storedLibrary(db)).byId.values()].filter((i) => i.takedownBefore).map((i) => [i.id, i]));
  if (withdrawn.size === 0 && corrected.size === 0) return [];
  // Items are stored as `<libraryId>:<id>` beyond the national library; posts name them by id and library.
  const plainIds = new Set([...withdrawn.keys(), ...corrected.keys()].map((id) => splitStoredId(id).itemId));
  const rows = await db.log.where('itemId').anyOf([...plainIds]).toArray();
  const asked = (p: StoredLogEntry) => withdrawn.has(storedIdOfEntry(p)) || p.itemVersion < (corrected.get(storedIdOfEntry(p))?.takedownBefore ?? 0);
  const posts = rows.filter((r): r is StoredLogEntry => isPostEntry(r) && (r.chain ?? LOCAL_CHAIN) === LOCAL_CHAIN && asked(r));
  return posts
    .filter((p) => (p.latest?.status ?? p.status) !== 'failed')
    .sort((a, b) => b.postedAt.localeCompare(a.postedAt))
    .map((p) => {
      const w = withdrawn.get(storedIdOfEntry(p));
      const item = corrected.get(storedIdOfEntry(p));
      const postUrl = p.latest?.postUrl ?? p.postUrl;
      const takedown = p.latest?.takedown;
      return {
        postId: p.id, itemId: p.itemId, title: w?.title || item?.title || p.itemId, platform: p.platform, account: p.account, postedAt: p.postedAt,
        cause: w ? ('withdrawn' as const) : ('corrected' as const), withdrawnAt: w?.at ?? item!.storedAt,
        ...(postUrl && /^https:\/\//.test(postUrl) ? { postUrl } : {}),
        ...(takedown ? { answer: takedown.answer, ...(takedown.note ? { note: takedown.note } : {}) } : {}),
      };
    });
}

export function createTakedownService(deps: TakedownDeps) {
  /** Writes `asked` for every post not asked yet and alerts once per item; after each sync. */
  const askForTakedowns = coalesced(async () => {
    const fresh = (await takedownRequests(deps.db)).filter((r) => !r.answer);
    if (fresh.length === 0) return;
    const signer = await installIdentity(deps.db);
    for (const request of fresh) await appendLogUpdate(deps.db, { updates: request.postId, takedown: 'asked', observedAt: deps.now().toISOString() }, signer);
    deps.afterWrite();
    const perItem = new Map<string, TakedownAlert>();
    for (const r of fresh) perItem.set(r.itemId, { itemId: r.itemId, title: r.title, posts: (perItem.get(r.itemId)?.posts ?? 0) + 1, cause: r.cause });
    for (const alert of perItem.values()) void deps.alertTakedown?.(alert).catch(() => undefined);
  });

  /** The officer's answer: removed, or refused with a short reason. */
  async function answerTakedown(postId: string, answer: TakedownAnswer, note?: string): Promise<{ id: string }> {
    if (answer !== 'removed' && answer !== 'refused') throw new Error(i18n.t('takedown.errors.answer'));
    const reason = storableText(typeof note === 'string' ? note.trim() : '', ENTRY_LIMITS.note);
    if (answer === 'refused' && !reason) throw new Error(i18n.t('takedown.errors.reason'));
    const request = (await takedownRequests(deps.db)).find((r) => r.postId === postId);
    if (!request) throw new Error(i18n.t('takedown.errors.unknownPost'));
    const entry = await appendLogUpdate(
      deps.db,
      { updates: postId, takedown: answer, ...(answer === 'refused' ? { takedownNote: reason } : {}), observedAt: deps.now().toISOString() },
      await installIdentity(deps.db),
    );
    deps.afterWrite();
    return { id: entry.id };
  }

  return { askForTakedowns, answerTakedown, list: () => takedownRequests(deps.db) };
}
