// Background service worker: wires browser events to the sync engine and the message handlers.
import { prepareCsvBlocks } from '../utils/storage/csv-blocks-rebuild';
import { browser, type Browser } from 'wxt/browser';
import { createBackgroundService, FULL_SYNC_MINUTES } from '@/utils/background/background-service';
import { installIdentity } from '@/utils/background/install-identity';
import { NEWS_CHECK_MINUTES } from '@/utils/background/news-check';
import { alertId, alertItem, alertTargets, highlightKey, type UrgentAlert } from '@/utils/background/urgent-alerts';
import type { TakedownAlert } from '@/utils/background/takedown';
import { i18n } from '#i18n';
import { openDb } from '@/utils/storage/db';
import { isMessage, LIBRARY_CHANGED, POST_PORT, REQUEST_PORT, type Message, type PortRequest, type Reply } from '@/utils/shared/messages';
import { SETTINGS_KEY } from '@/utils/shared/settings';
import { loadSettings } from '@/utils/storage/settings-store';

const SYNC_ALARM = 'hk-sync';
const UPLOAD_ALARM = 'hk-upload';
/** The one-minute check for news (utils/background/news-check.ts). */
const NEWS_ALARM = 'hk-news';

/** Chrome shows at most two buttons on a notification; Firefox shows none. */
const ALERT_BUTTONS = 2;
/** Alerts shown without buttons (Firefox): a click on them opens the first network, not the one after the buttons. */
const alertsWithoutButtons = new Set<string>();

async function showUrgentAlert(alert: UrgentAlert): Promise<void> {
  const targets = alertTargets();
  const options = {
    type: 'basic' as const,
    iconUrl: browser.runtime.getURL('/icon-128.png'),
    title: i18n.t('alerts.title', [alert.title]),
    message: alert.source ? i18n.t('libraries.alertMessage', [alert.program, alert.source]) : i18n.t('alerts.message', [alert.program]),
    contextMessage: targets[ALERT_BUTTONS] ? i18n.t('alerts.clickFor', [targets[ALERT_BUTTONS].name]) : undefined,
    priority: 2,
    requireInteraction: true,
    buttons: targets.slice(0, ALERT_BUTTONS).map((n) => ({ title: i18n.t('alerts.open', [n.name]) })),
  };
  try {
    await browser.notifications.create(alertId(alert.itemId), options);
  } catch {
    // Firefox has no buttons (nor requireInteraction): the alert itself opens a compose page there.
    const { buttons: _buttons, requireInteraction: _sticky, ...plain } = options;
    alertsWithoutButtons.add(alertId(alert.itemId));
    await browser.notifications.create(alertId(alert.itemId), { ...plain, contextMessage: undefined });
  }
}

/** Take-down requests (utils/background/takedown.ts): a click opens the dashboard, where each post has its link and answers. */
const TAKEDOWN_ALERT = 'hk-takedown:';
async function showTakedownAlert(alert: TakedownAlert): Promise<void> {
  await browser.notifications.create(TAKEDOWN_ALERT + alert.itemId, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon-128.png'),
    title: i18n.t(alert.cause === 'corrected' ? 'takedown.notifyCorrectedTitle' : 'takedown.notifyTitle', [alert.title]),
    message: i18n.t('takedown.notifyMessage', [String(alert.posts)]),
    priority: 2,
  });
}

async function openCompose(url: string | undefined, notificationId: string): Promise<void> {
  await browser.notifications.clear(notificationId);
  const itemId = alertItem(notificationId);
  if (!url || !itemId) return;
  // The tab is known before its page loads, so its sidebar's first query already lists the item first.
  const tab = await browser.tabs.create({ url: 'about:blank' });
  if (tab.id === undefined) return;
  await browser.storage.session.set({ [highlightKey(tab.id)]: itemId });
  await browser.tabs.update(tab.id, { url });
}

