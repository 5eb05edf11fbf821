// Length rules of each network, checked on the text exactly as it will be inserted.
// Runs in the background so the content script stays small (twitter-text is large).
import { i18n } from '#i18n';
import twitter from 'twitter-text';
import { formatNumber } from '../shared/locale';
import type { LengthCheck } from '../shared/messages';
import { networkProfile, type Platform } from '../shared/networks';



export function countHashtags(text: string): number {
  return text.match(/(^|[^\p{L}\p{N}_&])#[\p{L}\p{N}_]+/gu)?.length ?? 0;
}

export function checkLength(text: string, platform: Platform): LengthCheck {
  const profile = networkProfile(platform);
  const limit = profile.maxLength;
  const count = profile.counting === 'twitter-weighted' ? twitter.parseTweet(text).weightedLength : [...text].length;
  const hashtags = countHashtags(text);
  const warnings: string[] = [];
  if (count > limit) warnings.push(i18n.t('card.tooLong', [profile.name, formatNumber(count), formatNumber(limit)]));
  if (profile.maxHashtags !== undefined && hashtags > profile.maxHashtags) warnings.push(i18n.t('card.tooManyHashtags', [String(profile.maxHashtags), String(hashtags)]));
  return { count, limit, hashtags, ok: warnings.length === 0, warning: warnings.join('. ') };
}
