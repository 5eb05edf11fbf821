// The approved-content sidebar shown beside a compose screen (inside the open shadow root).
import { i18n } from '#i18n';
import { useEffect, useRef, useState } from 'preact/hooks';
import { CONTENT_KINDS } from '@/utils/shared/library-terms';
import type { LengthCheck, LibraryCard, LibraryView } from '@/utils/shared/messages';
import { uiLocale } from '@/utils/shared/locale';
import { networkName, type Platform } from '@/utils/shared/networks';
import { SIDEBAR_WIDTH } from '@/utils/content/sidebar-placement';
import { ItemCard, trusted, type CardActions, type ImageProgress } from './ItemCard';

export interface SidebarApi {
  platform: Platform;
  /** `source`: one library's id ('' for all). */
  query(text: string, program: string, kind: string, limit: number, source?: string): Promise<LibraryView>;
  syncNow(): Promise<string>;
  /** Each action returns the sentence to show the officer; `firstLine` is the officer's own opening line. */
  insert(card: LibraryCard, firstLine: string): Promise<string>;
  quote(card: LibraryCard, firstLine: string): Promise<string>;
  check(card: LibraryCard, firstLine: string): Promise<LengthCheck>;
  copy(card: LibraryCard): Promise<string>;
  download(card: LibraryCard): Promise<string>;
  collapsed: boolean;
  setCollapsed(collapsed: boolean): void;
  /** The first page with no search or filter, if already at hand: drawn in the panel's first frame. */
  firstView?(): LibraryView | undefined;
  /** Calls back after each library sync; returns the unsubscribe function. */
  onLibraryChanged(listener: () => void): () => void;
  /** Sentences the content script says on its own (a caption inserted at a later step); returns the unsubscribe function. */
  onNotice(listener: (notice: string) => void): () => void;
  /** Download progress of an image the officer is waiting for (undefined: it ended); returns the unsubscribe function. */
  onProgress(listener: (itemId: string, progress: ImageProgress | undefined) => void): () => void;
}

/** Cards per page: replies stay small while the officer types; more on request. */
export const SIDEBAR_PAGE = 40;
const FIRST_CARD_SIGNAL = import.meta.env.MODE !== 'production';

