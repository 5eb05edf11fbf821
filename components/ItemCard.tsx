// One library item in the sidebar: what it is and the caption exactly as it will be inserted.
import { i18n } from '#i18n';
import { useEffect, useState } from 'preact/hooks';
import type { LengthCheck, LibraryCard } from '@/utils/shared/messages';
import { formatDate, uiLocale } from '@/utils/shared/locale';
import { FIRST_LINE_MAX, withFirstLine, type PostingWindow } from '@/utils/shared/variants';

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

/** Each action settles when the officer has been told its outcome; `firstLine` is the officer's own opening line. */
export interface CardActions {
  insert(card: LibraryCard, firstLine: string): Promise<void>;
  /** The officer's line and the item's official post address (X shows a quote). */
  quote(card: LibraryCard, firstLine: string): Promise<void>;
  copy(card: LibraryCard): Promise<void>;
  download(card: LibraryCard): Promise<void>;
  /** The length check of the text with this first line (counted where the network's rules live). */
  check(card: LibraryCard, firstLine: string): Promise<LengthCheck>;
}

/** "10.20–10.40" in the officer's language; now for urgent items and once the window has passed. */
function windowText(window: PostingWindow): string {
  if (window.now || Date.parse(window.end) <= Date.now()) return i18n.t('card.windowNow');
  const time = new Intl.DateTimeFormat(uiLocale(), { hour: '2-digit', minute: '2-digit' });
  return i18n.t('card.windowAt', [time.format(new Date(window.start)), time.format(new Date(window.end))]);
}

/** The count of what one click inserts: with the officer's first line once they write one. */
function useLineCheck(card: LibraryCard, line: string, actions: CardActions): LengthCheck {
  const [lineCheck, setLineCheck] = useState<{ line: string; check: LengthCheck }>();
  useEffect(() => {
    if (!line.trim()) return;
    let current = true;
    actions.check(card, line).then((check) => current && setLineCheck({ line, check }), () => undefined);
    return () => {
      current = false;
    };
  }, [line, card.id, card.version]);
  return line.trim() && lineCheck?.line === line ? lineCheck.check : card.check;
}

/** How much of an image the officer is waiting for has arrived. */
export interface ImageProgress {
  received: number;
  total: number;
}

export function ItemCard({ card, actions, canInsert, progress }: { card: LibraryCard; actions: CardActions; canInsert: boolean; progress?: ImageProgress }) {
  const image = card.image;
  const [line, setLine] = useState('');
  const check = useLineCheck(card, line, actions);
  return (
    <li class={`hk-card${card.urgent ? ' hk-urgent' : ''}${card.highlighted ? ' hk-highlighted' : ''}`} data-testid="hk-item" data-item-id={card.id} data-highlighted={card.highlighted ? 'true' : undefined}>
      <div class="hk-card-head">
        {image?.thumb ? <img class="hk-thumb" src={image.thumb} alt={image.alt} width={48} height={48} /> : null}
        <div>
          {card.urgent && <span class="hk-badge">{i18n.t('card.urgent')}</span>}
          <span class="hk-program">{card.program}</span>
          {card.source && <span class="hk-source" data-testid="hk-item-source" data-source={card.source.id} title={i18n.t('libraries.sourceOf', [card.source.label])}>{card.source.label}</span>}
          <h3 class="hk-title">{card.title}</h3>
        </div>
      </div>
      <p class="hk-preview" data-testid="hk-preview">{withFirstLine(line, card.text)}</p>
      <p class="hk-meta">
        {i18n.t(image ? (image.available ? 'card.withImage' : image.onDemand ? 'card.imageOnDemand' : 'card.imagePending') : 'card.noImage')}
        {card.expiresAt && ` · ${i18n.t('card.validUntil', [formatDate(card.expiresAt)])}`}
        <span data-testid="hk-count">{` · ${check.count}/${check.limit}`}</span>
        {card.variant && <span data-testid="hk-variant" data-variant={card.variant.index}>{` · ${i18n.t('card.variant', [String(card.variant.index + 1), String(card.variant.count)])}`}</span>}
      </p>
      {card.window && <p class="hk-window" data-testid="hk-window">{windowText(card.window)}</p>}
      {canInsert && (
        <label class="hk-first-line">
          {i18n.t('card.firstLine')}
          <textarea data-testid="hk-first-line" rows={2} maxLength={FIRST_LINE_MAX} title={i18n.t('card.firstLineHint')} value={line} onInput={(e) => setLine((e.target as HTMLTextAreaElement).value)} />
        </label>
      )}
      {progress && (
        <label class="hk-progress">
          {i18n.t('card.downloading', [String(Math.floor((100 * progress.received) / Math.max(1, progress.total)))])}
          <progress data-testid="hk-image-progress" value={progress.received} max={progress.total} />
        </label>
      )}
      {!check.ok && <p class="hk-warning" data-testid="hk-length-warning" role="note">{check.warning}</p>}
      <div class="hk-actions">
        {canInsert && (
          <button data-testid="hk-insert" type="button" class="hk-primary" onClick={trusted(() => actions.insert(card, line))}>
            {i18n.t('card.insert')}
          </button>
        )}
        {canInsert && card.quoteUrl && (
          <button data-testid="hk-quote" type="button" onClick={trusted(() => actions.quote(card, line))}>
            {i18n.t('card.quote')}
          </button>
        )}
        <button data-testid="hk-copy" type="button" class={canInsert ? undefined : 'hk-primary'} onClick={trusted(() => actions.copy({ ...card, text: withFirstLine(line, card.text) }))}>
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
