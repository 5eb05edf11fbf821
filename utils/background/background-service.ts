// Background logic behind the messages: library queries, sync scheduling, insert hand-over, posting
// log. One typed handler per request type (utils/shared/messages.ts); the post port's session too.
import { i18n } from '#i18n';
import type { HumasDb } from '../storage/db';
import { coalesced } from '../shared/coalesce';
import type { Message, PostPortMessage, PreparedInsert, RequestType, Requests } from '../shared/messages';
import type { Platform } from '../shared/networks';
import { dataSaverOn, type Settings } from '../shared/settings';
import { createLibrary } from './library';
import { createLibrarySync } from './library-sync';
import { installIdentity } from './install-identity';
import { createMediaService } from './media-service';
import { highlightKey, type UrgentAlert } from './urgent-alerts';
import { createPostLogging } from './post-logging';
import { insertText, officerOf, refuseOverLimit, type InsertChoice } from './insert-text';
import { placementToken } from './placement-token';
import { createTodoService } from './todo-service';
import { uploadOutbox, type UploadResult } from './report-upload';
import { siteProblemContext, recordSiteProblem, uploadSiteProblems } from './site-problems';
import { siteHintsFor, siteHintsState } from './site-hints';
import { createTakedownService, type TakedownAlert } from './takedown';
import { queueSuggestion, queuedSuggestions, uploadSuggestions } from './hoax-report';
import { describeLibraries, querySource, readLibraryStatuses, withSources, type LibraryStatus } from './library-sources';

/** What the background remembers about content it handed to a composer (kept in storage.session). */
export interface PendingInsert {
  tabId: number;
  platform: Platform;
  itemId: string;
  itemVersion: number;
  program: string;
  mediaIds: string[];
  text: string;
  /** Urgent items: when the item was published, so the post's time to amplify can be derived. */
  urgentSince?: string;
  /** The caption variant inserted (variants.ts), and whether it was a quote of the official post. */
  variant?: number;
  quote?: boolean;
}

export interface KeyValueStore {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
}

export interface Sender {
  /** The sending extension's id; messages from elsewhere are refused. */
  id?: string;
  tabId?: number;
  /** true for the extension's own pages (dashboard, popup), false for content scripts. */
  fromExtensionPage: boolean;
}

export interface BackgroundDeps {
  db: HumasDb;
  extensionId: string;
  getSettings: () => Promise<Settings>;
  session: KeyValueStore;
  fetch?: typeof fetch;
  now?: () => Date;
  hasHostPermission?: (url: string) => Promise<boolean>;
  /** Tells a tab's sidebar that the library changed (so withdrawn content vanishes from open sidebars). */
  notifyTab?: (tabId: number) => Promise<unknown>;
  /** Shows the officer that urgent content arrived (a browser notification). */
  alertUrgent?: (alert: UrgentAlert) => Promise<unknown>;
  /** Asks the officer to take down posts of a withdrawn item (a browser notification). */
  alertTakedown?: (alert: TakedownAlert) => Promise<unknown>;
  /** Shows how many urgent items are still to post (the toolbar badge). */
  showTodoCount?: (count: number) => Promise<unknown>;
  /** The browser's data saver (navigator.connection.saveData, Chromium only). */
  browserSaveData?: () => boolean;
}

type Handler<T extends RequestType> = (req: Requests[T]['req'], sender: Sender) => Promise<Requests[T]['res']>;

/** Handlers only content scripts in a tab may call (never an extension page). */
function composerTab(sender: Sender): number {
  if (sender.tabId === undefined || sender.fromExtensionPage) throw new Error(i18n.t('errors.composerOnly'));
  return sender.tabId;
}

/** Handlers only the extension's own pages may call (the to-do, report uploads). */
function extensionPage(sender: Sender): void {
  if (!sender.fromExtensionPage) throw new Error(i18n.t('errors.extensionPagesOnly'));
}

export { FULL_SYNC_MINUTES } from './library-sync';

