// The posting log's filter bar, shared by the extension's dashboard and the supervisor hub.
import { i18n } from '#i18n';
import type { ComponentChildren } from 'preact';
import type { LogFilter } from '@/utils/pages/log-query';
import { POST_STATUSES } from '@/utils/shared/log-entry';
import { networks } from '@/utils/shared/networks';

export function LogFilters({ filter, set, programs, officers, children }: {
  filter: LogFilter;
  set: (patch: Partial<LogFilter>) => void;
  programs?: string[];
  officers?: string[];
  /** More filters of the page (the hub's agency). */
  children?: ComponentChildren;
}) {
  return (
    <section class="hk-filters-bar" aria-label={i18n.t('dashboard.filters')}>
      <label>{i18n.t('dashboard.from')} <input type="date" data-testid="hk-filter-from" value={filter.from ?? ''} onInput={(e) => set({ from: (e.target as HTMLInputElement).value || undefined })} /></label>
      <label>{i18n.t('dashboard.to')} <input type="date" data-testid="hk-filter-to" value={filter.to ?? ''} onInput={(e) => set({ to: (e.target as HTMLInputElement).value || undefined })} /></label>
      <label>{i18n.t('dashboard.platform')}
        <select data-testid="hk-filter-platform" value={filter.platform ?? ''} onChange={(e) => set({ platform: (e.target as HTMLSelectElement).value as LogFilter['platform'] })}>
          <option value="">{i18n.t('common.all')}</option>
          {networks().map((n) => <option value={n.id}>{n.name}</option>)}
        </select>
      </label>
      <label>{i18n.t('dashboard.program')}
        <select data-testid="hk-filter-program" value={filter.program ?? ''} onChange={(e) => set({ program: (e.target as HTMLSelectElement).value })}>
          <option value="">{i18n.t('common.all')}</option>
          {programs?.map((p) => <option value={p}>{p}</option>)}
        </select>
      </label>
      <label>{i18n.t('dashboard.officer')}
        <select data-testid="hk-filter-officer" value={filter.officer ?? ''} onChange={(e) => set({ officer: (e.target as HTMLSelectElement).value })}>
          <option value="">{i18n.t('common.all')}</option>
          {officers?.map((o) => <option value={o}>{o || i18n.t('dashboard.noName')}</option>)}
        </select>
      </label>
      <label>{i18n.t('dashboard.edited')}
        <select data-testid="hk-filter-edited" value={filter.edited ?? ''} onChange={(e) => set({ edited: (e.target as HTMLSelectElement).value as LogFilter['edited'] })}>
          <option value="">{i18n.t('common.all')}</option>
          <option value="yes">{i18n.t('common.answerYes')}</option>
          <option value="no">{i18n.t('common.answerNo')}</option>
        </select>
      </label>
      <label>{i18n.t('dashboard.statusFilter')}
        <select data-testid="hk-filter-status" value={filter.status ?? ''} onChange={(e) => set({ status: (e.target as HTMLSelectElement).value as LogFilter['status'] })}>
          <option value="">{i18n.t('common.all')}</option>
          {POST_STATUSES.map((status) => <option value={status}>{i18n.t(`dashboard.status.${status}`)}</option>)}
        </select>
      </label>
      {children}
      <label><input type="checkbox" data-testid="hk-filter-withdrawn" checked={!!filter.withdrawnOnly} onChange={(e) => set({ withdrawnOnly: (e.target as HTMLInputElement).checked })} /> {i18n.t('dashboard.withdrawnOnly')}</label>
    </section>
  );
}
