// The registry of site adapters. Every `<site>.ts` beside this file that exports a `SiteAdapter`
// as `adapter` is picked up: adding a network means adding its adapter file, nothing else.
import type { SiteAdapter } from './types';

const modules = import.meta.glob<{ adapter?: SiteAdapter }>(['./*.ts', '!./index.ts', '!./types.ts', '!./dom-insert.ts'], { eager: true });

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
