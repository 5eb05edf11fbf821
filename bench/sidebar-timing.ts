// Composer → sidebar, as the officer sees it. Two moments per sidebar, on the page's clock:
// - shell: the panel (header, search, and the cards when the first page was fetched while the page
//   loaded, else "loading library") painted: the first frame after it is in the DOM, and the task
//   after that frame (when the browser has painted it);
// - first card: the product's own development-build signal, `data-hk-first-card-at` on the panel,
//   set in the effect Preact runs after the frame that drew the first card (components/Sidebar.tsx).
// Page code is plain script text: the bench runs through tsx, whose helpers do not exist in the page.
import type { Page } from '@playwright/test';

export interface SidebarTimes {
  shell: number;
  firstCard: number;
}

/** Installed before the page's scripts: `__hkSidebarTimes()` resolves with the next sidebar's two moments (absolute). */
const WATCH = `(() => {
  window.__hkSidebarTimes = () => new Promise((resolve) => {
    let shell = 0;
    let panelWatch;
    const done = (panel) => {
      const firstCard = Number(panel.getAttribute('data-hk-first-card-at'));
      if (!shell || !firstCard) return;
      panelWatch && panelWatch.disconnect();
      resolve({ shell, firstCard });
    };
    const found = (panel) => {
      requestAnimationFrame(() => setTimeout(() => { shell = performance.now(); done(panel); }, 0));
      panelWatch = new MutationObserver(() => done(panel));
      panelWatch.observe(panel, { attributes: true, attributeFilter: ['data-hk-first-card-at'] });
    };
    const bodyWatch = new MutationObserver(() => {
      const host = document.querySelector('humas-kanal-sidebar');
      if (!host || !host.shadowRoot) return;
      bodyWatch.disconnect();
      const panel = host.shadowRoot.querySelector('aside');
      if (panel) return found(panel);
      const rootWatch = new MutationObserver(() => {
        const panel = host.shadowRoot.querySelector('aside');
        if (panel) { rootWatch.disconnect(); found(panel); }
      });
      rootWatch.observe(host.shadowRoot, { childList: true, subtree: true });
    });
    const watchBody = () => bodyWatch.observe(document.body, { childList: true });
    if (document.body) watchBody();
    else new MutationObserver((_, o) => { if (document.body) { o.disconnect(); watchBody(); } }).observe(document, { childList: true, subtree: true });
  });
})();`;

export async function watchSidebars(page: Page): Promise<void> {
  await page.addInitScript(WATCH);
}

/** Opens Facebook's "Create post" (the fixture attaches the dialog and its Lexical editor synchronously). */
export function facebookComposerToSidebar(page: Page): Promise<SidebarTimes> {
  return page.evaluate(`(async () => {
    const times = window.__hkSidebarTimes();
    const t0 = performance.now();
    document.querySelector('[role="button"][aria-label="Create post"]').click();
    const { shell, firstCard } = await times;
    return { shell: shell - t0, firstCard: firstCard - t0 };
  })()`);
}

/**
 * Instagram's create dialog at step 1 (a display:none file input, nothing to focus), rendered inside
 * the app's own root (`?mount=root`), not as a new child of <body>: no focus, no <body> child, so it is
 * found by composer-watch's look after the click (or, failing that, the animation on
 * `[role="dialog"]:has(input[type="file"])`; utils/content/composer-watch.ts). Clock from "Post" in
 * the Create menu.
 */
export function instagramComposerToSidebar(page: Page): Promise<SidebarTimes> {
  return page.evaluate(`(async () => {
    document.querySelector('a[role="link"] svg[aria-label="New post"]').closest('a').click();
    const post = [...document.querySelectorAll('[role="menuitem"]')].find((item) => item.textContent === 'Post');
    const times = window.__hkSidebarTimes();
    const t0 = performance.now();
    post.click();
    const { shell, firstCard } = await times;
    return { shell: shell - t0, firstCard: firstCard - t0 };
  })()`);
}

/**
 * Opening x.com/compose/post directly: from the composer's first appearance in the page (the editor
 * element inserted, watched from document start) to the sidebar's first card painted.
 */
export async function coldPageToSidebar(page: Page): Promise<SidebarTimes> {
  await page.goto('https://x.com/compose/post');
  return page.evaluate(`(async () => {
    const { shell, firstCard } = await window.__hkSidebarTimes.cold;
    return { shell: shell - window.__hkComposerAt, firstCard: firstCard - window.__hkComposerAt };
  })()`);
}

/** For coldPageToSidebar (after WATCH): when the composer's editor first exists, and the first sidebar's times. */
const COLD_WATCH = `(() => {
  window.__hkSidebarTimes.cold = window.__hkSidebarTimes();
  new MutationObserver((_, observer) => {
    if (!document.querySelector('[data-testid="tweetTextarea_0"]')) return;
    window.__hkComposerAt = performance.now();
    observer.disconnect();
  }).observe(document, { subtree: true, childList: true });
})();`;

export async function watchColdPages(page: Page): Promise<void> {
  await page.addInitScript(WATCH);
  await page.addInitScript(COLD_WATCH);
}
