// The server's check of a caption on each network, from the network profiles (utils/shared/networks.ts):
// X's weighted 280 (x-weight.ts, twitter-text's rules; the page counts live with twitter-text itself,
// through the extension's checkLength), Instagram's 2,200 characters and 30 hashtags, on the text
// exactly as one click would insert it (composeCaption: caption, missing hashtags, link), for every
// approved variant of a network's caption (utils/shared/variants.ts) as officers will get them.
import { composeCaption } from '../../utils/shared/compose';
import { networkProfile, networks, type Platform } from '../../utils/shared/networks';
import type { ContentItem } from '../../utils/shared/schema';
import { captionChoices } from '../../utils/shared/variants';
import { xWeightedLength } from './x-weight';

export interface CaptionCount {
  network: Platform;
  name: string;
  count: number;
  limit: number;
  hashtags: number;
  maxHashtags?: number;
  ok: boolean;
  /** Which approved caption of the network (0: `captions[network]` or `default`), when it has several. */
  variant?: number;
}

/** The same expression as platform-limits.ts (which cannot be imported here: it needs the extension's i18n). */
export function countHashtags(text: string): number {
  return text.match(/(^|[^\p{L}\p{N}_&])#[\p{L}\p{N}_]+/gu)?.length ?? 0;
}

export function countCaption(text: string, network: Platform): CaptionCount {
  const profile = networkProfile(network);
  const count = profile.counting === 'twitter-weighted' ? xWeightedLength(text) : [...text].length;
  const hashtags = countHashtags(text);
  const ok = count <= profile.maxLength && (profile.maxHashtags === undefined || hashtags <= profile.maxHashtags);
  return { network, name: profile.name, count, limit: profile.maxLength, hashtags, maxHashtags: profile.maxHashtags, ok };
}

/** Every network's count for each of an item's captions there (regional slots left as written: `{daerah}`, `{instansi}`). */
export function countItemCaptions(item: Pick<ContentItem, 'captions' | 'hashtags' | 'link'> & Partial<Pick<ContentItem, 'captionVariants'>>): CaptionCount[] {
  return networks().flatMap((n) => {
    const choices = captionChoices(item, n.id);
    return choices.map((caption, i) => ({
      ...countCaption(composeCaption({ ...item, captions: { ...item.captions, [n.id]: caption } }, n.id, { agency: '{instansi}', region: '{daerah}' }), n.id),
      ...(choices.length > 1 ? { variant: i } : {}),
    }));
  });
}

/** Bahasa Indonesia first, English after, like the hub's other refusals. */
export function captionProblems(counts: CaptionCount[]): string[] {
  return counts.flatMap((c) => {
    const [id, en] = c.variant === undefined ? [c.name, c.name] : [`${c.name} (variasi ${c.variant + 1})`, `${c.name} (variant ${c.variant + 1})`];
    return [
      ...(c.count > c.limit ? [`Keterangan ${id} terlalu panjang: ${c.count} dari ${c.limit} / ${en} caption too long: ${c.count} of ${c.limit}`] : []),
      ...(c.maxHashtags !== undefined && c.hashtags > c.maxHashtags ? [`${id} menerima paling banyak ${c.maxHashtags} tagar, ada ${c.hashtags} / ${en} accepts at most ${c.maxHashtags} hashtags, found ${c.hashtags}`] : []),
    ];
  });
}
