// The registry of site adapters. Every `<site>.ts` beside this file that exports a `SiteAdapter`
// as `adapter` is picked up; with its profile in utils/shared/networks.ts that is the whole network.
import type { SiteAdapter } from './types';

const modules = import.meta.glob<{ adapter?: SiteAdapter }>(['./*.ts', '!./index.ts', '!./types.ts', '!./dom-insert.ts'], { eager: true });

// The only way in, also for tests/unit/fourth-network/, which runs a copy of this file beside its own
// `<network>.ts`: a test that registered its adapter some other way would not prove this glob.
export const SITE_ADAPTERS: readonly SiteAdapter[] = Object.values(modules)
  .map((m) => m.adapter)
  .filter((a): a is SiteAdapter => !!a);

export function adapterForUrl(url: string): SiteAdapter | undefined {
  const parsed = new URL(url);
  return SITE_ADAPTERS.find((adapter) => adapter.matchesUrl(parsed));
}

/** Match patterns for the content script, from every adapter. */
export function contentScriptMatches(): string[] {
  return SITE_ADAPTERS.flatMap((adapter) => adapter.matchPatterns);
}

export type { Composer, SiteAdapter } from './types';
