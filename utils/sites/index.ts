// The registry of site adapters: adding a network means adding its adapter here.
import type { SiteAdapter } from './types';
import { facebookAdapter } from './facebook';
import { instagramAdapter } from './instagram';
import { xAdapter } from './x';

export const SITE_ADAPTERS: readonly SiteAdapter[] = [xAdapter, facebookAdapter, instagramAdapter];

export function adapterForUrl(url: string): SiteAdapter | undefined {
  const parsed = new URL(url);
  return SITE_ADAPTERS.find((adapter) => adapter.matchesUrl(parsed));
}

export type { Composer, SiteAdapter } from './types';
