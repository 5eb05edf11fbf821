// One library item in the sidebar: what it is and the caption exactly as it will be inserted.
import type { LibraryCard } from '@/utils/library-query';

const dateFormat = new Intl.DateTimeFormat('id-ID', { dateStyle: 'medium' });

export function ItemCard({ card, onInsert }: { card: LibraryCard; onInsert: (card: LibraryCard) => void }) {
  return (
    <li class={`hk-card${card.urgent ? ' hk-urgent' : ''}`} data-testid="hk-item" data-item-id={card.id}>
      <div class="hk-card-head">
        {card.urgent && <span class="hk-badge">Mendesak</span>}
        <span class="hk-program">{card.program}</span>
      </div>
      <h3 class="hk-title">{card.title}</h3>
      <p class="hk-preview">{card.text}</p>
      <p class="hk-meta">
        {card.media.length > 0 ? 'Dengan gambar' : 'Tanpa gambar'}
        {card.expiresAt && ` · berlaku s.d. ${dateFormat.format(new Date(card.expiresAt))}`}
      </p>
      <button data-testid="hk-insert" type="button" class="hk-primary" onClick={() => onInsert(card)}>
        Sisipkan
      </button>
    </li>
  );
}
