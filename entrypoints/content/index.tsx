// Content script: watch for the site's composer, show the sidebar beside it, log what gets posted.
import { render } from 'preact';
import sidebarCss from '@/components/sidebar.css?inline';
import { Sidebar } from '@/components/Sidebar';
import { watchComposers } from '@/utils/composer-watch';
import { watchPosts } from '@/utils/post-watch';
import { createSidebarApi } from '@/utils/sidebar-api';
import { chooseSide } from '@/utils/sidebar-placement';
import { adapterForUrl, contentScriptMatches, type Composer } from '@/utils/sites';
import { rememberCaret } from '@/utils/sites/dom-insert';

export default defineContentScript({
  matches: contentScriptMatches(),
  cssInjectionMode: 'manual',
  async main(ctx) {
    const adapter = adapterForUrl(location.href);
    if (!adapter) return;
    const open: Composer[] = [];
    const forgetCaret = new Map<Composer, () => void>();
    const active = () => open[open.length - 1];
    const api = await createSidebarApi(adapter, active);

    const ui = await createShadowRootUi(ctx, {
      name: 'humas-kanal-sidebar',
      position: 'inline',
      anchor: 'body',
      append: 'last',
      css: sidebarCss,
      onMount(container) {
        const composer = active();
        const button = composer && adapter.postButton(composer);
        render(<Sidebar api={api} side={chooseSide(button?.getBoundingClientRect() ?? null, innerWidth)} />, container);
        // WXT hands this back to onRemove and exposes it as `ui.mounted`.
        return container;
      },
      onRemove(container) {
        // Unmount Preact before WXT empties the container, or the next mount renders into a stale tree.
        if (container) render(null, container);
      },
    });

    const stopWatching = watchComposers(document, adapter, {
      onOpen(composer) {
        open.push(composer);
        forgetCaret.set(composer, rememberCaret(composer.editor));
        if (!ui.mounted) ui.mount();
      },
      onClose(composer) {
        open.splice(open.indexOf(composer), 1);
        forgetCaret.get(composer)?.();
        forgetCaret.delete(composer);
        if (open.length === 0) ui.remove();
      },
    });
    const stopPosts = watchPosts(document, adapter, () => open);
    ctx.onInvalidated(() => {
      stopWatching();
      stopPosts();
      ui.remove();
    });
  },
});
