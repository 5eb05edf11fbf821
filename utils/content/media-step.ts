// What one Sisipkan does at a composer step that takes media but no caption (Instagram's step 1),
// and the sentence for the officer: the image went in (and how it will be cropped), could not go
// in, or is still downloading and goes in at this step when it arrives. The caption itself is kept
// by insert-flow for the caption step.
import { i18n } from '#i18n';
import type { LibraryCard, PreparedInsert } from '../shared/messages';
import { attachWhenArrived, type LateImageHooks } from './late-image';
import type { Composer, SiteAdapter } from './sites';
import type { ComposerStage } from './sites/types';

export interface MediaStep {
  adapter: SiteAdapter;
  composer: Composer;
  card: LibraryCard;
  prepared: PreparedInsert;
  stage: ComposerStage;
  /** The caption kept for the caption step; `imageAttached` is updated when a late image goes in. */
  kept: { imageAttached: boolean };
  attach(composer: Composer, prepared: PreparedInsert): Promise<boolean>;
  late?: Omit<LateImageHooks, 'attach'>;
}

function attachedNotice(adapter: SiteAdapter, composer: Composer): string {
  return i18n.t(adapter.mediaRemark?.(composer) === 'cropNotOriginal' ? 'insert.imageAttachedCropCaptionLater' : 'insert.imageAttachedCaptionLater');
}

export function mediaStepNotice(step: MediaStep): string {
  const { adapter, composer, prepared, kept, late } = step;
  // Sisipkan before the image reached this device (a fresh profile's first minutes): it is fetched
  // now, ahead of all others, and attached at this step when it arrives. Said at once, never silence.
  if (prepared.missingImage && step.stage.media && late) {
    const atThisStep = new Map([
      [i18n.t('insert.imageUnavailable'), i18n.t('insert.imageUnavailableCaptionLater')],
      [i18n.t('insert.imageFailed'), i18n.t('insert.imageFailedCaptionLater')],
    ]);
    void attachWhenArrived(composer, step.card, prepared, {
      ...late,
      say: (notice) => late.say(notice === i18n.t('insert.imageArrived') ? attachedNotice(adapter, composer) : (atThisStep.get(notice) ?? notice)),
      attach: async (target, ready) => (kept.imageAttached = await step.attach(target, ready)),
    });
    return i18n.t('insert.imageComingCaptionLater');
  }
  if (prepared.missingImage) return i18n.t('insert.imageMissingCaptionLater');
  if (!prepared.file) return i18n.t('insert.captionLater');
  // A step that no longer takes media (Crop, Edit, a reel's steps): nothing was attached, nothing is wrong.
  if (!step.stage.media) return i18n.t('insert.captionLater');
  return kept.imageAttached ? attachedNotice(adapter, composer) : i18n.t('insert.imageFailedCaptionLater');
}
