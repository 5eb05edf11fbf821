// Background service worker: wires browser events to the sync engine and the message handlers.
import { browser } from 'wxt/browser';
import { createBackgroundService } from '@/utils/background-service';
import { openDb } from '@/utils/db';
import { isMessage } from '@/utils/messages';
import { SETTINGS_KEY } from '@/utils/settings';
import { loadSettings } from '@/utils/settings-store';

const SYNC_ALARM = 'hk-sync';

export default defineBackground(() => {
  const db = openDb();
  // Settings are read on every sidebar query; keep them until storage says they changed.
  let settings: ReturnType<typeof loadSettings> | undefined;
  const getSettings = () => (settings ??= loadSettings());
  const service = createBackgroundService({
    db,
    extensionId: browser.runtime.id,
    getSettings,
    hasHostPermission: (url) => browser.permissions.contains({ origins: [`${new URL(url).origin}/*`] }),
    session: {
      get: async (key) => (await browser.storage.session.get(key))[key],
      set: (key, value) => (value === undefined ? browser.storage.session.remove(key) : browser.storage.session.set({ [key]: value })),
    },
  });

  browser.runtime.onInstalled.addListener(() => void service.requestSync());
  browser.runtime.onStartup.addListener(() => void service.requestSync());
  void browser.alarms.get(SYNC_ALARM).then((alarm) => {
    if (!alarm) void browser.alarms.create(SYNC_ALARM, { periodInMinutes: 15 });
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) void service.requestSync();
  });
  browser.storage.onChanged.addListener(async (changes, area) => {
    // Policy stores each field under its own key; the officer's settings live under `settings`.
    if (area === 'managed' || (area === 'local' && changes[SETTINGS_KEY])) {
      const before = settings ? (await settings).libraryUrl : undefined;
      settings = undefined;
      if ((await getSettings()).libraryUrl !== before) void service.requestSync();
    }
  });

  browser.runtime.onMessage.addListener((message, sender) => {
    if (!isMessage(message)) return undefined;
    const fromExtensionPage = !!sender.url?.startsWith(browser.runtime.getURL('/'));
    return service
      .handle(message, { id: sender.id, tabId: sender.tab?.id, fromExtensionPage })
      .then((value) => ({ ok: true, value }), (err: unknown) => ({ ok: false, error: String((err as Error)?.message ?? err) }));
  });
});
