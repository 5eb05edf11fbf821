// The one interface every social network implements. All of a site's selectors live in its adapter.
import type { Platform } from '../../shared/schema';

export interface Composer {
  /** The dialog or inline form holding the editor and its Post button. */
  root: Element;
  editor: HTMLElement;
}

export interface SiteAdapter {
  platform: Platform;
  /** Content-script match patterns for the site's pages. */
  matchPatterns: string[];
  /** Which page URLs this adapter handles. */
  matchesUrl(url: URL): boolean;
  /** CSS selector for editors, watched by the cheap appearance observer. */
  editorSelector: string;
  /** The composer around an editor element found by `editorSelector`, or null if it is not a post composer. */
  composerFor(editor: Element): Composer | null;
  /** The site's Post / Share button for this composer. */
  postButton(composer: Composer): HTMLElement | null;
  /** The text the site would post, read from the editor the way the site serialises it. */
  readText(composer: Composer): string;
  /** Inserts plain text at the caret and returns true only when the editor holds it exactly once more. */
  insertText(composer: Composer, text: string): Promise<boolean>;
  /** Attaches an image the way the site accepts it; true when the site took the file. */
  attachFile(composer: Composer, file: File): Promise<boolean>;
  /** Handle or name of the posting account if the page shows it, else ''. */
  readAccount(composer: Composer): string;
  /** True when the site says the post did not go out (an error notice after Post). */
  postFailed?(composer: Composer): boolean;
  /** The published post's address, when the site shows it after posting (X's "View" link). */
  findPostUrl?(doc: Document): string | undefined;
  /**
   * Pages whose address alone says the officer is composing a post. If no composer is recognised
   * there, the site's markup has changed and the sidebar offers copy and download instead.
   */
  isComposePage?(url: URL): boolean;
  /** Keyboard shortcut that posts (e.g. Ctrl/Cmd+Enter on X). */
  isPostShortcut?(event: KeyboardEvent): boolean;
}
