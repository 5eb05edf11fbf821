// Which full images are downloaded ahead of need: those of urgent items and of the newest 100
// others (what the sidebar shows first, and the static layout's first page). The rest come when
// the officer inserts or downloads one, so a library of any size costs the link the same.
import { PRIORITY_NEWEST } from '../shared/static-format';

interface Ranked {
  id: string;
  priority?: string;
  publishedMs: number;
}

export function aheadItemIds(items: Iterable<Ranked>): Set<string> {
  const all = [...items];
  const newest = all
    .filter((i) => i.priority !== 'urgent')
    .sort((a, b) => b.publishedMs - a.publishedMs)
    .slice(0, PRIORITY_NEWEST);
  return new Set([...all.filter((i) => i.priority === 'urgent'), ...newest].map((i) => i.id));
}
