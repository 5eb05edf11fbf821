// One library item in the sidebar: what it is and the caption exactly as it will be inserted.
import { i18n } from '#i18n';
import type { LibraryCard } from '@/utils/shared/messages';
import { formatDate } from '@/utils/shared/locale';

/**
 * Completion signal, for tests (development builds only; the product never reads it back): on the
 * page's root element, `data-hk-sidebar-clicks` counts the sidebar clicks decided, a page's
 * untrusted one when it is refused, the officer's when its action has finished (an insert, a sync).
 * A test that asserts a forged click did nothing waits for it instead of sleeping.
 */
const SIGNALS = import.meta.env.MODE !== 'production';
function countClick(): void {
  const root = document.documentElement;
  root.setAttribute('data-hk-sidebar-clicks', String(Number(root.getAttribute('data-hk-sidebar-clicks') ?? 0) + 1));
}

/** Only the officer's own clicks and keys act: the host page can reach this open shadow root. */
export const trusted = (action: () => unknown) => (event: Event) => {
  if (!event.isTrusted) {
    if (SIGNALS) countClick();
    return;
  }
  const done = action();
  if (SIGNALS) void Promise.resolve(done).then(countClick, countClick);
};

/** Each action settles when the officer has been told its outcome. */
export interface CardActions {
  insert(card: LibraryCard): Promise<void>;
  copy(card: LibraryCard): Promise<void>;
  download(card: LibraryCard): Promise<void>;
}

/** How much of an image the officer is waiting for has arrived. */
export interface ImageProgress {
  received: number;
  total: number;
}

export function ItemCard({ card, actions, canInsert, progress }: { card: LibraryCard; actions: CardActions; canInsert: boolean; progress?: ImageProgress }) {
  const image = card.image;
  return (
    <li class={`hk-card${card.urgent ? ' hk-urgent' : ''}${card.highlighted ? ' hk-highlighted' : ''}`} data-testid="hk-item" data-item-id={card.id} data-highlighted={card.highlighted ? 'true' : undefined}>
      <div class="hk-card-head">
        {image?.thumb ? <img class="hk-thumb" src={image.thumb} alt={image.alt} width={48} height={48} /> : null}
        <div>
          {card.urgent && <span class="hk-badge">{i18n.t('card.urgent')}</span>}
          <span class="hk-program">{card.program}</span>
          <h3 class="hk-title">{card.title}</h3>
        </div>
      </div>
      <p class="hk-preview" data-testid="hk-preview">{card.text}</p>
      <p class="hk-meta">
        {i18n.t(image ? (image.available ? 'card.withImage' : image.onDemand ? 'card.imageOnDemand' : 'card.imagePending') : 'card.noImage')}
        {card.expiresAt && ` · ${i18n.t('card.validUntil', [formatDate(card.expiresAt)])}`}
        {` · ${card.check.count}/${card.check.limit}`}
      </p>
      {progress && (
        <label class="hk-progress">
          {i18n.t('card.downloading', [String(Math.floor((100 * progress.received) / Math.max(1, progress.total)))])}
          <progress data-testid="hk-image-progress" value={progress.received} max={progress.total} />
        </label>
      )}
      {!card.check.ok && <p class="hk-warning" data-testid="hk-length-warning" role="note">{card.check.warning}</p>}
      <div class="hk-actions">
        {canInsert && (
          <button data-testid="hk-insert" type="button" class="hk-primary" onClick={trusted(() => actions.insert(card))}>
            {i18n.t('card.insert')}
          </button>
        )}
        <button data-testid="hk-copy" type="button" class={canInsert ? undefined : 'hk-primary'} onClick={trusted(() => actions.copy(card))}>
          {i18n.t('card.copy')}
        </button>
        {image && (
           <button data-testid="hk-download" type="button" disabled={!image.available && !image.fetchable} onClick={trusted(() => actions.download(card))}>
            {i18n.t('card.download')}
          </button>
        )}
      </div>
    </li>
  );
}
