// Coverage of one library item: who posted it, on which platforms, how fast after publication,
// and (what matters for an urgent counter-hoax) which officers have not posted it yet.
import { i18n } from '#i18n';
import { useEffect, useState } from 'preact/hooks';
import { formatDateTime, formatDuration, formatNumber } from '@/utils/shared/locale';
import { networkName } from '@/utils/shared/networks';
import { DISMISS_REASONS, type DismissReason } from '@/utils/shared/log-entry';
import type { Coverage as CoverageData } from '../coverage';
import { api } from './api';

type Item = { id: string; title: string; program: string; urgent: boolean; published_at: string; withdrawn_at: string | null };


/** The officer's reason in the supervisor's language (a reason from a newer extension: as sent). */
function dismissReason(reason: string): string {
  return (DISMISS_REASONS as readonly string[]).includes(reason) ? i18n.t(`popup.dismissReasons.${reason as DismissReason}`) : reason;
}

export function Coverage({ onError }: { onError: (err: unknown) => void }) {
  const [items, setItems] = useState<Item[]>([]);
  const [itemId, setItemId] = useState('');
  const [coverage, setCoverage] = useState<CoverageData>();

  useEffect(() => {
    api<Item[]>('/api/items').then((list) => {
      setItems(list);
      if (list[0]) setItemId(list[0].id);
    }, onError);
  }, []);
  useEffect(() => {
    if (itemId) api<CoverageData>(`/api/coverage/${encodeURIComponent(itemId)}`).then(setCoverage, onError);
  }, [itemId]);

  return (
    <section class="hk-coverage" data-testid="hub-coverage" aria-labelledby="hub-coverage-title">
      <h2 id="hub-coverage-title">{i18n.t('hub.coverage')}</h2>
      <label>{i18n.t('hub.chooseItem')}{' '}
        <select data-testid="hub-coverage-item" value={itemId} onChange={(e) => setItemId((e.target as HTMLSelectElement).value)}>
          {items.map((item) => <option value={item.id} title={item.id}>{item.urgent ? `${i18n.t('hub.urgent')} · ` : ''}{item.title}</option>)}
        </select>
      </label>
      {coverage && (
        <div data-item-id={coverage.item?.id}>
          <p data-testid="hub-coverage-summary">
            {i18n.t('hub.coverageSummary', [formatNumber(coverage.posts), formatNumber(coverage.officers.length), formatNumber(coverage.agencies.length)])}{' '}
            <span data-testid="hub-coverage-timing">
              {coverage.medianSeconds !== undefined ? i18n.t('hub.timing', [formatDuration(coverage.medianSeconds), formatDuration(coverage.p90Seconds ?? 0)]) : i18n.t('hub.noTiming')}
            </span>
          </p>
          <h3>{i18n.t('hub.postedBy')}</h3>
          <ul data-testid="hub-coverage-posted">
            {coverage.officers.map((o) => (
              <li data-officer={o.officer}>
                {o.officer} (<span title={o.agency}>{o.agencyName}</span>) · {o.platforms.map(networkName).join(', ')} · {i18n.t('hub.firstPost', [formatDateTime(o.firstPostAt)])}
                {o.secondsAfterPublication !== undefined && ` · ${i18n.t('hub.after', [formatDuration(o.secondsAfterPublication)])}`}
                {o.revokedPosts !== undefined && <strong class="hk-flag"> · {i18n.t('hub.installs.revokedMarker')}</strong>}
              </li>
            ))}
          </ul>
          <h3>{i18n.t('hub.notPosted')}</h3>
          {coverage.notPosted.length === 0 ? (
            <p>{i18n.t('hub.everyonePosted')}</p>
          ) : (
            <ul data-testid="hub-coverage-missing">
              {coverage.notPosted.map((o) => (
                <li data-officer={o.officer} data-dismissed={o.dismissed ? 'true' : undefined}>
                  {o.officer} (<span title={o.agency}>{o.agencyName}</span>)
                  {o.dismissed && ` · ${i18n.t('hub.dismissed', [dismissReason(o.dismissed.reason)])}${o.dismissed.note ? `: ${o.dismissed.note}` : ''}`}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