export function createBackgroundService(deps: BackgroundDeps) {
  const now = deps.now ?? (() => new Date());
  const library = createLibrary(deps.db);
  /** Tabs whose sidebar has asked for the library: they hear about each sync. */
  const sidebarTabs = new Set<number>();

  // Read once and refreshed after each sync: queries arrive on every keystroke in the search box.
  let syncState: Promise<LibraryStatus[]> | undefined;
  const currentStatuses = async () => (syncState ??= readLibraryStatuses(deps.db, await deps.getSettings()));

  /** Why the library's last site hints were ignored (read once, again after the sync offered new ones). */
  let hintsNote: Promise<string | undefined> | undefined;

  async function statusText(): Promise<string> {
    const { maxLibraryAgeDays } = await deps.getSettings();
    const text = describeLibraries(await currentStatuses(), await library.visibleCount(now().getTime()), { maxAgeDays: maxLibraryAgeDays, now: now() });
    const note = await (hintsNote ??= siteHintsState(deps.db).then((state) => state?.note));
    return note ? `${text} · ${i18n.t('status.siteHintsIgnored', [note])}` : text;
  }

  /** Tells open sidebars that the library changed (they ask again). */
  const notifySidebars = () => {
    for (const tabId of sidebarTabs) void deps.notifyTab?.(tabId).catch(() => sidebarTabs.delete(tabId));
  };

  const { requestSync, requestMedia, checkForNews, syncUnlessRecent } = createLibrarySync({
    ...deps,
    now,
    library,
    notifySidebars,
    forgetSyncState: () => void (syncState = undefined),
    forgetHintsNote: () => void (hintsNote = undefined),
    // After each sync: the to-do, and take-down requests for posts of newly withdrawn items.
    refreshTodo: () => Promise.all([refreshTodo(), takedowns.askForTakedowns()]),
  });
  const takedowns = createTakedownService({ db: deps.db, now, afterWrite: () => void requestUpload(), alertTakedown: deps.alertTakedown });

  const { todo, refreshTodo, dismiss } = createTodoService({ db: deps.db, library, getSettings: deps.getSettings, now, showTodoCount: deps.showTodoCount, afterWrite: () => void requestUpload() });
  const { logPost, updatePost } = createPostLogging({ db: deps.db, session: deps.session, getSettings: deps.getSettings, now, afterWrite: () => void requestUpload(), refreshTodo });


  /** Sends the outbox when a report endpoint is configured; coalesced like sync. */
  let uploadState: UploadResult | undefined;
  /** The officer clicked "Kirim sekarang": the next run does not wait for the backoff. */
  let uploadAsked = false;
  const requestUpload = coalesced(async () => {
    const { reportUrl, officerName, agency, region, reportToken } = await deps.getSettings();
    if (!reportUrl) return;
    const identity = await installIdentity(deps.db);
    const force = uploadAsked;
    uploadAsked = false;
    uploadState = await uploadOutbox({ db: deps.db, reportUrl, identity, enrollment: { officerName, agency, region, reportToken }, fetch: deps.fetch, force });
    // Drift reports (site-problems.ts) after the posts, with their own backoff.
    await uploadSiteProblems({ db: deps.db, reportUrl, identity, enrollment: { officerName, agency, region, reportToken }, fetch: deps.fetch, force, now: () => now().getTime() });
    suggestionState = await uploadSuggestions({ db: deps.db, reportUrl, identity, enrollment: { officerName, agency, region, reportToken }, fetch: deps.fetch, force, now: () => now().getTime() });
  });
  let suggestionState: { lastError?: string } | undefined;

  const media = createMediaService({
    db: deps.db,
    findItem: (itemId) => library.find(itemId, now()),
    getSettings: deps.getSettings,
    fetch: deps.fetch,
    now,
    afterDemand: async () => {
      await library.refreshMedia();
      notifySidebars();
    },
  });

  async function chooseText(itemId: string, platform: Platform, choice: InsertChoice) {
    const settings = await deps.getSettings();
    const item = await library.find(itemId, now());
    if (!item) throw new Error(i18n.t('errors.itemGone'));
    const officer = await officerOf(deps.db, settings);
    const chosen = insertText(library, item, platform, settings, officer, choice);
    return { item, chosen, refuse: () => refuseOverLimit(library, item, platform, settings, officer, chosen) };
  }

  async function prepareInsert(itemId: string, platform: Platform, tabId: number, choice: InsertChoice): Promise<PreparedInsert> {
    const { item, chosen, refuse } = await chooseText(itemId, platform, choice);
    refuse();
    const card = chosen;
    const token = crypto.randomUUID();
    const pending: PendingInsert = {
      tabId, platform, itemId, itemVersion: item.version, program: item.program, mediaIds: chosen.quote ? [] : item.media.slice(0, 1).map((m) => m.id), text: card.text,
      ...(item.priority === 'urgent' ? { urgentSince: item.publishedAt } : {}),
      ...(chosen.variant !== undefined ? { variant: chosen.variant } : {}),
      ...(chosen.quote ? { quote: true } : {}),
    };
    await deps.session.set(`pending:${token}`, pending);
    if (!item.media[0] || chosen.quote) return { token, text: card.text };
    const file = await media.firstImage(item);
    return file ? { token, text: card.text, file } : { token, text: card.text, missingImage: true };
  }

  const handlers: { [T in RequestType]: Handler<T> } = {
    'library.query': async ({ query, early }, sender) => {
      // An early ask keeps itself fresh (first-view.ts): notices are for the sidebars on screen.
      if (sender.tabId !== undefined && !sender.fromExtensionPage && !early) sidebarTabs.add(sender.tabId);
      const settings = await deps.getSettings();
      const statuses = await currentStatuses();
      const view = await library.query(querySource(query, statuses), settings, now(), dataSaverOn(settings, deps.browserSaveData?.() ?? false), await officerOf(deps.db, settings));
      // A compose page opened from an urgent alert lists that item first, marked (see urgent-alerts.ts).
      const highlight = sender.tabId !== undefined && !sender.fromExtensionPage ? await deps.session.get(highlightKey(sender.tabId)) : undefined;
      const chosen = view.cards.find((card) => card.id === highlight);
      const cards = chosen ? [{ ...chosen, highlighted: true }, ...view.cards.filter((card) => card !== chosen)] : view.cards;
      return { ...view, ...withSources(cards, statuses), status: await statusText() };
    },
    'status.get': async () => {
      const { state } = (await currentStatuses())[0]!;
      return { status: await statusText(), libraryUrl: (await deps.getSettings()).libraryUrl, needsPermission: state.lastError?.code === 'permission' };
    },
    'report.uploadNow': async (_req, sender) => {
      extensionPage(sender);
      uploadAsked = true;
      await requestUpload();
      return { sent: uploadState?.sent ?? 0, lastError: uploadState?.lastError, pending: await deps.db.outbox.count() };
    },
    'library.syncNow': async () => {
      await requestSync();
      return { status: await statusText() };
    },
    'insert.prepare': async ({ itemId, platform, firstLine, quote }, sender) => {
      if (sender.tabId === undefined) throw new Error(i18n.t('errors.composerOnly'));
      return prepareInsert(String(itemId), platform, sender.tabId, { firstLine: typeof firstLine === 'string' ? firstLine : undefined, quote: quote === true });
    },
    'insert.check': async ({ itemId, platform, firstLine, quote }) =>
      (await chooseText(String(itemId), platform, { firstLine: typeof firstLine === 'string' ? firstLine : undefined, quote: quote === true })).chosen.check,
    'media.fetch': async ({ itemId }) => media.fetchNow(String(itemId)),
    'media.progress': async ({ itemId }) => media.progress(String(itemId)),
    'media.get': async ({ itemId }) => media.file(String(itemId)),
    'todo.list': async (_req, sender) => {
      extensionPage(sender);
      return todo();
    },
    'todo.dismiss': async (req, sender) => {
      extensionPage(sender);
      return dismiss(req);
    },
    'log.post': async (req, sender) => logPost(req, composerTab(sender)),
    'log.update': async (req, sender) => updatePost(req, composerTab(sender)),
    'siteProblem.report': async ({ network, step, path }, sender) => {
      composerTab(sender);
      const queued = await recordSiteProblem(deps.db, { network: String(network), step, path: String(path) }, await siteProblemContext(deps.db, now().getTime()));
      if (queued) void requestUpload();
      return { queued };
    },
    'siteHints.get': async ({ network }) => siteHintsFor(deps.db, String(network)),
    'takedown.list': async (_req, sender) => (extensionPage(sender), takedowns.list()),
    'takedown.answer': async ({ postId, answer, note }, sender) => (extensionPage(sender), takedowns.answerTakedown(String(postId), answer, note)),
    'suggestion.send': async (req, sender) => {
      extensionPage(sender);
      const { id } = await queueSuggestion(deps.db, req, now());
      uploadAsked = true;
      await requestUpload();
      const pending = await queuedSuggestions(deps.db);
      return { id, sent: !pending.some((s) => s.id === id), pending: pending.length, lastError: suggestionState?.lastError };
    },
  };

  async function handle<T extends RequestType>(message: Message<T>, sender: Sender): Promise<Requests[T]['res']> {
    if (sender.id !== deps.extensionId) throw new Error(i18n.t('errors.unknownSender'));
    const handler = Object.hasOwn(handlers, message.type) ? (handlers[message.type] as Handler<T>) : undefined;
    if (!handler) throw new Error(i18n.t('errors.unknownMessage', [String(message.type)]));
    return handler(message, sender);
  }

  /**
   * The `hk-post` port a content script opens when the officer clicks Post: the entry is written at
   * the intent (so a tab closed right after Post still has it), then whatever the site says follows
   * as updates, in order.
   */
  function openPostSession(sender: Sender) {
    let started = false;
    let token: string | undefined;
    let written: Promise<unknown> = Promise.resolve();
    const then = (write: () => Promise<unknown>) => {
      written = written.then(write).catch(() => undefined);
    };
    /** Updates wait for the intent: a placement's token is known once derived. */
    const update = (req: Omit<Requests['log.update']['req'], 'token'>) => then(async () => token && handle({ type: 'log.update', token, ...req }, sender));
    return {
      onMessage(raw: unknown) {
        const message = raw as PostPortMessage;
        if (message?.type === 'intent' && !started) {
          started = true;
          const { text, account, pageUrl, platform } = message;
          then(async () => {
            // One placement of a click that posts to several networks: its own token (placement-token.ts).
            if (platform !== undefined && sender.id !== deps.extensionId) throw new Error(i18n.t('errors.unknownSender'));
            token = platform === undefined ? String(message.token) : await placementToken(deps.session, String(message.token), platform, composerTab(sender));
            return handle({ type: 'log.post', token, text, account, pageUrl }, sender);
          });
        } else if (started && message?.type === 'outcome') {
          update({ status: message.status, scheduledFor: message.status === 'scheduled' ? message.scheduledFor : undefined });
        } else if (started && message?.type === 'postUrl') {
          update({ postUrl: String(message.postUrl) });
        }
      },
    };
  }

  return { handle, openPostSession, requestSync, requestMedia, syncUnlessRecent, checkForNews, requestUpload, refreshTodo, statusText, uploadState: () => uploadState };
}
