// The urgent to-do behind the badge and the popup (rules in urgent-todo.ts), and dismissals of
// urgent items with the officer's reason, written as signed entries of the chain.
import { i18n } from '#i18n';
import type { HumasDb } from '../storage/db';
import { coalesced } from '../shared/coalesce';
import { DISMISS_REASONS } from '../shared/log-entry';
import type { Requests } from '../shared/messages';
import type { Settings } from '../shared/settings';
import { entryItem } from '../shared/libraries';
import { installIdentity } from './install-identity';
import type { Library } from './library';
import { appendLogDismissal } from './posting-log';
import { readOwnActivity, urgentTodo, type TodoItem } from './urgent-todo';

export interface TodoContext {
  db: HumasDb;
  library: Library;
  getSettings: () => Promise<Settings>;
  now: () => Date;
  showTodoCount?: (count: number) => Promise<unknown>;
  /** After a dismissal: the outbox has something to send. */
  afterWrite: () => void;
}

export function createTodoService(ctx: TodoContext) {
  /** The urgent to-do (utils/background/urgent-todo.ts). */
  async function todo(): Promise<TodoItem[]> {
    const urgent = (await ctx.library.get()).items.filter((item) => item.priority === 'urgent');
    const activity = await readOwnActivity(ctx.db, urgent.map((item) => item.id), ctx.now());
    return urgentTodo(urgent, activity, await ctx.getSettings(), ctx.now());
  }

  /** Recounts the badge: after syncs, posts, dismissals, settings changes and each minute (items expire). */
  const refreshTodo = coalesced(async () => {
    if (ctx.showTodoCount) await ctx.showTodoCount((await todo()).length).catch(() => undefined);
  });

  async function dismiss(req: Requests['todo.dismiss']['req']) {
    const item = await ctx.library.find(String(req.itemId), ctx.now());
    if (!item || item.priority !== 'urgent') throw new Error(i18n.t('errors.itemGone'));
    if (!(DISMISS_REASONS as readonly string[]).includes(req.reason)) throw new Error(i18n.t('errors.dismissReason'));
    const note = typeof req.note === 'string' ? req.note.trim().slice(0, 500) : '';
    if (req.reason === 'other' && !note) throw new Error(i18n.t('errors.dismissReason'));
    const settings = await ctx.getSettings();
    const { itemId, libraryId } = entryItem(item.id);
    const entry = await appendLogDismissal(ctx.db, {
      dismisses: itemId, libraryId, itemVersion: item.version, program: item.program, reason: req.reason, ...(note ? { note } : {}),
      officerName: settings.officerName, agency: settings.agency, observedAt: ctx.now().toISOString(),
    }, await installIdentity(ctx.db));
    ctx.afterWrite();
    void refreshTodo();
    return { id: entry.id };
  }

  return { todo, refreshTodo, dismiss };
}
