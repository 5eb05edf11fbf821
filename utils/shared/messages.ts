// The one message protocol between content script / extension pages and the background.
import type { ContentItem, NetworkHints, Platform } from './schema';
import type { DismissReason } from './log-entry';
import type { SiteProblemStep } from './site-problem';
import type { TakedownAnswer } from './log-entry';
import type { SuggestionKind } from './suggestion';
import type { PostingWindow } from './variants';

/** An urgent item still to post, with a mark per network the officer posts on. */
export interface TodoItem {
  itemId: string;
  version: number;
  title: string;
  program: string;
  publishedAt: string;
  marks: { platform: Platform; posted: boolean }[];
}

/** A post of this officer whose content the library withdrew: "Hapus postingan ini" (utils/background/takedown.ts). */
export interface TakedownRequest {
  postId: string;
  itemId: string;
  title: string;
  platform: Platform;
  account: string;
  postedAt: string;
  /** The post's address, when the site showed it. */
  postUrl?: string;
  /** Withdrawn, or corrected with a request to delete posts of older versions. */
  cause: 'withdrawn' | 'corrected';
  /** When this browser learnt of the withdrawal (or of the correction). */
  withdrawnAt: string;
  /** `asked` until the officer answers; a refusal carries its reason in `note`. */
  answer?: TakedownAnswer;
  note?: string;
}

export interface LengthCheck {
  /** The site's own count: X weighted length, otherwise characters. */
  count: number;
  limit: number;
  hashtags: number;
  ok: boolean;
  /** Indonesian warning to show, empty when the text fits. */
  warning: string;
}

export interface LibraryQuery {
  text?: string;
  program?: string;
  kind?: ContentItem['kind'];
  platform: Platform;
  /** Only items whose composed text fits the platform's limits. */
  fitsOnly?: boolean;
  /** Only one library's items: its id (`LibraryView.sources`). */
  source?: string;
  limit?: number;
}

export interface CardImage {
  id: string;
  alt: string;
  mime: string;
  /** In the offline cache with verified bytes. */
  available: boolean;
  /** Small data-URL preview: the library's signed thumbnail, else one drawn from the cached image. */
  thumb?: string;
  /** Data-saver mode: the full image is downloaded when the officer inserts or downloads it. */
  onDemand?: boolean;
  /** Not cached yet but can be fetched now (not refused for wrong bytes or size). */
  fetchable?: boolean;
}

/** What a sidebar card needs: text fields and the caption as it will be inserted, never full images. */
export interface LibraryCard {
  id: string;
  version: number;
  title: string;
  program: string;
  kind: ContentItem['kind'];
  urgent: boolean;
  publishedAt: string;
  expiresAt?: string;
  text: string;
  check: LengthCheck;
  image?: CardImage;
  /** The item an urgent alert opened this compose page for: listed first, marked. */
  highlighted?: boolean;
  /** Which approved caption this officer got here (0-based of `count`), when the network has several. */
  variant?: { index: number; count: number };
  /** When to post it: a slot of its first hours, or now (urgent). */
  window?: PostingWindow;
  /** The official account's own post on this network: the card offers to quote it. */
  quoteUrl?: string;
  /** Which library the item comes from, when the officer follows several. */
  source?: CardSource;
}

export interface AttachedFile {
  name: string;
  mime: string;
  /** The cached image itself: messages are structured clones (wxt.config.ts), so it is not copied into a string. */
  blob: Blob;
}

export interface LibraryView {
  cards: LibraryCard[];
  programs: string[];
  status: string;
  /** The libraries followed, when there are several (the sidebar's filter by source). */
  sources?: CardSource[];
}

/** A library as the sidebar names it: its id filters (`LibraryQuery.source`), its label is shown on its cards. */
export interface CardSource {
  id: string;
  label: string;
}

export interface PreparedInsert {
  /** Handed out by the background; only a post from this tab with this token can create a log entry. */
  token: string;
  text: string;
  file?: AttachedFile;
  /** Set when the item has an image that is not in the offline cache (rejected or not downloaded yet). */
  missingImage?: boolean;
}

