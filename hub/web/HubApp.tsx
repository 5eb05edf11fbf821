// The supervisors' web app: sign-in, then every officer's posts in scope with the extension's own
// filters, table and charts (an API source instead of IndexedDB), coverage of an item, the
// withdrawal follow-up, officers' devices, and per-agency totals for national supervisors.
import { i18n } from '#i18n';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { LogCharts } from '@/components/BarChart';
import { LogFilters } from '@/components/LogFilters';
import { LogTable, type LogRows } from '@/components/LogTable';
import { WithdrawnFollowUp } from '@/components/WithdrawnFollowUp';
import type { StoredLogEntry } from '@/utils/shared/log-entry';
import { formatDate, formatNumber } from '@/utils/shared/locale';
import type { Supervisor } from '../accounts';
import type { PostStats } from '../queries';
import { api, filterQuery, LoginNeeded, type HubFilter } from './api';
import { Coverage } from './Coverage';
import { Installs, withRevokedMarker } from './Installs';
import { SiteProblems } from './SiteProblems';

const REFUSAL_REASONS = ['format', 'signature', 'hash', 'officer', 'revoked', 'time', 'chain'] as const;
/** Why the hub refused an officer's entries, in the supervisor's words. */
const refusalReason = (reason: string) => ((REFUSAL_REASONS as readonly string[]).includes(reason) ? i18n.t(`hub.refusalReason.${reason as (typeof REFUSAL_REASONS)[number]}`) : reason);
import { chooseLanguage, pageLanguage } from './i18n';
import { LoginForm } from './LoginForm';

export function HubApp() {
  const [supervisor, setSupervisor] = useState<Supervisor | null | undefined>();
  const [error, setError] = useState('');
  const onError = (err: unknown) => (err instanceof LoginNeeded ? setSupervisor(null) : setError(i18n.t('hub.unavailable')));

  useEffect(() => {
    api<{ supervisor: Supervisor }>('/api/me').then((me) => setSupervisor(me.supervisor), onError);
  }, []);

  const logout = async () => {
    await api('/api/logout', { method: 'POST' }).catch(() => undefined);
    setSupervisor(null);
  };
  const other = pageLanguage() === 'id' ? 'en' : 'id';
  return (
    <main class="hk-page hk-dashboard hk-hub">
      <header class="hk-dash-head">
        <h1>{i18n.t('hub.title')}</h1>
        <p>
          {supervisor && <span data-testid="hub-scope">{supervisor.username} · {supervisor.role === 'national' ? i18n.t('hub.national') : i18n.t('hub.agencyScope', [supervisor.agencyName ?? supervisor.agencyId ?? ''])} </span>}
          <button type="button" lang={other} onClick={() => chooseLanguage(other)}>{i18n.t('hub.language')}</button>{' '}
          {supervisor && <a href="/desk" data-testid="hub-desk">{i18n.t('hub.desk')}</a>}{' '}
          {supervisor && <button type="button" data-testid="hub-logout" onClick={logout}>{i18n.t('hub.logout')}</button>}
        </p>
      </header>
      {error && <p class="hk-notice" role="alert">{error}</p>}
      {supervisor === null && <LoginForm onLogin={(s) => { setError(''); setSupervisor(s); }} />}
      {supervisor && <SupervisorViews supervisor={supervisor} onError={onError} />}
    </main>
  );
}

