// What one click inserts: the caption this officer got (variants.ts), with their own first line
// before it, or a quote of the item's official post (the line and the post's address, no image).
// Checked against the network's limit: a first line may not push a fitting text over it.
import { i18n } from '#i18n';
import { formatNumber } from '../shared/locale';
import type { LengthCheck } from '../shared/messages';
import type { Platform } from '../shared/networks';
import type { Settings } from '../shared/settings';
import { FIRST_LINE_MAX, officerKey, quoteText, withFirstLine } from '../shared/variants';
import type { HumasDb } from '../storage/db';
import { installIdentity } from './install-identity';
import type { Library } from './library';
import type { IndexedItem } from './library-query';
import { checkLength } from './platform-limits';

export interface InsertChoice {
  firstLine?: string;
  quote?: boolean;
}

export interface InsertText {
  text: string;
  check: LengthCheck;
  /** The caption variant inserted, when the network has several (not for a quote). */
  variant?: number;
  /** A quote of the official post: no image goes with it. */
  quote: boolean;
}

/** The officer's key for variants and windows: an install id is read only when no name is set. */
export async function officerOf(db: HumasDb, settings: Pick<Settings, 'officerName' | 'agency'>): Promise<string> {
  return officerKey(settings, settings.officerName.trim() ? '' : (await installIdentity(db)).installId);
}

export function insertText(library: Library, item: IndexedItem, platform: Platform, settings: Settings, officer: string, choice: InsertChoice): InsertText {
  const line = String(choice.firstLine ?? '').slice(0, FIRST_LINE_MAX);
  if (choice.quote) {
    const postUrl = item.officialPosts?.[platform];
    if (!postUrl) throw new Error(i18n.t('errors.noOfficialPost'));
    const text = quoteText(line, postUrl);
    return { text, check: checkLength(text, platform), quote: true };
  }
  const composed = library.composed(item, platform, settings, officer);
  const text = withFirstLine(line, composed.text);
  return { text, check: line.trim() ? checkLength(text, platform) : composed.check, variant: composed.variant?.index, quote: false };
}

/** Refuses a first line that makes a fitting text too long (the officer shortens it); an official text already over the limit is the desk's. */
export function refuseOverLimit(library: Library, item: IndexedItem, platform: Platform, settings: Settings, officer: string, chosen: InsertText): void {
  if (chosen.check.ok) return;
  const official = chosen.quote ? undefined : library.composed(item, platform, settings, officer).check;
  if (official && !official.ok) return;
  throw new Error(i18n.t('insert.firstLineTooLong', [formatNumber(chosen.check.count), formatNumber(chosen.check.limit)]));
}
