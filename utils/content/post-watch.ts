// Notices the officer's Post/Share on a composer that received library content. The background
// writes the entry at that click (`unconfirmed`); then this waits for what the site shows (posted,
// refused) and the post's address, each sent as an update of that entry.
import { browser } from 'wxt/browser';
import { POST_PORT, type PostPortMessage } from '../shared/messages';
import { filledComposers, giveBackContent, takeContent } from './composer-content';
import { closedOrEmptied, isButtonEnabled } from './sites/dom-insert';
import type { Composer, SiteAdapter } from './sites';
import type { PostOutcome } from './sites/types';

/** How long the site's verdict, then the post's address, are awaited; the entry stays `unconfirmed` when none comes. */
const OUTCOME_WAIT_MS = 60_000;
const POST_URL_WAIT_MS = 60_000;
const POLL_MS = 100;

/**
 * Completion signals, for tests (development builds only; the product never reads them back): on
 * the page's root element, `data-hk-post-checks` counts the clicks and keys this watcher has
 * decided about (ignored, or an entry sent), `data-hk-post-intents` the entries it asked the log
 * to write, and `data-hk-posts-done` the attempts whose post port has closed (the site's verdict
 * and address sent, or given up on). A test that asserts a click wrote nothing waits for its check.
 */
const SIGNALS = import.meta.env.MODE !== 'production';
function countSignal(doc: Document, name: 'data-hk-post-checks' | 'data-hk-post-intents' | 'data-hk-posts-done'): void {
  if (!SIGNALS) return;
  const root = doc.documentElement;
  root.setAttribute(name, String(Number(root.getAttribute(name) ?? 0) + 1));
}

/** Polls `check` until it returns a value other than undefined, or the time is up (undefined). */
function pollFor<T>(check: () => T | undefined, timeoutMs: number): Promise<T | undefined> {
  const started = Date.now();
  return new Promise((resolve) => {
    const tick = () => {
      const value = check();
      if (value !== undefined || Date.now() - started > timeoutMs) resolve(value);
      else setTimeout(tick, POLL_MS);
    };
    tick();
  });
}

/** Without a site rule: a composer that closed or emptied has posted. */
function outcomeOf(adapter: SiteAdapter, composer: Composer): PostOutcome {
  return adapter.postOutcome ? adapter.postOutcome(composer) : closedOrEmptied(composer.editor, adapter.readText(composer));
}

/**
 * The post addresses the page shows, given out in click order: the oldest post still waiting gets
 * the next address no post has had (a slow link can show a post's toast after the next click).
 */
function postUrlQueue(adapter: SiteAdapter, doc: Document) {
  const given = new Set<string>();
  const waiting: object[] = [];
  const current = () => adapter.findPostUrl?.(doc);
  return {
    /** A click: what the page shows now belongs to earlier posts. */
    enqueue(): object {
      const earlier = current();
      if (earlier) given.add(earlier);
      const ticket = {};
      waiting.push(ticket);
      return ticket;
    },
    /** An address shown that no post has had yet, while this post is the oldest waiting (it is then this post's). */
    isNewFor: (ticket: object, url: string | undefined): boolean => waiting[0] === ticket && url !== undefined && !given.has(url),
    /** This post's address, once it is the oldest waiting and a new one shows. */
    claim(ticket: object): string | undefined {
      const url = current();
      if (waiting[0] !== ticket || !url || given.has(url)) return undefined;
      given.add(url);
      return url;
    },
    done(ticket: object): void {
      const at = waiting.indexOf(ticket);
      if (at >= 0) waiting.splice(at, 1);
    },
  };
}

/**
 * Waits for the site's verdict on this click. What the page already said before it (an earlier
 * error notice, the toast of the previous post) does not count until it has gone away; a post
 * address no post has had yet (a new toast link, a new feed article) is a confirmation. A failure
 * notice can come and go between two polls: the DOM is watched for it meanwhile.
 */
async function waitForOutcome(adapter: SiteAdapter, composer: Composer, isNewUrl: (url: string | undefined) => boolean): Promise<PostOutcome> {
  const doc = composer.root.ownerDocument;
  const before = outcomeOf(adapter, composer);
  const counts = { failed: before !== 'failed', confirmed: before !== 'confirmed' };
  let verdict: PostOutcome;
  const check = (): PostOutcome => {
    if (verdict) return verdict;
    if (isNewUrl(adapter.findPostUrl?.(doc))) return (verdict = 'confirmed');
    const now = outcomeOf(adapter, composer);
    if (now !== 'failed') counts.failed = true;
    if (now !== 'confirmed') counts.confirmed = true;
    if (now && counts[now]) verdict = now;
    return verdict;
  };
  const watcher = new MutationObserver(() => void check());
  watcher.observe(doc.body, { childList: true, subtree: true, characterData: true });
  try {
    return await pollFor(check, OUTCOME_WAIT_MS);
  } finally {
    watcher.disconnect();
  }
}

