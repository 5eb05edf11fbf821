// Spacing against spam flags (issue 30): X refuses "duplicative content" across accounts, and one
// caption from hundreds of official accounts at once looks coordinated. So each officer gets one of
// the item's approved captions for a network, always the same one (a hash of who they are and the
// item), may put their own first line before it, and for items that are not urgent is given a
// posting window inside the item's first hours. Pure (no storage, no browser API): background and pages use it.
import { splitStoredId } from './stored-id';
import type { ContentItem } from './schema';
import type { Platform } from './networks';

type Captioned = Pick<ContentItem, 'captions'> & Partial<Pick<ContentItem, 'captionVariants'>>;

/** The approved captions on a network: variant 0 is `captions[network]` (or `default`), as older clients insert it. */
export function captionChoices(item: Captioned, platform: Platform): string[] {
  return [item.captions[platform] ?? item.captions.default, ...(item.captionVariants?.[platform] ?? [])];
}

/** 32-bit FNV-1a over UTF-16 units, then murmur3's finaliser so that near-identical keys spread. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Who the officer is, for the assignment: their name and agency when set (the same variant after a
 * reinstall or on a second browser), else this install's id. Case and spacing do not count.
 */
export function officerKey(person: { officerName?: string; agency?: string }, installId: string): string {
  const name = (person.officerName ?? '').trim().toLocaleLowerCase('id');
  return name ? `${(person.agency ?? '').trim().toLocaleLowerCase('id')}\n${name}` : `install\n${installId}`;
}

/** Which of `count` variants this officer gets for this item: the same every time. */
export function assignVariant(officer: string, itemId: string, count: number): number {
  return count <= 1 ? 0 : hash32(`${officer}\n${itemId}`) % count;
}

/**
 * The item as this officer inserts it on a network: its caption there replaced by the assigned
 * variant (hashed with the library's own id for the item, not the id it is stored under). `variant` is set only when the network has more than one (the log records it then).
 */
export function withVariant<T extends Captioned & { id: string }>(item: T, platform: Platform, officer: string): { item: T; variant?: number; variants: number } {
  const choices = captionChoices(item, platform);
  if (choices.length <= 1) return { item, variants: 1 };
  const variant = assignVariant(officer, splitStoredId(item.id).itemId, choices.length);
  return { item: { ...item, captions: { ...item.captions, [platform]: choices[variant] } }, variant, variants: choices.length };
}

/** The officer's own words before the official text, a blank line between; nothing when the line is empty. */
export function withFirstLine(firstLine: string | undefined, text: string): string {
  const line = (firstLine ?? '').trim();
  return line ? `${line}\n\n${text}` : text;
}

/** Most characters an officer's first line may have (the network's limit decides first). */
export const FIRST_LINE_MAX = 280;

/** A quote of the official post: the officer's line, then the post's address (X shows it as a quote). */
export function quoteText(firstLine: string | undefined, postUrl: string): string {
  return withFirstLine(firstLine, postUrl);
}

/** Posting windows: 20-minute slots over the first three hours after publication. */
export const WINDOW_MINUTES = 20;
export const WINDOW_SLOTS = 9;

export type PostingWindow = { now: true } | { now?: false; start: string; end: string };

/**
 * When this officer is asked to post a non-urgent item: one 20-minute slot of the item's first
 * three hours (slots start on the clock's 20 minutes after publication), chosen by the same kind of
 * hash as the variant but independent of it. Urgent items: now.
 */
export function postingWindow(officer: string, item: Pick<ContentItem, 'id' | 'publishedAt' | 'priority'>): PostingWindow {
  if (item.priority === 'urgent') return { now: true };
  const slotMs = WINDOW_MINUTES * 60_000;
  const first = Math.ceil(Date.parse(item.publishedAt) / slotMs) * slotMs;
  const start = first + (hash32(`${officer}\n${splitStoredId(item.id).itemId}\nwindow`) % WINDOW_SLOTS) * slotMs;
  return { start: new Date(start).toISOString(), end: new Date(start + slotMs).toISOString() };
}