function SupervisorViews({ supervisor, onError }: { supervisor: Supervisor; onError: (err: unknown) => void }) {
  const [filter, setFilter] = useState<HubFilter>({});
  const [head, setHead] = useState<StoredLogEntry[]>();
  const [total, setTotal] = useState<number>();
  const [stats, setStats] = useState<PostStats>();
  const [withdrawn, setWithdrawn] = useState<(StoredLogEntry & { title: string; correctedIn?: number })[]>([]);
  const [totals, setTotals] = useState<{ name: string; day: string; posts: number }[]>([]);
  const query = filterQuery(filter);
  const set = (patch: Partial<HubFilter>) => setFilter((f) => ({ ...f, ...patch }));

  useEffect(() => {
    let current = true;
    setTotal(undefined);
    // The newest rows first, then the count (it reads every matching row), as the extension's dashboard does.
    api<{ rows: StoredLogEntry[] }>(`/api/posts?${query}&offset=0&limit=40`)
      .then((page) => {
        if (!current) return;
        setHead(withRevokedMarker(page.rows));
        return api<{ total: number }>(`/api/posts/count?${query}`).then((count) => current && setTotal(count.total));
      })
      .catch(onError);
    api<PostStats>(`/api/stats?${query}`).then((s) => current && setStats(s), onError);
    return () => {
      current = false;
    };
  }, [query]);
  useEffect(() => {
    api<(StoredLogEntry & { title: string; correctedIn?: number })[]>('/api/withdrawn').then(setWithdrawn, onError);
    if (supervisor.role === 'national') api<{ name: string; day: string; posts: number }[]>('/api/agency-totals').then(setTotals, onError);
  }, []);

  const source = useMemo<LogRows>(
    () => ({ total, rowsAt: (start, end) => api<{ rows: StoredLogEntry[] }>(`/api/posts?${query}&offset=${start}&limit=${end - start}`).then((page) => withRevokedMarker(page.rows)) }),
    [total, query],
  );
  // Posts of a corrected item that asks for take-downs are followed up too, but the item is not withdrawn.
  const withdrawnIds = useMemo(() => new Set(withdrawn.filter((p) => !p.correctedIn).map((p) => p.itemId)), [withdrawn]);

  return (
    <>
      <SiteProblems onError={onError} />
      <h2>{i18n.t('hub.posts')}</h2>
      <LogFilters filter={filter} set={set} programs={stats?.programs} officers={stats?.officers}>
        {supervisor.role === 'national' && (
          <label>{i18n.t('hub.agency')}
            <select data-testid="hub-filter-agency" value={filter.agency ?? ''} onChange={(e) => set({ agency: (e.target as HTMLSelectElement).value })}>
              <option value="">{i18n.t('common.all')}</option>
              {stats?.agencies.map(([id, name]) => <option value={id}>{name}</option>)}
            </select>
          </label>
        )}
      </LogFilters>
      <section class="hk-actions-bar" aria-label={i18n.t('dashboard.actions')}>
        <span data-testid="hk-log-count">{total === undefined ? i18n.t('dashboard.counting') : i18n.t('dashboard.entries', [formatNumber(total)])}</span>
        <a class="hk-button" data-testid="hk-export-csv" href={`/api/export.csv?${query}`} download>{i18n.t('dashboard.exportCsv')}</a>
        {stats && <span data-testid="hub-chain-status">{i18n.t('hub.chainVerified', [formatNumber(stats.refused)])}</span>}
        {stats && stats.refusals.length > 0 && (
          <ul data-testid="hub-refusals" class="hk-alert">
            {stats.refusals.map((r) => <li>{i18n.t('hub.refusal', [r.officer, refusalReason(r.reason), formatNumber(r.n)])}</li>)}
          </ul>
        )}
      </section>
      {/* Charts and coverage first: what a supervisor looks for sits on the first screen, the table below it. */}
      <LogCharts stats={stats} />
      <Coverage onError={onError} />
      {head && <LogTable source={source} head={head} withdrawn={withdrawnIds} />}
      <WithdrawnFollowUp posts={withdrawn} />
      <Installs supervisor={supervisor} onError={onError} />
      {totals.length > 0 && (
        <section data-testid="hub-agency-totals" aria-label={i18n.t('hub.agencyTotals')}>
          <h2>{i18n.t('hub.agencyTotals')}</h2>
          <table class="hk-simple-table hk-cards">
            <thead><tr><th scope="col">{i18n.t('hub.day')}</th><th scope="col">{i18n.t('hub.agency')}</th><th scope="col">{i18n.t('hub.count')}</th></tr></thead>
            <tbody>{totals.map((t) => <tr><td data-label={i18n.t('hub.day')} data-day={t.day}>{formatDate(`${t.day}T12:00:00`)}</td><td data-label={i18n.t('hub.agency')}>{t.name}</td><td data-label={i18n.t('hub.count')}>{formatNumber(t.posts)}</td></tr>)}</tbody>
          </table>
        </section>
      )}
    </>
  );
}
