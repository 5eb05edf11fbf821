// The registry of site adapters. Every `<site>.ts` beside this file that exports a `SiteAdapter`
// as `adapter` is picked up; with its profile in utils/shared/networks.ts that is the whole network.
import type { SiteAdapter } from './types';

const modules = import.meta.glob<{ adapter?: SiteAdapter }>(['./*.ts', '!./index.ts', '!./types.ts', '!./dom-insert.ts'], { eager: true });

const adapters: SiteAdapter[] = Object.values(modules)
  .map((m) => m.adapter)
  .filter((a): a is SiteAdapter => !!a);
export const SITE_ADAPTERS: readonly SiteAdapter[] = adapters;

/** Adds an adapter that is not a file beside this one (a test's network). */
export function registerAdapter(adapter: SiteAdapter): void {
  adapters.push(adapter);
}

export function adapterForUrl(url: string): SiteAdapter | undefined {
  const parsed = new URL(url);
  return SITE_ADAPTERS.find((adapter) => adapter.matchesUrl(parsed));
}

/** Match patterns for the content script, from every adapter. */
export function contentScriptMatches(): string[] {
  return SITE_ADAPTERS.flatMap((adapter) => adapter.matchPatterns);
}

export type { Composer, SiteAdapter } from './types';
