// Background service worker: wires browser events to the sync engine and the message handlers.
import { browser } from 'wxt/browser';
import { createBackgroundService } from '@/utils/background-service';
import { openDb } from '@/utils/db';
import { isMessage, LIBRARY_CHANGED, POST_PORT, type PostPortMessage } from '@/utils/messages';
import { SETTINGS_KEY } from '@/utils/settings';
import { loadSettings } from '@/utils/settings-store';

const SYNC_ALARM = 'hk-sync';
const UPLOAD_ALARM = 'hk-upload';

export default defineBackground(() => {
  const db = openDb();
  // Settings are read on every sidebar query; keep them until storage says they changed.
  let settings: ReturnType<typeof loadSettings> | undefined;
  const getSettings = () => (settings ??= loadSettings());
  const service = createBackgroundService({
    db,
    extensionId: browser.runtime.id,
    getSettings,
    notifyTab: (tabId) => browser.tabs.sendMessage(tabId, LIBRARY_CHANGED),
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
  void browser.alarms.get(UPLOAD_ALARM).then((alarm) => {
    if (!alarm) void browser.alarms.create(UPLOAD_ALARM, { periodInMinutes: 1 });
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) void service.requestSync();
    if (alarm.name === UPLOAD_ALARM) void service.requestUpload();
  });
  // Every time the worker starts: whatever the outbox holds goes out (a stopped worker loses nothing).
  void service.requestUpload();
  browser.storage.onChanged.addListener(async (changes, area) => {
    // Policy stores each field under its own key; the officer's settings live under `settings`.
    if (area === 'managed' || (area === 'local' && changes[SETTINGS_KEY])) {
      const before = settings ? await settings : undefined;
      settings = undefined;
      const after = await getSettings();
      if (after.libraryUrl !== before?.libraryUrl) void service.requestSync();
      if (after.reportUrl && after.reportUrl !== before?.reportUrl) void service.requestUpload();
    }
  });

  // A content script opens this port when the officer clicks Post. If its page goes away before it
  // confirms or cancels (the tab closed, the site navigated), the post most likely went out: log it.
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== POST_PORT) return;
    const sender = { id: port.sender?.id, tabId: port.sender?.tab?.id, fromExtensionPage: false };
    let intent: Extract<PostPortMessage, { type: 'intent' }> | undefined;
    let settled = false;
    let written: Promise<unknown> = Promise.resolve();
    const log = () => {
      if (!intent || settled) return;
      settled = true;
      const { token, text, account, pageUrl } = intent;
      written = service.handle({ type: 'log.post', token, text, account, pageUrl }, sender).catch(() => undefined);
    };
    port.onMessage.addListener((raw) => {
      const message = raw as PostPortMessage;
      if (message?.type === 'intent' && !intent) intent = message;
      else if (message?.type === 'confirm') log();
      else if (message?.type === 'cancel') settled = true;
      else if (message?.type === 'postUrl' && intent) {
        const { token } = intent;
        void written.then(() => service.handle({ type: 'log.postUrl', token, postUrl: String(message.postUrl) }, sender)).catch(() => undefined);
      }
    });
    port.onDisconnect.addListener(log);
  });

  browser.runtime.onMessage.addListener((message, sender) => {
    if (!isMessage(message)) return undefined;
    const fromExtensionPage = !!sender.url?.startsWith(browser.runtime.getURL('/'));
    return service
      .handle(message, { id: sender.id, tabId: sender.tab?.id, fromExtensionPage })
      .then((value) => ({ ok: true, value }), (err: unknown) => ({ ok: false, error: String((err as Error)?.message ?? err) }));
  });
});
