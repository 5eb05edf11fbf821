// The posting log as a virtual list: only the rows in view exist, so 100,000 entries stay smooth.
import { storedIdOfEntry } from '@/utils/shared/libraries';
import { i18n } from '#i18n';
import { useEffect, useState } from 'preact/hooks';
import { currentState, isUnverifiedChain, type StoredLogEntry } from '@/utils/shared/log-entry';
import { formatDateTime } from '@/utils/shared/locale';
import { networkName } from '@/utils/shared/networks';

const ROW_HEIGHT = 44;
const VIEW_ROWS = 15;
/** On a phone each entry is a card (components/page.css): taller, fewer in view. */
const NARROW = '(max-width: 640px)';
const CARD_HEIGHT = 132;
const VIEW_CARDS = 4;
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

/** An entry as the hub sends it carries its item's title; the extension's pages pass `titles`. */
type TitledEntry = StoredLogEntry & { itemTitle?: string };

/** Whether a media query matches, following changes (a phone turned, a window resized). */
function useMediaQuery(query: string): boolean {
  const [matches, setMatches] = useState(() => matchMedia(query).matches);
  useEffect(() => {
    const list = matchMedia(query);
    const changed = () => setMatches(list.matches);
    list.addEventListener('change', changed);
    changed();
    return () => list.removeEventListener('change', changed);
  }, [query]);
  return matches;
}

/**
 * `head` (the newest rows) shows at once; `source.total` arrives later and makes the whole list
 * scrollable. Counting 100,000 entries takes longer than the first screen may.
 */
export function LogTable({ source, head, withdrawn, titles }: { source: LogRows; head: StoredLogEntry[]; withdrawn: Set<string>; titles?: ReadonlyMap<string, string> }) {
  const [scrollTop, setScrollTop] = useState(0);
  const [rows, setRows] = useState<{ start: number; entries: StoredLogEntry[] }>({ start: 0, entries: [] });
  const cards = useMediaQuery(NARROW);
  const rowHeight = cards ? CARD_HEIGHT : ROW_HEIGHT;
  const viewRows = cards ? VIEW_CARDS : VIEW_ROWS;
  const total = source.total ?? head.length;
  const start = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const end = Math.min(total, start + viewRows + 2 * OVERSCAN);

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

  const entryAt = (index: number): TitledEntry | undefined => rows.entries[index - rows.start] ?? head[index];
  const label = (column: (typeof COLUMNS)[number]) => i18n.t(`dashboard.columns.${column}`);

  if (total === 0) return <p class="hk-empty">{i18n.t('dashboard.emptyLog')}</p>;
  return (
    <div class="hk-table" role="table" aria-label={i18n.t('dashboard.table')} aria-rowcount={total}>
      <div class="hk-row hk-head" role="row">
        {COLUMNS.map((column) => (
          <span role="columnheader">{label(column)}</span>
        ))}
      </div>
      {/* The scrolling boxes are a row group to assistive technology: the table's rows stay its rows. */}
      <div class="hk-scroll" role="rowgroup" style={{ height: `${Math.min(total, viewRows) * rowHeight}px` }} onScroll={(e) => setScrollTop((e.target as HTMLElement).scrollTop)} tabIndex={0}>
        <div role="presentation" style={{ height: `${total * rowHeight}px`, position: 'relative' }}>
          {Array.from({ length: end - start }, (_, i) => {
            const entry = entryAt(start + i);
            if (!entry) return null;
            const title = entry.itemTitle ?? titles?.get(storedIdOfEntry(entry));
            return (
              <div
                class={`hk-row${withdrawn.has(storedIdOfEntry(entry)) ? ' hk-withdrawn' : ''}`}
                role="row"
                data-testid="hk-log-row"
                data-log-id={entry.id}
                style={{ position: 'absolute', top: `${(start + i) * rowHeight}px`, height: `${rowHeight}px` }}
              >
                <span data-field="postedAt" data-value={entry.postedAt} role="cell">{formatDateTime(entry.postedAt)}</span>
                <span data-field="platform" data-value={entry.platform} role="cell">{networkName(entry.platform)}</span>
                {/* The title people know the item by; its id on hover (and the id alone for an item nobody here knows). */}
                <span data-field="itemId" data-value={entry.itemId} data-titled={title ? 'true' : undefined} role="cell" title={entry.itemId}>
                  {title ?? entry.itemId}
                  {withdrawn.has(storedIdOfEntry(entry)) && <strong class="hk-flag"> {i18n.t('dashboard.withdrawnFlag')}</strong>}
                </span>
                <span data-field="account" role="cell">{entry.account}</span>
                <span data-field="officerName" role="cell">
                  {entry.officerName}
                  {isUnverifiedChain(entry.chain) && <strong class="hk-flag" data-testid="hk-unverified"> {i18n.t('dashboard.unverifiedFlag')}</strong>}
                </span>
                <span data-field="edited" data-value={String(entry.edited)} data-label={label('edited')} role="cell">{i18n.t(entry.edited ? 'common.answerYes' : 'common.answerNo')}</span>
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
