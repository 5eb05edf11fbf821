// The urgent to-do: urgent items this officer has not yet posted on every network they post on.
// The toolbar badge counts them; the popup lists them with a mark per network.
//
// "Every network they post on" is read from the officer's own posting log: the networks with a post
// (not refused by the site) in the last 90 days. Before the first post it is every network. No
// setting to keep up to date: an officer who starts posting on Instagram gets Instagram marks from
// that post on, and one who stops drops out of it after 90 days.
import { splitStoredId, storedIdOfEntry } from '../shared/libraries';
import { currentState, isDismissal, isPostEntry, type HumasDb, type StoredItem, type StoredLogRow } from '../storage/db';
import { countsAsPosted } from '../shared/log-entry';
import { networks, type Platform } from '../shared/networks';
import type { TodoItem } from '../shared/messages';
import { LOCAL_CHAIN } from './posting-log';
import { alertsFor, type AlertPolicy } from './urgent-alerts';
import { isExpired } from './library-query';

export type { TodoItem };

export const IN_USE_DAYS = 90;


/** What the log says about the officer's own posts of urgent items. */
export interface OwnActivity {
  /** Networks with a post in the last IN_USE_DAYS days. */
  inUse: Set<Platform>;
  /** itemId → networks it was posted on (any version; refused posts, and scheduled ones before their time, do not count). */
  posted: Map<string, Set<Platform>>;
  /** Items the officer dismissed with a reason. */
  dismissed: Set<string>;
}

/** A post the site did not refuse, in this browser's own chain (imported chains are other officers'). */
const ownPost = (row: StoredLogRow): row is Exclude<StoredLogRow, { updates: string } | { dismisses: string }> =>
  row.chain === LOCAL_CHAIN && isPostEntry(row) && currentState(row).status !== 'failed';

/** Pure: the open to-do from urgent items and the officer's activity, urgent first by newest. */
export function urgentTodo(items: StoredItem[], activity: OwnActivity, policy: AlertPolicy, now: Date): TodoItem[] {
  const everyNetwork = networks().map((n) => n.id);
  const expected = activity.inUse.size ? everyNetwork.filter((id) => activity.inUse.has(id)) : everyNetwork;
  return items
    .filter((item) => item.priority === 'urgent' && !isExpired(item, now) && alertsFor(item, policy) && !activity.dismissed.has(item.id))
    .map((item) => {
      const done = activity.posted.get(item.id) ?? new Set<Platform>();
      return { itemId: item.id, version: item.version, title: item.title, program: item.program, publishedAt: item.publishedAt, marks: expected.map((platform) => ({ platform, posted: done.has(platform) })) };
    })
    .filter((todo) => todo.marks.some((m) => !m.posted))
    .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt));
}

/** Reads the officer's activity for these items from the log (by index: the log may hold 100,000 rows). */
export async function readOwnActivity(db: HumasDb, itemIds: string[], now: Date): Promise<OwnActivity> {
  const inUse = new Set<Platform>();
  const all = networks().length;
  const since = new Date(now.getTime() - IN_USE_DAYS * 86_400_000).toISOString();
  await db.log
    .where('postedAt')
    .above(since)
    .reverse()
    .until(() => inUse.size === all)
    .each((row) => {
      if (ownPost(row)) inUse.add(row.platform);
    });
  const posted = new Map<string, Set<Platform>>();
  const dismissed = new Set<string>();
  if (itemIds.length) {
    // Entries name an item by its library's own id and the library: the same id in two libraries is two items.
    const wanted = new Set(itemIds);
    const plainIds = [...new Set(itemIds.map((id) => splitStoredId(id).itemId))];
    for (const row of await db.log.where('itemId').anyOf(plainIds).toArray()) {
      // Scheduled on the site: not posted yet, so the item stays on the to-do until the time passes.
      if (!ownPost(row) || !countsAsPosted(currentState(row), now)) continue;
      const id = storedIdOfEntry(row);
      if (!wanted.has(id)) continue;
      if (!posted.has(id)) posted.set(id, new Set());
      posted.get(id)!.add(row.platform);
    }
    for (const row of await db.log.where('dismisses').anyOf(plainIds).toArray()) {
      if (row.chain === LOCAL_CHAIN && isDismissal(row)) dismissed.add(storedIdOfEntry({ itemId: row.dismisses, libraryId: row.libraryId }));
    }
  }
  return { inUse, posted, dismissed };
}