/** `degraded`: the site's composer is not recognised, so cards offer copy and download only. */
export function Sidebar({ api, side, degraded = false }: { api: SidebarApi; side: 'left' | 'right'; degraded?: boolean }) {
  const [text, setText] = useState('');
  const [program, setProgram] = useState('');
  const [kind, setKind] = useState('');
  const [source, setSource] = useState('');
  const [view, setView] = useState<LibraryView>(() => api.firstView?.() ?? { cards: [], programs: [], status: i18n.t('sidebar.loadingLibrary') });
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const [generation, setGeneration] = useState(0);
  const [collapsed, setCollapsed] = useState(api.collapsed);
  const [limit, setLimit] = useState(SIDEBAR_PAGE);
  const panel = useRef<HTMLElement>(null);
  // Completion signal for the bench (development builds only): when the panel's first card has been
  // painted, its time on the page's clock. Preact runs effects after the next frame, i.e. once painted.
  useEffect(() => {
    const shown = panel.current;
    if (!FIRST_CARD_SIGNAL || !shown || !view.cards.length || shown.hasAttribute('data-hk-first-card-at')) return;
    shown.setAttribute('data-hk-first-card-at', String(performance.now()));
  }, [view, collapsed]);

  // Cards drawn from api.firstView() are only for the first frame: if the sidebar's own first query
  // fails, they go, and the error shows alone.
  const answered = useRef(false);
  useEffect(() => {
    let current = true;
    api.query(text, program, kind, limit, source).then(
      (next) => {
        if (!current) return;
        answered.current = true;
        setView(next);
      },
      (err) =>
        current &&
        setView((v) => ({ ...v, cards: answered.current ? v.cards : [], status: i18n.t('sidebar.libraryError', [String(err?.message ?? err)]) })),
    );
    return () => {
      current = false;
    };
  }, [text, program, kind, limit, generation, source]);
  useEffect(() => setLimit(SIDEBAR_PAGE), [text, program, kind, source]);
  useEffect(() => api.onLibraryChanged(() => setGeneration((g) => g + 1)), []);
  useEffect(() => api.onNotice(setNotice), []);
  const [progress, setProgress] = useState<Record<string, ImageProgress>>({});
  useEffect(
    () =>
      api.onProgress((itemId, next) =>
        setProgress((all) => {
          const { [itemId]: _previous, ...rest } = all;
          return next ? { ...rest, [itemId]: next } : rest;
        }),
      ),
    [],
  );

  const toggle = () => {
    setCollapsed(!collapsed);
    api.setCollapsed(!collapsed);
  };

  const syncNow = async () => {
    setBusy(true);
    try {
      await api.syncNow();
    } finally {
      setBusy(false);
      setGeneration((g) => g + 1);
    }
  };

  const run = (action: (card: LibraryCard, firstLine: string) => Promise<string>) => async (card: LibraryCard, firstLine = '') => {
    setNotice(i18n.t('sidebar.working'));
    setNotice(await action(card, firstLine).catch((err: Error) => i18n.t('common.failed', [err.message])));
  };
  const actions: CardActions = { insert: run(api.insert), quote: run(api.quote), copy: run(api.copy), download: run(api.download), check: api.check };

  if (collapsed) {
    return (
      <button type="button" class={`hk-tab hk-${side}`} aria-expanded="false" data-testid="hk-toggle" onClick={trusted(toggle)}>
        {i18n.t('app.name')}
      </button>
    );
  }

  return (
    <aside ref={panel} class={`hk-panel hk-${side}`} style={{ width: `${SIDEBAR_WIDTH}px` }} lang={uiLocale().slice(0, 2)} aria-label={i18n.t('sidebar.label')}>
      <header class="hk-header">
        <strong>{i18n.t('app.name')}</strong>
        <span class="hk-platform">{i18n.t('sidebar.forPlatform', [networkName(api.platform)])}</span>
        <button type="button" class="hk-collapse" aria-expanded="true" aria-label={i18n.t('sidebar.hide')} data-testid="hk-toggle" onClick={trusted(toggle)}>
          ⟩
        </button>
      </header>
      <div class="hk-controls">
        <input
          data-testid="hk-search"
          type="search"
          placeholder={i18n.t('sidebar.searchPlaceholder')}
          aria-label={i18n.t('sidebar.search')}
          value={text}
          onInput={(e) => setText((e.target as HTMLInputElement).value)}
        />
        <div class="hk-filters">
          <select aria-label={i18n.t('sidebar.program')} data-testid="hk-program" value={program} onChange={(e) => setProgram((e.target as HTMLSelectElement).value)}>
            <option value="">{i18n.t('sidebar.allPrograms')}</option>
            {view.programs.map((p) => <option value={p}>{p}</option>)}
          </select>
          <select aria-label={i18n.t('sidebar.kind')} data-testid="hk-kind" value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value)}>
            <option value="">{i18n.t('sidebar.allKinds')}</option>
            {CONTENT_KINDS.map((value) => <option value={value}>{i18n.t(`sidebar.kinds.${value}`)}</option>)}
          </select>
          {view.sources && (
            <select aria-label={i18n.t('libraries.source')} data-testid="hk-source" value={source} onChange={(e) => setSource((e.target as HTMLSelectElement).value)}>
              <option value="">{i18n.t('libraries.allSources')}</option>
              {view.sources.map((s) => <option value={s.id}>{s.label}</option>)}
            </select>
          )}
        </div>
      </div>
      <div class="hk-status-row">
        <span data-testid="hk-status" role="status">{view.status}</span>
        <button data-testid="hk-sync-now" type="button" disabled={busy} onClick={trusted(syncNow)}>
          {busy ? i18n.t('common.syncing') : i18n.t('common.syncNow')}
        </button>
      </div>
      {degraded && <p class="hk-warning" role="note" data-testid="hk-degraded">{i18n.t('sidebar.degraded')}</p>}
      {notice && <p class="hk-notice" role="alert" data-testid="hk-notice">{notice}</p>}
      <ul class="hk-list">
        {view.cards.map((card) => <ItemCard key={card.id} card={card} actions={actions} canInsert={!degraded} progress={progress[card.id]} />)}
        {view.cards.length === 0 && <li class="hk-empty">{i18n.t('sidebar.empty')}</li>}
        {view.cards.length === limit && (
          <li>
            <button type="button" data-testid="hk-more" onClick={trusted(() => setLimit(limit + SIDEBAR_PAGE))}>
              {i18n.t('sidebar.more')}
            </button>
          </li>
        )}
      </ul>
    </aside>
  );
}
