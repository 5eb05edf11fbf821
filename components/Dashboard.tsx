// The supervisor's view of the posting log: filters, virtual list, charts, chain check,
// CSV/JSON export, import from other officers, withdrawal follow-up and pending uploads.
import { i18n } from '#i18n';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { getMeta, isPostEntry, type HumasDb, type StoredLogEntry } from '@/utils/storage/db';
import type { LastReport } from '@/utils/background/report-upload';
import { checkChains, filteredKeys, logStats, newestEntries, withdrawnFollowUp, withdrawnIds, type LogFilter, type LogStats } from '@/utils/pages/log-query';
import { FIRST_ROWS } from '@/utils/pages/first-rows';
import { formatNumber } from '@/utils/shared/locale';
import { saveFile } from '@/utils/shared/save-file';
import { sendMessage } from '@/utils/shared/send-message';
import { LogCharts } from './BarChart';
import { AmplifyTable } from './AmplifyTable';
import { LogFilters } from './LogFilters';
import { WithdrawnFollowUp } from './WithdrawnFollowUp';
import { TakedownRequests } from './TakedownRequests';
import { LogTable, type LogRows } from './LogTable';

const download = (name: string, type: string, content: string) => saveFile(name, new Blob([content], { type }));

const today = () => new Date().toISOString().slice(0, 10);


/**
 * `firstRows`: the newest `FIRST_ROWS` entries without a filter, asked for before the first render
 * (entrypoints/dashboard/main.tsx), so IndexedDB opens and reads while the page is drawn.
 */
