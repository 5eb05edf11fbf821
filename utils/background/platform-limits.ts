// Length rules of each network, checked on the text exactly as it will be inserted.
// Runs in the background so the content script stays small (twitter-text is large).
import { i18n } from '#i18n';
import twitter from 'twitter-text';
import { formatNumber } from '../shared/locale';
import type { LengthCheck } from '../shared/messages';
import { PLATFORM_NAMES, type Platform } from '../shared/platforms';


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
  if (count > limit) warnings.push(i18n.t('card.tooLong', [PLATFORM_NAMES[platform], formatNumber(count), formatNumber(limit)]));
  if (platform === 'instagram' && hashtags > INSTAGRAM_MAX_HASHTAGS) warnings.push(i18n.t('card.tooManyHashtags', [String(INSTAGRAM_MAX_HASHTAGS), String(hashtags)]));
  return { count, limit, hashtags, ok: warnings.length === 0, warning: warnings.join('. ') };
}
