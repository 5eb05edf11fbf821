// The post watcher's completion signals (utils/content/post-watch.ts, development builds): how many
// clicks and keys it has decided about, how many entries it asked the log to write, how many
// attempts have closed their post port; and the sidebar's (components/ItemCard.tsx): how many
// clicks on its buttons it has decided about. A test that asserts a click wrote nothing waits for
// the click to be decided first, instead of sleeping.
import type { Page } from '@playwright/test';
import { expect } from './harness';

export interface PostSignals {
  /** Clicks and keys decided: ignored, or an entry sent. */
  checks: number;
  /** Entries the content script asked the log to write. */
  intents: number;
  /** Attempts whose post port has closed (verdict and address sent, or given up on). */
  done: number;
}

export function postSignals(page: Page): Promise<PostSignals> {
  return page.evaluate(() => {
    const read = (name: string) => Number(document.documentElement.getAttribute(name) ?? 0);
    return { checks: read('data-hk-post-checks'), intents: read('data-hk-post-intents'), done: read('data-hk-posts-done') };
  });
}

/** Runs `act` (a click or key on the page) and returns the signals once the post watcher has decided about it. */
export async function afterPostCheck(page: Page, act: () => Promise<unknown>): Promise<PostSignals & { before: PostSignals }> {
  const before = await postSignals(page);
  await act();
  await expect.poll(async () => (await postSignals(page)).checks, { message: 'the post watcher decided about the click' }).toBeGreaterThan(before.checks);
  return { ...(await postSignals(page)), before };
}

/** Sidebar clicks decided (components/ItemCard.tsx `trusted`): a forged one when refused, the officer's when its action finished. */
export function sidebarClicks(page: Page): Promise<number> {
  return page.evaluate(() => Number(document.documentElement.getAttribute('data-hk-sidebar-clicks') ?? 0));
}
