// Toolbar popup: sync state, posts today, pending uploads, withdrawn-content warnings with the
// take-down requests, the hoax report / content suggestion form (with a report endpoint), and the
// way to the dashboard and settings.
import { i18n } from '#i18n';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { getMeta, openDb } from '@/utils/storage/db';
import type { LastReport } from '@/utils/background/report-upload';
import { formatDateTime, formatNumber } from '@/utils/shared/locale';
import { postsToday, withdrawnFollowUp } from '@/utils/pages/log-query';
import { sendMessage } from '@/utils/shared/send-message';
import { loadSettings } from '@/utils/storage/settings-store';
import type { TodoItem } from '@/utils/shared/messages';
import type { DismissReason } from '@/utils/shared/log-entry';
import { UrgentTodo } from './UrgentTodo';
import { SuggestionForm } from './SuggestionForm';
import { TakedownRequests } from './TakedownRequests';
import { ReportProblems } from './ReportProblems';
import { reportProblems, type ReportProblems as Problems } from '@/utils/pages/report-problems';

interface Summary {
  today: number;
  pending?: number;
  lastReport?: LastReport;
  reports?: Problems;
  withdrawnPosts: number;
  todo: TodoItem[];
}

export function Popup() {
  const db = useMemo(() => openDb(), []);
  const [status, setStatus] = useState<{ status: string; libraryUrl: string; needsPermission: boolean }>();
  const [summary, setSummary] = useState<Summary>();
  const [busy, setBusy] = useState(false);
  const refresh = async () => {
    setStatus(await sendMessage('status.get', {}));
    const settings = await loadSettings();
    setSummary({
      today: await postsToday(db),
      pending: settings.reportUrl ? await db.outbox.count() : undefined,
      lastReport: settings.reportUrl ? await getMeta<LastReport>(db, 'lastReport') : undefined,
      reports: settings.reportUrl ? await reportProblems(db, settings.reportUrl) : undefined,
      withdrawnPosts: (await withdrawnFollowUp(db)).length,
      todo: await sendMessage('todo.list', {}),
    });
  };
  useEffect(() => void refresh(), []);

  const syncNow = async () => {
    setBusy(true);
    await sendMessage('library.syncNow', {}).finally(() => setBusy(false));
    await refresh();
  };

  const grant = async () => {
    if (!status) return;
    // Must run in the click handler: the browser asks the officer only on a user gesture.
    const granted = await browser.permissions.request({ origins: [`${new URL(status.libraryUrl).origin}/*`] });
    if (granted) await syncNow();
  };

  const dismiss = async (itemId: string, reason: DismissReason, note: string) => {
    await sendMessage('todo.dismiss', { itemId, reason, note });
    await refresh();
  };

  const open = (page: string) => void browser.tabs.create({ url: browser.runtime.getURL(page as '/dashboard.html') });

  return (
    <main class="hk-page hk-popup">
      <h1>{i18n.t('app.name')}</h1>
      <p data-testid="hk-status" role="status">{status?.status ?? i18n.t('common.loading')}</p>
      {status?.needsPermission && (
        <button type="button" data-testid="hk-grant" onClick={grant}>
          {i18n.t('popup.grant', [new URL(status.libraryUrl).host])}
        </button>
      )}
      <button type="button" data-testid="hk-sync-now" disabled={busy} onClick={syncNow}>
        {busy ? i18n.t('common.syncing') : i18n.t('common.syncNow')}
      </button>
      {summary && (
        <ul class="hk-summary">
          <li data-testid="hk-posts-today">{i18n.t('popup.postsToday', [formatNumber(summary.today)])}</li>
          {summary.pending !== undefined && <li data-testid="hk-pending">{i18n.t('popup.pending', [formatNumber(summary.pending)])}</li>}
          {summary.lastReport && <li data-testid="hk-last-report">{i18n.t('popup.lastReport', [formatDateTime(summary.lastReport.at)])}</li>}
          {summary.reports && <ReportProblems problems={summary.reports} />}
          {summary.withdrawnPosts > 0 && (
            <li data-testid="hk-withdrawn-warning" class="hk-alert" role="alert">
              {i18n.t('popup.withdrawn', [formatNumber(summary.withdrawnPosts)])}
            </li>
          )}
        </ul>
      )}
      {summary && <TakedownRequests refresh={summary} />}
      {summary && <UrgentTodo items={summary.todo} onDismiss={dismiss} />}
      {summary?.pending !== undefined && <SuggestionForm />}
      <nav class="hk-links">
        <button type="button" data-testid="hk-open-dashboard" onClick={() => open('/dashboard.html')}>{i18n.t('popup.dashboard')}</button>
        <button type="button" data-testid="hk-open-settings" onClick={() => void browser.runtime.openOptionsPage()}>{i18n.t('popup.settings')}</button>
      </nav>
    </main>
  );
}
