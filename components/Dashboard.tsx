// The supervisor's view of the posting log: filters, virtual list, charts, chain check,
// CSV/JSON export, import from other officers, withdrawal follow-up and pending uploads.
import { i18n } from '#i18n';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { currentState, openDb, POST_STATUSES, type StoredLogEntry } from '@/utils/storage/db';
import { checkChains, filteredEntries, filteredKeys, logStats, newestEntries, withdrawnFollowUp, withdrawnIds, type LogFilter, type LogStats } from '@/utils/pages/log-query';
import { formatNumber } from '@/utils/shared/locale';
import { networkName, networks } from '@/utils/shared/networks';
import { saveFile } from '@/utils/shared/save-file';
import { sendMessage } from '@/utils/shared/send-message';
import { BarChart } from './BarChart';
import { LogTable } from './LogTable';

const download = (name: string, type: string, content: string) => saveFile(name, new Blob([content], { type }));

const today = () => new Date().toISOString().slice(0, 10);

export function Dashboard() {
  const db = useMemo(() => openDb(), []);
  const [filter, setFilter] = useState<LogFilter>({});
  const [keys, setKeys] = useState<number[] | undefined>();
  const [head, setHead] = useState<StoredLogEntry[] | undefined>();
  const [stats, setStats] = useState<LogStats>();
  const [withdrawn, setWithdrawn] = useState<Set<string>>(new Set());
  const [followUp, setFollowUp] = useState<StoredLogEntry[]>([]);
  const [pending, setPending] = useState<number | undefined>();
  const [notice, setNotice] = useState('');
  const [generation, setGeneration] = useState(0);
  const set = (patch: Partial<LogFilter>) => setFilter((f) => ({ ...f, ...patch }));

  useEffect(() => {
    let current = true;
    // The newest rows first, then every key (for scrolling), then the charts (they read every entry).
    setKeys(undefined);
    void newestEntries(db, filter, 40).then(async (rows) => {
      if (!current) return;
      setHead(rows);
      const k = await filteredKeys(db, filter);
      if (!current) return;
      setKeys(k);
      setStats(await logStats(db, filter));
      performance.mark('hk-stats-ready');
    });
    return () => {
      current = false;
    };
  }, [filter, generation]);

  useEffect(() => {
    void withdrawnIds(db).then(setWithdrawn);
    void withdrawnFollowUp(db).then(setFollowUp);
    // Settings, CSV and JSON code load on demand: the first screen needs none of it.
    void import('@/utils/storage/settings-store').then(async ({ loadSettings }) => {
      const { reportUrl } = await loadSettings();
      setPending(reportUrl ? await db.outbox.count() : undefined);
    });
  }, [generation]);


  const checkChain = async () => {
    setNotice(i18n.t('dashboard.checking'));
    const reports = await checkChains(db);
    const broken = reports.find((r) => !r.check.ok);
    const checked = reports.reduce((n, r) => n + r.check.checked, 0);
    setNotice(
      broken
        ? i18n.t('dashboard.chainBroken', [String(broken.check.firstBrokenId), broken.chain])
        : i18n.t('dashboard.chainIntact', [formatNumber(checked), formatNumber(reports.length)]),
    );
  };

  const exportCsv = async () => {
    performance.mark('hk-csv-start');
    const [{ toCsv }, entries] = await Promise.all([import('@/utils/pages/log-export'), filteredEntries(db, filter)]);
    const csv = toCsv(entries);
    performance.measure('hk-csv-export', 'hk-csv-start');
    download(`humas-kanal-posting-${today()}.csv`, 'text/csv;charset=utf-8', csv);
  };

  const exportAll = async () => {
    const { exportJson } = await import('@/utils/pages/log-export');
    download(`humas-kanal-log-${today()}.json`, 'application/json', JSON.stringify(await exportJson(db)));
  };

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    try {
      const { importJson } = await import('@/utils/pages/log-export');
      const report = await importJson(db, await file.text());
      const broken = report.chains.filter((c) => !c.check.ok);
      setNotice(
        `${i18n.t('dashboard.imported', [formatNumber(report.added), formatNumber(report.duplicates)])} ` +
          (broken.length
            ? broken.map((c) => i18n.t('dashboard.importBroken', [c.id, String(c.check.firstBrokenId)])).join(' ')
            : i18n.t('dashboard.importIntact', [formatNumber(report.chains.length)])),
      );
      setGeneration((g) => g + 1);
    } catch (err) {
      setNotice(i18n.t('dashboard.importFailed', [(err as Error).message.slice(0, 200)]));
    }
  };

  const uploadNow = async () => {
    setNotice(i18n.t('dashboard.sending'));
    const result = await sendMessage('report.uploadNow', {});
    setNotice(result.lastError ? i18n.t('dashboard.partlySent', [result.lastError]) : i18n.t('dashboard.sent'));
    setGeneration((g) => g + 1);
  };

  return (
    <main class="hk-page hk-dashboard">
      <header class="hk-dash-head">
        <h1>{i18n.t('dashboard.title')}</h1>
        {pending !== undefined && (
          <p data-testid="hk-pending">
            {i18n.t('dashboard.pending', [formatNumber(pending)])}{' '}
            {pending > 0 && <button type="button" data-testid="hk-send-now" onClick={uploadNow}>{i18n.t('dashboard.sendNow')}</button>}
          </p>
        )}
      </header>

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
            {stats?.programs.map((p) => <option value={p}>{p}</option>)}
          </select>
        </label>
        <label>{i18n.t('dashboard.officer')}
          <select data-testid="hk-filter-officer" value={filter.officer ?? ''} onChange={(e) => set({ officer: (e.target as HTMLSelectElement).value })}>
            <option value="">{i18n.t('common.all')}</option>
            {stats?.officers.map((o) => <option value={o}>{o || i18n.t('dashboard.noName')}</option>)}
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
        <label><input type="checkbox" data-testid="hk-filter-withdrawn" checked={!!filter.withdrawnOnly} onChange={(e) => set({ withdrawnOnly: (e.target as HTMLInputElement).checked })} /> {i18n.t('dashboard.withdrawnOnly')}</label>
      </section>

      <section class="hk-actions-bar" aria-label={i18n.t('dashboard.actions')}>
        <span data-testid="hk-log-count">{keys === undefined ? i18n.t('dashboard.counting') : i18n.t('dashboard.entries', [formatNumber(keys.length)])}</span>
        <button type="button" data-testid="hk-chain-check" onClick={checkChain}>{i18n.t('dashboard.checkChain')}</button>
        <button type="button" data-testid="hk-export-csv" onClick={exportCsv}>{i18n.t('dashboard.exportCsv')}</button>
        <button type="button" data-testid="hk-export-json" onClick={exportAll}>{i18n.t('dashboard.exportJson')}</button>
        <label class="hk-file">{i18n.t('dashboard.importJson')} <input type="file" accept="application/json,.json" data-testid="hk-import" onChange={(e) => importFile((e.target as HTMLInputElement).files?.[0])} /></label>
      </section>
      {notice && <p class="hk-notice" role="status" data-testid="hk-dashboard-notice">{notice}</p>}

      {followUp.length > 0 && (
        <section class="hk-followup" data-testid="hk-withdrawn-followup" aria-label={i18n.t('dashboard.followUpLabel')}>
          <h2>{i18n.t('dashboard.followUp', [formatNumber(followUp.length)])}</h2>
          <ul>
            {followUp.slice(0, 100).map((e) => {
              const { postUrl } = currentState(e);
              return (
                <li data-log-id={e.id}>
                  {e.itemId} · {networkName(e.platform)} · {e.officerName} ·{' '}
                  {postUrl && /^https:\/\//.test(postUrl) ? <a href={postUrl} target="_blank" rel="noreferrer noopener">{postUrl}</a> : i18n.t('dashboard.unknownUrl')}
                </li>
              );
            })}
          </ul>
        </section>
      )}

      {head && <LogTable db={db} keys={keys} head={head} withdrawn={withdrawn} />}

      <section class="hk-charts" aria-label={i18n.t('dashboard.charts')}>
        <BarChart title={i18n.t('dashboard.perDay')} data={stats?.perDay ?? []} />
        <BarChart title={i18n.t('dashboard.perPlatform')} data={(stats?.perPlatform ?? []).map(([k, v]) => [networkName(k), v])} />
        <BarChart title={i18n.t('dashboard.perProgram')} data={stats?.perProgram ?? []} />
      </section>
    </main>
  );
}
