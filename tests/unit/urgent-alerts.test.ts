// Urgent content alerts: each urgent item once per version, not for the library's first sync, not
// for ordinary items or expired ones.
import { describe, expect, it } from 'vitest';
import { createBackgroundService } from '../../utils/background/background-service';
import { alertId, alertItem, alertTargets, highlightKey, type UrgentAlert } from '../../utils/background/urgent-alerts';
import type { LibraryView, Message } from '../../utils/shared/messages';
import { mergeSettings } from '../../utils/shared/settings';
import type { ContentItem } from '../../utils/shared/schema';
import { openDb } from '../../utils/storage/db';
import { memoryStore, useSampleLibrary } from '../support/background-harness';

const library = useSampleLibrary();

const item = (id: string, version: number, priority: 'urgent' | 'normal', expiresAt?: string): ContentItem => ({
  id, version, title: `[HOAKS] Judul ${id}`, program: 'Klarifikasi Hoaks', tags: [], kind: 'klarifikasi', priority, publishedAt: '2026-11-25T08:00:00+07:00',
  ...(expiresAt ? { expiresAt } : {}), captions: { default: 'Itu hoaks.' }, hashtags: ['LawanHoaks'], media: [],
});

describe('urgent alerts', () => {
  it('alerts each new or updated urgent item once, never for the first sync, ordinary or expired items', async () => {
    const alerts: UrgentAlert[] = [];
    const settings = mergeSettings({ libraryUrl: library.current.url }, {});
    const service = createBackgroundService({
      db: openDb('urgent-alerts'), extensionId: 'ext', getSettings: async () => settings, session: memoryStore(),
      now: () => new Date('2026-11-25T09:00:00Z'), alertUrgent: async (a) => void alerts.push(a),
    });
    // The sample library has an urgent counter-hoax: the first sync shows it in the sidebar, no alert.
    await service.requestSync();
    expect(alerts).toEqual([]);
    library.current.upsert(item('hoaks-baru', 1, 'urgent'));
    library.current.upsert(item('info-biasa', 1, 'normal'));
    library.current.upsert(item('hoaks-kedaluwarsa', 1, 'urgent', '2026-11-25T08:30:00Z'));
    await service.requestSync();
    expect(alerts).toEqual([{ itemId: 'hoaks-baru', version: 1, title: '[HOAKS] Judul hoaks-baru', program: 'Klarifikasi Hoaks' }]);
    await service.requestSync();
    expect(alerts).toHaveLength(1);
    library.current.upsert(item('hoaks-baru', 2, 'urgent'));
    await service.requestSync();
    expect(alerts.map((a) => [a.itemId, a.version])).toEqual([['hoaks-baru', 1], ['hoaks-baru', 2]]);
  });

  it('lists the alerted item first and marked in the compose tab the alert opened, and only there', async () => {
    const session = memoryStore();
    const settings = mergeSettings({ libraryUrl: library.current.url }, {});
    const service = createBackgroundService({ db: openDb('urgent-highlight'), extensionId: 'ext', getSettings: async () => settings, session, now: () => new Date('2026-11-25T09:00:00Z') });
    await service.requestSync();
    await session.set(highlightKey(7), 'tas-siaga-bencana');
    const query = (tabId: number) => service.handle({ type: 'library.query', query: { platform: 'x' } } as Message, { id: 'ext', tabId, fromExtensionPage: false }) as Promise<LibraryView>;
    const opened = await query(7);
    expect(opened.cards[0]).toMatchObject({ id: 'tas-siaga-bencana', highlighted: true });
    expect(opened.cards.filter((c) => c.highlighted)).toHaveLength(1);
    const other = await query(8);
    expect(other.cards.some((c) => c.highlighted)).toBe(false);
    expect(other.cards[0]?.id).not.toBe('tas-siaga-bencana');
    expect(other.cards.map((c) => c.id).sort()).toEqual(opened.cards.map((c) => c.id).sort());
  });

  it('opens the compose pages of X and Facebook from the two buttons and Instagram from the alert itself', () => {
    expect(alertTargets().map((n) => n.composeUrl)).toEqual(['https://x.com/compose/post', 'https://www.facebook.com/', 'https://www.instagram.com/']);
    expect(alertItem(alertId('hoaks-baru'))).toBe('hoaks-baru');
    expect(alertItem('lain')).toBeUndefined();
  });
});
