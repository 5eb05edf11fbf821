// The approved-content sidebar shown beside a compose screen (inside the open shadow root).
import { useEffect, useState } from 'preact/hooks';
import type { LibraryCard } from '@/utils/library-query';
import type { LibraryView } from '@/utils/messages';
import type { Platform } from '@/utils/schema';
import { ItemCard } from './ItemCard';

export interface SidebarApi {
  platform: Platform;
  query(text: string, program: string, kind: string): Promise<LibraryView>;
  syncNow(): Promise<string>;
  insert(card: LibraryCard): Promise<string>;
}

const KINDS: [string, string][] = [['', 'Semua jenis'], ['infografis', 'Infografis'], ['berita', 'Berita'], ['klarifikasi', 'Klarifikasi'], ['video', 'Video']];
const PLATFORM_NAMES: Record<Platform, string> = { x: 'X', facebook: 'Facebook', instagram: 'Instagram' };

export function Sidebar({ api, side }: { api: SidebarApi; side: 'left' | 'right' }) {
  const [text, setText] = useState('');
  const [program, setProgram] = useState('');
  const [kind, setKind] = useState('');
  const [view, setView] = useState<LibraryView>({ cards: [], programs: [], status: 'Memuat pustaka…' });
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let current = true;
    api.query(text, program, kind).then(
      (next) => current && setView(next),
      (err) => current && setView((v) => ({ ...v, status: `Pustaka tidak dapat dibuka: ${String(err?.message ?? err)}` })),
    );
    return () => {
      current = false;
    };
  }, [text, program, kind, generation]);

  const syncNow = async () => {
    setBusy(true);
    try {
      await api.syncNow();
    } finally {
      setBusy(false);
      setGeneration((g) => g + 1);
    }
  };

  const insert = async (card: LibraryCard) => {
    setNotice('Menyisipkan…');
    setNotice(await api.insert(card));
  };

  return (
    <aside class={`hk-panel hk-${side}`} aria-label="Humas Kanal: konten resmi">
      <header class="hk-header">
        <strong>Humas Kanal</strong>
        <span class="hk-platform">untuk {PLATFORM_NAMES[api.platform]}</span>
      </header>
      <div class="hk-controls">
        <input
          data-testid="hk-search"
          type="search"
          placeholder="Cari konten resmi…"
          aria-label="Cari konten resmi"
          value={text}
          onInput={(e) => setText((e.target as HTMLInputElement).value)}
        />
        <div class="hk-filters">
          <select aria-label="Program" value={program} onChange={(e) => setProgram((e.target as HTMLSelectElement).value)}>
            <option value="">Semua program</option>
            {view.programs.map((p) => <option value={p}>{p}</option>)}
          </select>
          <select aria-label="Jenis" value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value)}>
            {KINDS.map(([value, label]) => <option value={value}>{label}</option>)}
          </select>
        </div>
      </div>
      <div class="hk-status-row">
        <span data-testid="hk-status" role="status">{view.status}</span>
        <button data-testid="hk-sync-now" type="button" disabled={busy} onClick={syncNow}>
          {busy ? 'Menyinkronkan…' : 'Sinkronkan sekarang'}
        </button>
      </div>
      {notice && <p class="hk-notice" role="alert">{notice}</p>}
      <ul class="hk-list">
        {view.cards.map((card) => <ItemCard key={card.id} card={card} onInsert={insert} />)}
        {view.cards.length === 0 && <li class="hk-empty">Tidak ada konten yang cocok.</li>}
      </ul>
    </aside>
  );
}