export function Dashboard({ db, firstRows }: { db: HumasDb; firstRows?: Promise<StoredLogEntry[]> }) {
  const prefetched = useRef(firstRows);
  const [filter, setFilter] = useState<LogFilter>({});
  const [keys, setKeys] = useState<number[] | undefined>();
  const [head, setHead] = useState<StoredLogEntry[] | undefined>();
  const [stats, setStats] = useState<LogStats>();
  const [withdrawn, setWithdrawn] = useState<Set<string>>(new Set());
  const [followUp, setFollowUp] = useState<StoredLogEntry[]>([]);
  const [titles, setTitles] = useState<Map<string, string>>();
  const [pending, setPending] = useState<number | undefined>();
  const [hubUrl, setHubUrl] = useState<string>();
  const [notice, setNotice] = useState('');
  const [generation, setGeneration] = useState(0);
  const set = (patch: Partial<LogFilter>) => setFilter((f) => ({ ...f, ...patch }));
  const rowSource = useMemo<LogRows>(
    () => ({
      total: keys?.length,
      rowsAt: async (start, end) => ((await db.log.bulkGet(keys?.slice(start, end) ?? [])) as (StoredLogEntry | undefined)[]).filter((e): e is StoredLogEntry => !!e && isPostEntry(e)),
    }),
    [keys],
  );

  // After an update that changes the CSV format (or over a log from a version without CSV blocks),
  // the blocks are written in the background once the figures are drawn: reading 100,000 entries
  // takes longer than an export may (see writeBlocks in utils/storage/csv-blocks-rebuild.ts), so an export
  // then writes only what is still missing. Once per page; an export stops it (it writes the rest).
  const csvPreparation = useRef<AbortController>();
  const prepareCsv = () => {
    if (csvPreparation.current) return;
    const controller = (csvPreparation.current = new AbortController());
    void import('@/utils/storage/csv-blocks-rebuild').then(async ({ prepareCsvBlocks }) => {
      performance.mark('hk-csv-prepare-start');
      const blocks = await prepareCsvBlocks(db, controller.signal);
      performance.measure('hk-csv-prepared', { start: 'hk-csv-prepare-start', detail: { blocks, stopped: controller.signal.aborted } });
    }).catch(() => {
      // Nothing lost: the export writes what is missing.
    });
  };

  // A layout effect: it starts before the first paint, so rows read by then are drawn at once
  // (a plain effect would attach only after the paint, ~30 ms later here).
  useLayoutEffect(() => {
    let current = true;
    // The newest rows first, then every key (for scrolling), then the charts (they read every entry).
    setKeys(undefined);
    // The first run is for no filter and nothing imported yet: what `firstRows` already read.
    const newest = prefetched.current ?? newestEntries(db, filter, FIRST_ROWS);
    prefetched.current = undefined;
    void newest.then(async (rows) => {
      if (!current) return;
      setHead(rows);
      const k = await filteredKeys(db, filter);
      if (!current) return;
      setKeys(k);
      setStats(await logStats(db, filter));
      performance.mark('hk-stats-ready');
      prepareCsv();
    });
    return () => {
      current = false;
    };
  }, [filter, generation]);

  // Titles in place of item ids, read once the figures are drawn: the first rows must not wait for the library.
  useEffect(() => {
    if (stats) void import('@/utils/pages/item-titles').then(({ itemTitles }) => itemTitles(db)).then(setTitles);
  }, [stats !== undefined, generation]);

  useEffect(() => {
    void withdrawnIds(db).then(setWithdrawn);
    void withdrawnFollowUp(db).then(setFollowUp);
    // Settings, CSV and JSON code load on demand: the first screen needs none of it.
    void import('@/utils/storage/settings-store').then(async ({ loadSettings }) => {
      const { reportUrl } = await loadSettings();
      setPending(reportUrl ? await db.outbox.count() : undefined);
      // The report server said it is a supervisor hub: its web view is one click away.
      const lastReport = await getMeta<LastReport>(db, 'lastReport');
      setHubUrl(reportUrl && lastReport?.hub && lastReport.reportUrl === reportUrl ? `${reportUrl}/` : undefined);
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
    csvPreparation.current?.abort();
    let shownAt = 0;
    const { csvFile } = await import('@/utils/pages/log-export');
    const { blob, rows } = await csvFile(db, filter, (read, posts) => {
      // A few times a second is enough to see it move; each notice is a render.
      if (performance.now() - shownAt < 150) return;
      shownAt = performance.now();
      setNotice(i18n.t('dashboard.exporting', [formatNumber(read), formatNumber(posts)]));
    });
    performance.measure('hk-csv-export', 'hk-csv-start');
    saveFile(`humas-kanal-posting-${today()}.csv`, blob);
    setNotice(i18n.t('dashboard.exported', [formatNumber(rows)]));
  };

  const exportAll = async () => {
    const { exportJson } = await import('@/utils/pages/log-export');
    download(`humas-kanal-log-${today()}.json`, 'application/json', JSON.stringify(await exportJson(db)));
  };

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    try {
      const { importJson } = await import('@/utils/pages/log-import');
      const report = await importJson(db, await file.text());
      // Each chain that is not signed throughout is named: broken (hash or signature) or unverified.
      const warnings = report.chains.flatMap((c) =>
        c.trust === 'broken'
          ? [i18n.t(c.reason === 'signature' ? 'dashboard.importBadSignature' : 'dashboard.importBroken', [c.id, String(c.check.firstBrokenId)])]
          : c.trust === 'unverified'
            ? [i18n.t('dashboard.importUnverified', [c.id])]
            : [],
      );
      setNotice(
        `${i18n.t('dashboard.imported', [formatNumber(report.added), formatNumber(report.duplicates)])} ` +
          (warnings.length ? warnings.join(' ') : i18n.t('dashboard.importIntact', [formatNumber(report.chains.length)])),
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
        {hubUrl && <a data-testid="hk-open-hub" href={hubUrl} target="_blank" rel="noopener noreferrer">{i18n.t('dashboard.openHub')}</a>}
      </header>

      <LogFilters filter={filter} set={set} programs={stats?.programs} officers={stats?.officers} />

      <section class="hk-actions-bar" aria-label={i18n.t('dashboard.actions')}>
        <span data-testid="hk-log-count">{keys === undefined ? i18n.t('dashboard.counting') : i18n.t('dashboard.entries', [formatNumber(keys.length)])}</span>
        <button type="button" data-testid="hk-chain-check" onClick={checkChain}>{i18n.t('dashboard.checkChain')}</button>
        <button type="button" data-testid="hk-export-csv" onClick={exportCsv}>{i18n.t('dashboard.exportCsv')}</button>
        <button type="button" data-testid="hk-export-json" onClick={exportAll}>{i18n.t('dashboard.exportJson')}</button>
        <label class="hk-file">{i18n.t('dashboard.importJson')} <input type="file" accept="application/json,.json" data-testid="hk-import" onChange={(e) => importFile((e.target as HTMLInputElement).files?.[0])} /></label>
      </section>
      {notice && <p class="hk-notice" role="status" data-testid="hk-dashboard-notice">{notice}</p>}

      <TakedownRequests />
      <WithdrawnFollowUp posts={followUp} />

      {/* The charts before the table: they stay on the first screen however long the log is. */}
      <LogCharts stats={stats} />
      {head && <LogTable source={rowSource} head={head} withdrawn={withdrawn} titles={titles} />}

      {stats && <AmplifyTable perProgram={stats.amplify.perProgram} perOfficer={stats.amplify.perOfficer} />}
    </main>
  );
}
