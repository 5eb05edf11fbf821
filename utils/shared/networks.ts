// One profile per social network: everything the rest of the code knows about a network beyond its
// adapter (utils/content/sites/<network>.ts). The platform ids in log entries, the feed's caption
// variants, the length checks, the link rule, the dashboard's names and the export's validation
// all derive from this table. Dependency-free: the content script imports it.

export interface NetworkProfile {
  /** Platform id in log entries and the feed's caption variant key (`captions.<id>`). */
  id: string;
  /** Shown to people (a proper name, the same in every language). */
  name: string;
  /** The site's own limit on the text of a post. */
  maxLength: number;
  /** How the site counts toward that limit: X weighs characters (twitter-text); others count them. */
  counting: 'twitter-weighted' | 'characters';
  /** The site turns links in a post into links (Instagram does not): only then is the item's link appended. */
  linksClickable: boolean;
  /** The most hashtags the site accepts in one post, when it has a limit. */
  maxHashtags?: number;
  /** Where an officer starts a post (an urgent item's alert opens it). */
  composeUrl?: string;
}

export const BUILT_IN_NETWORKS = [
  { id: 'x', name: 'X', maxLength: 280, counting: 'twitter-weighted', linksClickable: true, composeUrl: 'https://x.com/compose/post' },
  { id: 'facebook', name: 'Facebook', maxLength: 63_206, counting: 'characters', linksClickable: true, composeUrl: 'https://www.facebook.com/' },
  { id: 'instagram', name: 'Instagram', maxLength: 2_200, counting: 'characters', linksClickable: false, maxHashtags: 30, composeUrl: 'https://www.instagram.com/' },
] as const satisfies readonly NetworkProfile[];

/** A registered network's id. */
export type Platform = string;

const registry = new Map<string, NetworkProfile>();

/** Adds a network's profile: each built-in entry below, and the fourth-network test's, by this one call. */
export function registerNetwork(profile: NetworkProfile): void {
  registry.set(profile.id, profile);
}
for (const profile of BUILT_IN_NETWORKS) registerNetwork(profile);

export function networks(): NetworkProfile[] {
  return [...registry.values()];
}

export function isNetwork(id: unknown): id is Platform {
  return typeof id === 'string' && registry.has(id);
}

export function networkProfile(id: Platform): NetworkProfile {
  const profile = registry.get(id);
  if (!profile) throw new Error(`unknown network: ${id}`);
  return profile;
}

/** The network's name for people; an unknown id (an imported entry of a newer version) as it is. */
export function networkName(id: Platform): string {
  return registry.get(id)?.name ?? id;
}
