// The contract's composition rule: what one click inserts on a given platform.
import { networkProfile, type Platform } from './networks';
import type { ContentItem } from './schema';

export interface Slots {
  agency: string;
  region: string;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function hasHashtag(text: string, tag: string): boolean {
  return new RegExp(`#${escapeRegExp(tag)}(?![\\p{L}\\p{N}_])`, 'iu').test(text);
}

export function fillSlots(caption: string, slots: Slots): string {
  return caption.replaceAll('{instansi}', slots.agency).replaceAll('{daerah}', slots.region);
}

/** Links are appended only where the site makes them clickable (not in Instagram captions). */
export function platformShowsLink(platform: Platform): boolean {
  return networkProfile(platform).linksClickable;
}

export function composeCaption(item: Pick<ContentItem, 'captions' | 'hashtags' | 'link'>, platform: Platform, slots: Slots): string {
  const caption = fillSlots(item.captions[platform] ?? item.captions.default, slots);
  const seen = new Set<string>();
  const missingTags = item.hashtags.filter((tag) => {
    const key = tag.toLocaleLowerCase('id');
    if (seen.has(key) || hasHashtag(caption, tag)) return false;
    seen.add(key);
    return true;
  });
  const tail = [
    missingTags.map((t) => `#${t}`).join(' '),
    item.link && platformShowsLink(platform) ? item.link : '',
  ].filter(Boolean);
  return tail.length ? `${caption}\n\n${tail.join('\n')}` : caption;
}
