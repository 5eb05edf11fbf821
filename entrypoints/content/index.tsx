// Content script: watch for the site's composer, show the sidebar beside it, log what gets posted.
// On a compose page whose composer is not recognised (the site changed), the sidebar offers copy/download.
import { render } from 'preact';
import sidebarCss from '@/components/sidebar.css?inline';
import { Sidebar } from '@/components/Sidebar';
import { watchComposePage } from '@/utils/content/compose-page-watch';
import { watchComposers, type ComposerHandlers } from '@/utils/content/composer-watch';
import { completeCaption } from '@/utils/content/insert-flow';
import { watchPosts } from '@/utils/content/post-watch';
import { createSidebarApi } from '@/utils/content/sidebar-api';
import { reportSiteProblem } from '@/utils/content/site-problem-report';
import { loadSiteHints } from '@/utils/content/site-hints';
import { LIBRARY_CHANGED } from '@/utils/shared/messages';
import { chooseSide } from '@/utils/content/sidebar-placement';
import { adapterForUrl, contentScriptMatches, type Composer } from '@/utils/content/sites';
import { rememberCaret } from '@/utils/content/sites/dom-insert';
import { isReply, pickTarget, trackFocus } from '@/utils/content/target-composer';

export default defineContentScript({
  matches: contentScriptMatches(),
  cssInjectionMode: 'manual',
  // Ready (storage read, UI set up, watchers on) before the site renders its composer, not after the page settles.
  runAt: 'document_start',
  async main(ctx) {
    const adapter = adapterForUrl(location.href);
    if (!adapter) return;
    const open: Composer[] = [];
    const forgetCaret = new Map<Composer, () => void>();
    // Several composers can be mounted at once (X: a quote or reply dialog over /home): each click
    // acts on the one the officer works in, never on one behind it.
    const focus = trackFocus(document);
    const active = () => pickTarget(adapter, document, open, focus.last());
    let degraded = false;
    let shown: 'none' | 'full' | 'degraded' = 'none';
    // Both wait on the browser (stored sidebar state, the UI's setup): side by side, not one after the other.
    const apiReady = createSidebarApi(adapter, active);
    let api!: Awaited<typeof apiReady>;
    let drawnIn: HTMLElement | undefined;
    // Beside the Post button of the composer the officer works in (a dialog opening over /home moves it).
    const draw = (container: HTMLElement) => {
      const target = active();
      const composer = isReply(target) ? target.reply : target;
      const button = composer ? adapter.postButton(composer) : null;
      render(<Sidebar api={api} side={chooseSide(button?.getBoundingClientRect() ?? null, innerWidth)} degraded={shown === 'degraded'} />, container);
    };

    const ui = await createShadowRootUi(ctx, {
      name: 'humas-kanal-sidebar',
      position: 'inline',
      anchor: 'body',
      append: 'last',
      css: sidebarCss,
      onMount(container) {
        draw((drawnIn = container));
        // WXT hands this back to onRemove and exposes it as `ui.mounted`.
        return container;
      },
      onRemove(container) {
        // Unmount Preact before WXT empties the container, or the next mount renders into a stale tree.
        if (container) render(null, container);
        drawnIn = undefined;
      },
    });

    api = await apiReady;

    const refresh = () => {
      const wanted = open.length > 0 ? 'full' : degraded ? 'degraded' : 'none';
      if (wanted === shown) return drawnIn && draw(drawnIn);
      if (ui.mounted) ui.remove();
      shown = wanted;
      if (wanted !== 'none') ui.mount();
    };
    const composePage = watchComposePage({
      isComposePage: (url) => adapter.isComposePage?.(url) ?? false,
      hasComposer: () => open.length > 0,
      onDegraded(value) {
        // A compose page without a composer we recognise: the site changed (a drift report to the hub).
        if (value && !degraded) reportSiteProblem(adapter.platform, 'composer');
        degraded = value;
        refresh();
      },
    });

    const handlers: ComposerHandlers = {
      onOpen(composer) {
        open.push(composer);
        forgetCaret.set(composer, rememberCaret(composer.editor));
        composePage.check();
        refresh();
        // A caption kept at an earlier step of the same flow (Instagram's media step) goes in now.
        void completeCaption(adapter, composer)?.then(api.say);
      },
      onClose(composer) {
        open.splice(open.indexOf(composer), 1);
        forgetCaret.get(composer)?.();
        forgetCaret.delete(composer);
        composePage.check();
        refresh();
      },
    };
    let stopWatching = watchComposers(document, adapter, handlers);
    // The signed library's site hints (utils/content/site-hints.ts): read now and after every library
    // change. New hints while no composer is recognised (copy mode) watch again with them.
    const applyHints = () =>
      void loadSiteHints(adapter.hintsNetwork ?? adapter.platform).then((changed) => {
        if (!changed || open.length > 0) return;
        stopWatching();
        stopWatching = watchComposers(document, adapter, handlers);
      });
    applyHints();
    const onLibraryChanged = (message: unknown) => {
      if ((message as { type?: string })?.type === LIBRARY_CHANGED.type) applyHints();
    };
    browser.runtime.onMessage.addListener(onLibraryChanged);
    if (adapter.isComposePage) {
      composePage.check();
      ctx.addEventListener(window, 'wxt:locationchange', () => composePage.check());
    }
    const stopPosts = watchPosts(document, adapter);
    ctx.onInvalidated(() => {
      api.stop();
      browser.runtime.onMessage.removeListener(onLibraryChanged);
      stopWatching();
      stopPosts();
      focus.stop();
      composePage.stop();
      ui.remove();
    });
  },
});