export interface Requests {
  /** `early`: asked before any sidebar is shown (utils/content/first-view.ts): the tab is not signed up for change notices. */
  'library.query': { req: { query: LibraryQuery; early?: boolean }; res: LibraryView };
  'library.syncNow': { req: Record<string, never>; res: { status: string } };
  'report.uploadNow': { req: Record<string, never>; res: { pending: number; sent: number; lastError?: string } };
  'status.get': { req: Record<string, never>; res: { status: string; libraryUrl: string; needsPermission: boolean } };
  /**
   * `firstLine`: the officer's own words, put before the official text; `quote`: the officer's line and
   * the item's official post address instead of its caption (no image).
   */
  'insert.prepare': { req: { itemId: string; platform: Platform; firstLine?: string; quote?: boolean }; res: PreparedInsert };
  /** The length check of what `insert.prepare` would insert with this first line (the card counts live). */
  'insert.check': { req: { itemId: string; platform: Platform; firstLine?: string; quote?: boolean }; res: LengthCheck };
  /** Downloads the item's first image now, ahead of all others (Sisipkan before it arrived). */
  'media.fetch': { req: { itemId: string }; res: { ready: boolean } };
  /** How far that download has come. */
  'media.progress': { req: { itemId: string }; res: { received: number; total: number; ready: boolean } };
  /** The item's first image from the offline cache (for "Unduh gambar"). */
  'media.get': { req: { itemId: string }; res: AttachedFile };
  /** Urgent items still to post on the networks this officer posts on (extension pages only). */
  'todo.list': { req: Record<string, never>; res: TodoItem[] };
  /** Takes an urgent item off the to-do with a reason, logged as its own entry (extension pages only). */
  'todo.dismiss': { req: { itemId: string; reason: DismissReason; note?: string }; res: { id: string } };
  /** The officer clicked Post/Share: the entry is written at once, `unconfirmed`. */
  'log.post': { req: { token: string; text: string; account: string; pageUrl: string }; res: { id: string } };
  /** What the site said afterwards (its verdict and/or the post's address): an update entry. */
  /** What the site said after Post: `scheduled` carries the chosen time (ISO) when the page showed it. */
  'log.update': { req: { token: string; status?: 'confirmed' | 'failed' | 'scheduled'; scheduledFor?: string; postUrl?: string }; res: { id: string } };
  /** A compose page the adapter could not work with (drift report, utils/background/site-problems.ts): no page content, only its path. */
  'siteProblem.report': { req: { network: Platform; step: SiteProblemStep; path: string }; res: { queued: boolean } };
  /** The signed library's site hints for a network (utils/background/site-hints.ts): extra selectors and texts, data only. */
  'siteHints.get': { req: { network: Platform }; res: NetworkHints };
  /** This officer's posts of withdrawn content and their take-down answers (extension pages only). */
  'takedown.list': { req: Record<string, never>; res: TakedownRequest[] };
  /** "Sudah dihapus" or a refusal with its reason: an update entry of the post (extension pages only). */
  'takedown.answer': { req: { postId: string; answer: Exclude<TakedownAnswer, 'asked'>; note?: string }; res: { id: string } };
  /** A hoax report or content suggestion for the desk's inbox, kept until the hub has it (extension pages only). */
  'suggestion.send': { req: { kind: SuggestionKind; text: string; link?: string; screenshot?: { mime: string; blob: Blob } }; res: { id: string; sent: boolean; pending: number; lastError?: string } };
}

export type RequestType = keyof Requests;
export type Message<T extends RequestType = RequestType> = { type: T } & Requests[T]['req'];

export function isMessage(value: unknown): value is Message {
  return !!value && typeof value === 'object' && typeof (value as { type?: unknown }).type === 'string';
}

/** Messages on the `hk-post` port a content script opens when the officer clicks Post. */
export type PostPortMessage =
  /** `platform`: one placement of a click that posts to several networks; its entry gets a token derived for that network. */
  | { type: 'intent'; token: string; text: string; account: string; pageUrl: string; platform?: Platform }
  | { type: 'outcome'; status: 'confirmed' | 'failed' }
  | { type: 'outcome'; status: 'scheduled'; scheduledFor?: string }
  | { type: 'postUrl'; postUrl: string };
export const POST_PORT = 'hk-post';

/**
 * A port the sidebar keeps open for requests it repeats quickly (search while typing): one message
 * each way instead of a new channel per request (measured here: round trip 1.2–1.5 ms median
 * against 2.1–2.8 ms for runtime.sendMessage). Requests carry an id, replies the same id.
 */
export const REQUEST_PORT = 'hk-requests';
export type PortRequest = Message & { id: number };
export type Reply<T = unknown> = { ok: true; value: T } | { ok: false; error: string };
export type PortReply = Reply & { id: number };

/** Sent by the background to tabs with a sidebar after each sync. */
export const LIBRARY_CHANGED = { type: 'library.changed' } as const;

