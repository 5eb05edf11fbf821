// The posting log as a virtual list: only the rows in view exist, so 100,000 entries stay smooth.
import { i18n } from '#i18n';
import { useEffect, useState } from 'preact/hooks';
import { currentState, isUnverifiedChain, type StoredLogEntry } from '@/utils/shared/log-entry';
import { formatDateTime } from '@/utils/shared/locale';
import { networkName } from '@/utils/shared/networks';

const ROW_HEIGHT = 44;
const VIEW_ROWS = 15;
const OVERSCAN = 5;
const COLUMNS = ['time', 'platform', 'item', 'account', 'officer', 'edited', 'status'] as const;

const markFirstRows = () => {
  if (!performance.getEntriesByName('hk-first-rows').length) performance.mark('hk-first-rows');
};

/** Where the table's rows come from: the extension's IndexedDB, or the hub's API. */
export interface LogRows {
  /** How many entries match; unknown while they are being counted. */
  total?: number;
  /** The entries at positions [start, end) of the newest-first list. */
  rowsAt(start: number, end: number): Promise<StoredLogEntry[]>;
}

/**
 * `head` (the newest rows) shows at once; `source.total` arrives later and makes the whole list
 * scrollable. Counting 100,000 entries takes longer than the first screen may.
 */
export function LogTable({ source, head, withdrawn }: { source: LogRows; head: StoredLogEntry[]; withdrawn: Set<string> }) {
  const [scrollTop, setScrollTop] = useState(0);
  const [rows, setRows] = useState<{ start: number; entries: StoredLogEntry[] }>({ start: 0, entries: [] });
  const total = source.total ?? head.length;
  const start = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const end = Math.min(total, start + VIEW_ROWS + 2 * OVERSCAN);

  useEffect(() => setScrollTop(0), [source]);
  useEffect(() => {
    if (source.total === undefined) return;
    let current = true;
    void source.rowsAt(start, end).then((entries) => {
      if (current) setRows({ start, entries });
    });
    return () => {
      current = false;
    };
  }, [source, start, end]);
  useEffect(() => {
    if (head.length) markFirstRows();
  }, [head]);

  const entryAt = (index: number) => rows.entries[index - rows.start] ?? head[index];

  if (total === 0) return <p class="hk-empty">{i18n.t('dashboard.emptyLog')}</p>;
  return (
    <div class="hk-table" role="table" aria-label={i18n.t('dashboard.table')} aria-rowcount={total}>
      <div class="hk-row hk-head" role="row">
        {COLUMNS.map((column) => (
          <span role="columnheader">{i18n.t(`dashboard.columns.${column}`)}</span>
        ))}
      </div>
      {/* The scrolling boxes are a row group to assistive technology: the table's rows stay its rows. */}
      <div class="hk-scroll" role="rowgroup" style={{ height: `${VIEW_ROWS * ROW_HEIGHT}px` }} onScroll={(e) => setScrollTop((e.target as HTMLElement).scrollTop)} tabIndex={0}>
        <div role="presentation" style={{ height: `${total * ROW_HEIGHT}px`, position: 'relative' }}>
          {Array.from({ length: end - start }, (_, i) => {
            const entry = entryAt(start + i);
            if (!entry) return null;
            return (
              <div
                class={`hk-row${withdrawn.has(entry.itemId) ? ' hk-withdrawn' : ''}`}
                role="row"
                data-testid="hk-log-row"
                data-log-id={entry.id}
                style={{ position: 'absolute', top: `${(start + i) * ROW_HEIGHT}px`, height: `${ROW_HEIGHT}px` }}
              >
                <span data-field="postedAt" data-value={entry.postedAt} role="cell">{formatDateTime(entry.postedAt)}</span>
                <span data-field="platform" data-value={entry.platform} role="cell">{networkName(entry.platform)}</span>
                <span data-field="itemId" role="cell" title={entry.text}>
                  {entry.itemId}
                  {withdrawn.has(entry.itemId) && <strong class="hk-flag"> {i18n.t('dashboard.withdrawnFlag')}</strong>}
                </span>
                <span data-field="account" role="cell">{entry.account}</span>
                <span data-field="officerName" role="cell">
                  {entry.officerName}
                  {isUnverifiedChain(entry.chain) && <strong class="hk-flag" data-testid="hk-unverified"> {i18n.t('dashboard.unverifiedFlag')}</strong>}
                </span>
                <span data-field="edited" data-value={String(entry.edited)} role="cell">{i18n.t(entry.edited ? 'common.answerYes' : 'common.answerNo')}</span>
                <StatusCell entry={entry} />
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

/** The post's latest status in words, and its link when the site showed one. */
function StatusCell({ entry }: { entry: StoredLogEntry }) {
  const { status, postUrl, scheduledFor } = currentState(entry);
  // A scheduled post whose time has passed: the site was to publish it, nobody has seen it published.
  const passed = status === 'scheduled' && !!scheduledFor && Date.parse(scheduledFor) <= Date.now();
  return (
    <span data-field="status" data-value={status} role="cell" class={`hk-status-${status}`} data-scheduled-for={scheduledFor}>
      {passed ? i18n.t('dashboard.scheduledPassed') : i18n.t(`dashboard.status.${status}`)}
      {scheduledFor && <> {i18n.t('dashboard.scheduledFor', [formatDateTime(scheduledFor)])}</>}
      {postUrl && /^https:\/\//.test(postUrl) && (
        <>
          {' '}
          <a href={postUrl} target="_blank" rel="noopener noreferrer">{i18n.t('dashboard.openPost')}</a>
        </>
      )}
    </span>
  );
}
