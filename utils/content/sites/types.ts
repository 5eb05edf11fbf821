// The one interface every social network implements. All of a site's selectors live in its adapter.
import type { Platform } from '../../shared/schema';

export interface Composer {
  /** The dialog or inline form holding the editor and its Post button. */
  root: Element;
  /** The caption editor; on a step without one (Instagram's media step) the step's own element. */
  editor: HTMLElement;
}

/** What a composer's current step takes: Instagram takes media on step 1 and the caption on step 4. */
export interface ComposerStage {
  text: boolean;
  media: boolean;
}

/** An image handed to the site: `taken` at its first sign of having the file, `shown` once it displays it (false: never did). */
export interface MediaAttachment {
  taken: Promise<boolean>;
  shown: Promise<boolean>;
}

/** What the site said after Post/Share: posted, refused, or nothing yet. */
export type PostOutcome = 'confirmed' | 'failed' | undefined;

/** The officer scheduled the post on the site instead of posting it; `at` when the page shows the time. */
export interface ScheduledPost {
  at?: Date;
}

/** One network a Post click publishes to (Meta Business Suite posts to a Page and an Instagram account at once). */
export interface Placement {
  platform: Platform;
  /** The Page or account name the page shows for it, else ''. */
  account: string;
  /** Scheduled for this placement alone (Business Suite has one scheduling block per placement). */
  scheduled?: ScheduledPost;
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
  /**
   * A box of the editor kind that is not a post composer (X's reply box), as a composer to insert
   * into, or null. While it is where the officer works (focused, or in the top-most dialog), the
   * insertion goes there, never into a composer behind it, and nothing posted from it is logged.
   */
  replyComposer?(editor: Element): Composer | null;
  /**
   * The site's Post / Share button for this composer. It may stand outside the composer: Facebook's
   * Page flow puts the final Post in a second "Post settings" dialog.
   */
  postButton(composer: Composer): HTMLElement | null;
  /** What the composer's current step takes (default: text and media). */
  stage?(composer: Composer): ComposerStage;
  /** Image types the site takes; others are converted to JPEG in the browser first (default: any). */
  acceptsImage?(mime: string): boolean;
  /** The text the site would post, read from the editor the way the site serialises it. */
  readText(composer: Composer): string;
  /** Inserts plain text at the caret and returns true only when the editor holds it exactly once more. */
  insertText(composer: Composer, text: string): Promise<boolean>;
  /** Attaches an image the way the site accepts it; true only once the site shows it (a preview, an attachment). */
  attachFile(composer: Composer, file: File): Promise<boolean>;
  /**
   * Attaches an image and reports the site's signals as they come (sites/media-signals.ts), so the
   * text need not wait for a preview the adapter has to guess. Without it, `attachFile` is awaited.
   */
  attachMedia?(composer: Composer, file: File): MediaAttachment;
  /** What the officer should still do about an image the site took ('cropNotOriginal': Instagram's crop cuts it to a square). */
  mediaRemark?(composer: Composer): 'cropNotOriginal' | undefined;
  /** Handle or name of the posting account if the page shows it, else ''. */
  readAccount(composer: Composer): string;
  /**
   * Read at the Post click: the networks this click publishes to, when a composer posts to several
   * at once. Each placement is its own post and gets its own log entry (same text, same outcome;
   * `scheduled` on a placement makes its entry `scheduled` when the site takes the click).
   * Without this, or when it lists none, a click is one post on `platform`.
   */
  placements?(composer: Composer): Placement[];
  /**
   * After Post: what the site shows. Without this, a composer that closed or emptied counts as
   * posted; sites whose failures also close the composer (Instagram) must say it themselves.
   */
  postOutcome?(composer: Composer): PostOutcome;
  /**
   * Read at the Post click, before the site closes the composer: whether this click schedules the
   * post (X's "Schedule") rather than posting it. Its closing then means `scheduled`, not posted.
   */
  scheduledPost?(composer: Composer): ScheduledPost | undefined;
  /** The network id of this adapter's signed site hints, when not `platform` (Business Suite's own markup). */
  hintsNetwork?: string;
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