/** The toolbar badge: how many urgent items are still to post (MV2 Firefox calls the toolbar button browserAction). */
async function showTodoCount(count: number): Promise<void> {
  const action = browser.action ?? browser.browserAction;
  await action.setBadgeBackgroundColor({ color: '#b3261e' });
  await action.setBadgeText({ text: count > 0 ? String(count) : '' });
  await action.setTitle({ title: count > 0 ? i18n.t('alerts.badge', [String(count)]) : i18n.t('app.name') });
}

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
    alertUrgent: showUrgentAlert,
    alertTakedown: showTakedownAlert,
    showTodoCount,
    // Chromium tells workers when the officer turned on the browser's data saver (Lite mode).
    browserSaveData: () => Boolean((navigator as Navigator & { connection?: { saveData?: boolean } }).connection?.saveData),
    hasHostPermission: (url) => browser.permissions.contains({ origins: [`${new URL(url).origin}/*`] }),
    session: {
      get: async (key) => (await browser.storage.session.get(key))[key],
      set: (key, value) => (value === undefined ? browser.storage.session.remove(key) : browser.storage.session.set({ [key]: value })),
    },
  });

  browser.runtime.onInstalled.addListener(({ reason }) => {
    void service.requestSync();
    // An update may change how CSV lines are written: the blocks are rewritten now, a few per
    // transaction, so the supervisor's first export after it does not have to (csv-blocks-rebuild.ts).
    if (reason === 'update') void prepareCsvBlocks(db).catch(() => undefined);
  });
  browser.runtime.onStartup.addListener(() => void service.requestSync());
  void browser.alarms.get(SYNC_ALARM).then((alarm) => {
    if (!alarm) void browser.alarms.create(SYNC_ALARM, { periodInMinutes: FULL_SYNC_MINUTES });
  });
  void browser.alarms.get(UPLOAD_ALARM).then((alarm) => {
    if (!alarm) void browser.alarms.create(UPLOAD_ALARM, { periodInMinutes: 1 });
  });
  void browser.alarms.get(NEWS_ALARM).then((alarm) => {
    if (!alarm) void browser.alarms.create(NEWS_ALARM, { periodInMinutes: NEWS_CHECK_MINUTES });
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) void service.syncUnlessRecent();
    if (alarm.name === UPLOAD_ALARM) void service.requestUpload();
    // Each minute the to-do is recounted too: urgent items expire.
    if (alarm.name === NEWS_ALARM) void service.checkForNews().finally(() => service.refreshTodo());
  });
  // The install's signing key exists from the first start (made once, kept in IndexedDB).
  void installIdentity(db);
  // Every time the worker starts: whatever the outbox holds goes out (a stopped worker loses nothing).
  void service.requestUpload();
  void service.refreshTodo();
  browser.storage.onChanged.addListener(async (changes, area) => {
    // Policy stores each field under its own key; the officer's settings live under `settings`.
    if (area === 'managed' || (area === 'local' && changes[SETTINGS_KEY])) {
      const before = settings ? await settings : undefined;
      settings = undefined;
      const after = await getSettings();
      // Turning data saver off downloads the images now, not at the next sync.
      const librariesChanged = JSON.stringify(after.libraries) !== JSON.stringify(before?.libraries);
      if (after.libraryUrl !== before?.libraryUrl || librariesChanged || (before && after.dataSaver !== before.dataSaver)) void service.requestSync();
      if (after.reportUrl && after.reportUrl !== before?.reportUrl) void service.requestUpload();
      void service.refreshTodo(); // muted programmes and alert policy decide what the badge counts
    }
  });

  // An alert's buttons open the first networks' compose pages; a click on the alert itself opens the next
  // one (or the first, where the alert has no buttons).
  // (Firefox has no notification buttons, nor this event.)
  browser.notifications.onButtonClicked?.addListener((id, index) => {
    if (alertItem(id)) void openCompose(alertTargets()[index]?.composeUrl, id);
  });
  browser.notifications.onClicked.addListener((id) => {
    if (id.startsWith(TAKEDOWN_ALERT)) {
      void browser.notifications.clear(id);
      void browser.tabs.create({ url: browser.runtime.getURL('/dashboard.html') });
      return;
    }
    if (!alertItem(id)) return;
    const targets = alertTargets();
    void openCompose((alertsWithoutButtons.has(id) ? targets[0] : targets[ALERT_BUTTONS] ?? targets[0])?.composeUrl, id);
  });

  const answer = (message: Message, sender: Browser.runtime.MessageSender): Promise<Reply> =>
    service
      .handle(message, { id: sender.id, tabId: sender.tab?.id, fromExtensionPage: !!sender.url?.startsWith(browser.runtime.getURL('/')) })
      .then((value) => ({ ok: true, value }), (err: unknown) => ({ ok: false, error: String((err as Error)?.message ?? err) }));

  browser.runtime.onConnect.addListener((port) => {
    // The content script opens this port when the officer clicks Post (see openPostSession).
    if (port.name === POST_PORT) {
      const session = service.openPostSession({ id: port.sender?.id, tabId: port.sender?.tab?.id, fromExtensionPage: false });
      port.onMessage.addListener(session.onMessage);
    }
    // The sidebar's requests while the officer types (port-requests.ts): answered like messages.
    if (port.name === REQUEST_PORT) {
      port.onMessage.addListener(async (raw: unknown) => {
        if (!isMessage(raw) || !port.sender) return;
        const { id, ...message } = raw as PortRequest;
        const reply = await answer(message as Message, port.sender);
        try {
          port.postMessage({ ...reply, id });
        } catch {
          // The tab went away meanwhile: nobody is waiting.
        }
      });
    }
  });

  browser.runtime.onMessage.addListener((message, sender) => (isMessage(message) ? answer(message, sender) : undefined));
});
