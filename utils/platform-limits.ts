// Length rules of each network, checked on the text exactly as it will be inserted.
// Runs in the background so the content script stays small (twitter-text is large).
import twitter from 'twitter-text';
import type { Platform } from './schema';

export interface LengthCheck {
  /** The site's own count: X weighted length, otherwise characters. */
  count: number;
  limit: number;
  hashtags: number;
  ok: boolean;
  /** Indonesian warning to show, empty when the text fits. */
  warning: string;
}

const LIMITS: Record<Platform, number> = { x: 280, instagram: 2200, facebook: 63206 };
const INSTAGRAM_MAX_HASHTAGS = 30;

export function countHashtags(text: string): number {
  return text.match(/(^|[^\p{L}\p{N}_&])#[\p{L}\p{N}_]+/gu)?.length ?? 0;
}

export function checkLength(text: string, platform: Platform): LengthCheck {
  const limit = LIMITS[platform];
  const count = platform === 'x' ? twitter.parseTweet(text).weightedLength : [...text].length;
  const hashtags = countHashtags(text);
  const warnings: string[] = [];
  if (count > limit) warnings.push(`Terlalu panjang untuk ${platform === 'x' ? 'X' : platform === 'instagram' ? 'Instagram' : 'Facebook'}: ${count}/${limit} karakter`);
  if (platform === 'instagram' && hashtags > INSTAGRAM_MAX_HASHTAGS) warnings.push(`Instagram menerima paling banyak ${INSTAGRAM_MAX_HASHTAGS} tagar (ada ${hashtags})`);
  return { count, limit, hashtags, ok: warnings.length === 0, warning: warnings.join('. ') };
}
