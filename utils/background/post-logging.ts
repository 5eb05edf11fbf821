// The posting log's writers behind the `hk-post` port: one entry at the Post click (at most one per
// insertion token and attempt), then what the site said as update entries. Posts of urgent items
// carry their time to amplify.
import { entryItem } from '../shared/libraries';
import { i18n } from '#i18n';
import type { HumasDb } from '../storage/db';
import type { Requests } from '../shared/messages';
import type { PostStatus } from '../shared/log-entry';
import type { Settings } from '../shared/settings';
import type { KeyValueStore, PendingInsert } from './background-service';
import { installIdentity } from './install-identity';
import { appendLogEntry, appendLogUpdate } from './posting-log';

/** The last entry a token wrote, and what the site has said about it so far. */
interface LoggedPost {
  id: string;
  tabId: number;
  status: PostStatus;
}

/** Longest post text kept: above every network's limit (Facebook's 63,206), so only a hostile page hits it. */
const MAX_TEXT = 70_000;

/** A scheduled post's time as the log keeps it (ISO, UTC), or nothing when the page gave no valid time. */
function scheduledTime(value: unknown): string | undefined {
  const at = typeof value === 'string' && value.length <= 40 ? Date.parse(value) : NaN;
  return Number.isNaN(at) ? undefined : new Date(at).toISOString();
}

/** The page's origin and path: query strings and fragments can carry session data, reports do not need them. */
function pageAddress(pageUrl: string): string {
  if (!URL.canParse(pageUrl)) return '';
  const url = new URL(pageUrl);
  return `${url.origin}${url.pathname}`.slice(0, 2000);
}

/** Time to amplify: seconds from an urgent item's publication to this post (none for other items). */
function secondsToPost(urgentSince: string | undefined, postedAt: Date): { secondsToPost?: number } {
  const published = urgentSince ? Date.parse(urgentSince) : NaN;
  return Number.isNaN(published) ? {} : { secondsToPost: Math.max(0, Math.round((postedAt.getTime() - published) / 1000)) };
}

export interface PostLoggingContext {
  db: HumasDb;
  session: KeyValueStore;
  getSettings: () => Promise<Settings>;
  now: () => Date;
  /** After each write: the outbox has something to send. */
  afterWrite: () => void;
  /** The urgent to-do changes with posts. */
  refreshTodo: () => Promise<unknown>;
}

export function createPostLogging(ctx: PostLoggingContext) {
  /** Tokens being logged right now: a token logs at most one entry per Post click, even when two requests race. */
  const consuming = new Set<string>();

  async function logPost(req: Requests['log.post']['req'], tabId: number) {
    if (consuming.has(req.token)) throw new Error(i18n.t('errors.logging'));
    consuming.add(req.token);
    try {
      return await writeEntry(req, tabId);
    } finally {
      consuming.delete(req.token);
    }
  }

  async function writeEntry(req: Requests['log.post']['req'], tabId: number) {
    const pending = (await ctx.session.get(`pending:${req.token}`)) as PendingInsert | undefined;
    if (!pending || pending.tabId !== tabId) throw new Error(i18n.t('errors.noInsertion'));
    // One entry per attempt: after a post the site refused, the officer may try again.
    const last = (await ctx.session.get(`logged:${req.token}`)) as LoggedPost | undefined;
    if (last && last.status !== 'failed') throw new Error(i18n.t('errors.logging'));
    const settings = await ctx.getSettings();
    const text = String(req.text).slice(0, MAX_TEXT);
    const postedAt = ctx.now();
    const entry = await appendLogEntry(ctx.db, {
      postedAt: postedAt.toISOString(),
      ...secondsToPost(pending.urgentSince, postedAt),
      platform: pending.platform,
      ...entryItem(pending.itemId),
      itemVersion: pending.itemVersion,
      program: pending.program,
      mediaIds: pending.mediaIds,
      text,
      edited: text.trim() !== pending.text.trim(),
      account: String(req.account ?? '').slice(0, 200),
      pageUrl: pageAddress(String(req.pageUrl ?? '')),
      officerName: settings.officerName,
      agency: settings.agency,
      ...(pending.variant !== undefined ? { variant: pending.variant } : {}),
      ...(pending.quote ? { postKind: 'quote' as const } : {}),
    }, await installIdentity(ctx.db));
    await ctx.session.set(`logged:${req.token}`, { id: entry.id, tabId, status: 'unconfirmed' } satisfies LoggedPost);
    ctx.afterWrite();
    void ctx.refreshTodo();
    return { id: entry.id };
  }

  async function updatePost(req: Requests['log.update']['req'], tabId: number) {
    const logged = (await ctx.session.get(`logged:${req.token}`)) as LoggedPost | undefined;
    if (!logged || logged.tabId !== tabId) throw new Error(i18n.t('errors.noPost'));
    const status = req.status === 'confirmed' || req.status === 'failed' || req.status === 'scheduled' ? req.status : undefined;
    const postUrl = typeof req.postUrl === 'string' && /^https:\/\//.test(req.postUrl) ? req.postUrl.slice(0, 2000) : undefined;
    const scheduledFor = status === 'scheduled' ? scheduledTime(req.scheduledFor) : undefined;
    if (!status && !postUrl) throw new Error(i18n.t('errors.noPost'));
    const update = await appendLogUpdate(ctx.db, { updates: logged.id, status, scheduledFor, postUrl }, await installIdentity(ctx.db));
    await ctx.session.set(`logged:${req.token}`, { ...logged, status: status ?? logged.status } satisfies LoggedPost);
    // Posted or scheduled: this insertion is used up; a further Post click on the same composer is not ours.
    if (status === 'confirmed' || status === 'scheduled') await ctx.session.set(`pending:${req.token}`, undefined);
    ctx.afterWrite();
    // A refused post no longer counts as posted, nor does one scheduled for later (the urgent to-do keeps it).
    if (status === 'failed' || status === 'scheduled') void ctx.refreshTodo();
    return { id: update.id };
  }

  return { logPost, updatePost };
}
