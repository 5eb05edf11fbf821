// One Post click on a composer that publishes to several networks at once (Meta Business Suite's
// placements: a Facebook Page and an Instagram account). Each placement is its own post, so it gets
// its own insertion token: the insertion's, copied with the placement's network. The log then keeps
// its rule of one entry per token and attempt, unchanged.
import { i18n } from '#i18n';
import { isNetwork, type Platform } from '../shared/networks';
import type { KeyValueStore, PendingInsert } from './background-service';

/**
 * The token under which `platform`'s post of this insertion is logged. Derived once per insertion
 * and network: a second click after a refused post logs under the same token (a new attempt), and a
 * click after a confirmed one finds its insertion used up, as on a single-network composer. The
 * insertion's own token is never logged here, so one placement's confirmation cannot use up another's.
 */
export async function placementToken(session: KeyValueStore, token: string, platform: Platform, tabId: number): Promise<string> {
  const pending = (await session.get(`pending:${token}`)) as PendingInsert | undefined;
  if (!pending || pending.tabId !== tabId || !isNetwork(platform)) throw new Error(i18n.t('errors.noInsertion'));
  const key = `placement:${token}:${platform}`;
  const derived = (await session.get(key)) as string | undefined;
  if (derived) return derived;
  const placement = crypto.randomUUID();
  await session.set(`pending:${placement}`, { ...pending, platform } satisfies PendingInsert);
  await session.set(key, placement);
  return placement;
}