export function watchPosts(doc: Document, adapter: SiteAdapter): () => void {
  const postUrls = postUrlQueue(adapter, doc);

  const onPostAttempt = async (composer: Composer) => {
    // The click takes the composer's content: the next insertion into this composer (X's inline
    // composer clears and stays open) is the next post, whatever this one's site still says.
    const content = takeContent(composer);
    if (!content) return;
    // The entry is written at once (text read before the site clears the editor): if this page goes
    // away before the site answers, the post is still in the log.
    // A composer posting to several networks at once (Meta Business Suite) makes one post, and one
    // entry, per placement: one port each, whose token the background derives for that network.
    const text = adapter.readText(composer);
    const placements = adapter.placements?.(composer) ?? [];
    const ports = (placements.length ? placements : [undefined]).map((placement) => {
      const port = browser.runtime.connect({ name: POST_PORT });
      const account = placement ? placement.account : adapter.readAccount(composer);
      port.postMessage({ type: 'intent', token: content.token, text, account, pageUrl: location.href, ...(placement && { platform: placement.platform }) } satisfies PostPortMessage);
      countSignal(doc, 'data-hk-post-intents');
      return port;
    });
    // Read at the click: the site closes the composer once the post is scheduled. A placement may
    // have its own time (Business Suite); the others follow the composer's.
    const scheduledAll = adapter.scheduledPost?.(composer);
    const scheduled = ports.map((_, i) => placements[i]?.scheduled ?? scheduledAll);
    const ticket = postUrls.enqueue();
    try {
      const outcome = await waitForOutcome(adapter, composer, (url) => postUrls.isNewFor(ticket, url));
      if (!outcome) return;
      // A scheduled post that the site took is `scheduled`, never posted (and has no address yet).
      ports.forEach((port, i) => {
        const at = scheduled[i];
        port.postMessage(at && outcome === 'confirmed' ? { type: 'outcome', status: 'scheduled', scheduledFor: at.at?.toISOString() } : { type: 'outcome', status: outcome });
      });
      // Refused: the content stays for a second try, logged as its own entry.
      if (outcome === 'failed') return giveBackContent(composer, content);
      if (scheduled.every(Boolean)) return;
      const postUrl = adapter.findPostUrl ? await pollFor(() => postUrls.claim(ticket), POST_URL_WAIT_MS) : undefined;
      if (postUrl) ports.forEach((port, i) => scheduled[i] || port.postMessage({ type: 'postUrl', postUrl } satisfies PostPortMessage));
    } finally {
      postUrls.done(ticket);
      ports.forEach((port) => port.disconnect());
      countSignal(doc, 'data-hk-posts-done');
    }
  };

  const composerOfTarget = (target: EventTarget | null, viaButton: boolean): Composer | undefined => {
    if (!(target instanceof Node)) return undefined;
    for (const composer of filledComposers) {
      if (!composer.root.isConnected) {
        filledComposers.delete(composer);
        continue;
      }
      const button = adapter.postButton(composer);
      if (!isButtonEnabled(button)) continue;
      if (viaButton ? button!.contains(target) : composer.editor.contains(target)) return composer;
    }
    return undefined;
  };

  // Only the officer's own clicks and keys count: a page script's synthetic events cannot create entries.
  const onClick = (event: MouseEvent) => {
    try {
      if (!event.isTrusted) return;
      const composer = composerOfTarget(event.target, true);
      if (composer) void onPostAttempt(composer);
    } finally {
      countSignal(doc, 'data-hk-post-checks');
    }
  };
  const onKey = (event: KeyboardEvent) => {
    try {
      if (!event.isTrusted || !adapter.isPostShortcut?.(event)) return;
      const composer = composerOfTarget(event.target, false);
      if (composer) void onPostAttempt(composer);
    } finally {
      countSignal(doc, 'data-hk-post-checks');
    }
  };
  doc.addEventListener('click', onClick, true);
  doc.addEventListener('keydown', onKey, true);
  return () => {
    doc.removeEventListener('click', onClick, true);
    doc.removeEventListener('keydown', onKey, true);
  };
}
