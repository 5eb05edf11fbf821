// A posting-log entry as the extension writes it, signs it and reports it, and the pure helpers
// that read it. Shared by the extension's pages and the supervisor hub (no storage here).
import type { Platform } from './networks';

export interface LogEntry {
  id: string;
  postedAt: string;
  platform: Platform;
  itemId: string;
  itemVersion: number;
  mediaIds: string[];
  text: string;
  edited: boolean;
  account: string;
  pageUrl: string;
  officerName: string;
  agency: string;
  /** What the site said when the entry was written: at the Post click that is always `unconfirmed`. */
  status: PostStatus;
  /** The item's programme when posted (items can be withdrawn later). */
  program: string;
  /** The published post's address, when the site showed it before the entry was written. */
  postUrl?: string;
  /** Urgent items only: seconds from the item's `publishedAt` to this post (derived, never typed). */
  secondsToPost?: number;
  /** Which approved caption variant was inserted (0: `captions[platform]`/`default`), when the network had several. */
  variant?: number;
  /** `quote`: a quote of the item's official post (the officer's line and its address); absent: the caption. */
  postKind?: 'quote';
  /** The library the item came from (utils/shared/libraries.ts); entries written before several libraries carry none. */
  libraryId?: string;
  prevHash: string;
  hash: string;
  /** base64 Ed25519 signature of `hash` by this install's key (entries written before installs had keys: none). */
  signature?: string;
}

/** `scheduled`: the officer scheduled the post on the site instead of posting it (X's "Schedule"). */
export const POST_STATUSES = ['unconfirmed', 'confirmed', 'failed', 'scheduled'] as const;
export type PostStatus = (typeof POST_STATUSES)[number];

/**
 * A later fact about a post, as its own entry in the chain (hashed entries are never edited): the
 * site's verdict and/or the post's address. It has no `postedAt`, so the log's indexes, and with
 * them the dashboard's lists, see posts only.
 */
export interface LogUpdate {
  id: string;
  /** The id of the post entry this one completes. */
  updates: string;
  observedAt: string;
  status?: PostStatus;
  /** With `scheduled`: when the site will publish the post (ISO), if the page showed it. */
  scheduledFor?: string;
  postUrl?: string;
  /** Take-down loop (docs/editorial-desk.md): the officer was asked to remove the post, removed it, or refused. */
  takedown?: TakedownAnswer;
  /** With `refused`: why the post stays (the officer's words). */
  takedownNote?: string;
  prevHash: string;
  hash: string;
  /** base64 Ed25519 signature of `hash` by this install's key (entries written before installs had keys: none). */
  signature?: string;
}

/** A post of withdrawn content: the extension asked its officer to remove it (`asked`), then the officer's answer. */
export const TAKEDOWN_ANSWERS = ['asked', 'removed', 'refused'] as const;
export type TakedownAnswer = (typeof TAKEDOWN_ANSWERS)[number];

/** Why an officer takes an urgent item off the to-do without posting it everywhere. */
export const DISMISS_REASONS = ['notRelevant', 'noAccount', 'postedElsewhere', 'instructed', 'other'] as const;
export type DismissReason = (typeof DISMISS_REASONS)[number];

/**
 * The officer took an urgent item off the to-do without posting it everywhere, and said why: its
 * own entry in the chain, so the supervisor sees it. No `postedAt`: the post lists skip it.
 */
export interface LogDismissal {
  id: string;
  /** The item's id. */
  dismisses: string;
  /** The item's library, as in LogEntry. */
  libraryId?: string;
  itemVersion: number;
  program: string;
  reason: DismissReason;
  /** Free words for `other` (or to add to any reason). */
  note?: string;
  observedAt: string;
  officerName: string;
  agency: string;
  prevHash: string;
  hash: string;
  signature?: string;
}

/** Local bookkeeping on stored rows, outside the hash: chain order, chain, and a post's latest state. */
export interface StoredAnnotations {
  /** Local sequence number: the chain order. */
  seq?: number;
  /** Which chain the entry belongs to: 'local', or the chain id of an imported export. */
  chain: string;
  /** On post entries: the status and address the newest update gave (derived from the chain). */
  latest?: PostState;
}

export type StoredLogEntry = LogEntry & StoredAnnotations;
export type StoredLogUpdate = LogUpdate & StoredAnnotations;
export type StoredLogDismissal = LogDismissal & StoredAnnotations;
/** A row of the log table: a post, an update of one, or a dismissal of an urgent item. */
export type StoredLogRow = StoredLogEntry | StoredLogUpdate | StoredLogDismissal;

/**
 * Chains imported from other browsers are stored under their trust: `import:` when every entry was
 * signed by the key the file carried, `unverified:` without key or signatures, `broken:` when a
 * hash or signature failed. Only this browser's own chain ('local') and verified imports are trusted.
 */
export const CHAIN_TRUST_PREFIX = { verified: 'import:', unverified: 'unverified:', broken: 'broken:' } as const;

/** Whether a stored row comes from a chain nobody's signature vouches for (the dashboard says so). */
export const isUnverifiedChain = (chain: string | undefined): boolean =>
  !!chain && (chain.startsWith(CHAIN_TRUST_PREFIX.unverified) || chain.startsWith(CHAIN_TRUST_PREFIX.broken));

/** Posts are the rows with a `postedAt` (updates and dismissals have none). */
export function isPostEntry<T extends object>(row: T): row is Exclude<T, { updates: string } | { dismisses: string }> {
  return typeof (row as { postedAt?: unknown }).postedAt === 'string';
}

export function isDismissal<T extends object>(row: T): row is Extract<T, { dismisses: string }> {
  return typeof (row as { dismisses?: unknown }).dismisses === 'string';
}

/** A post's latest state: its status, its address, and for a scheduled post its time. */
export interface PostState {
  status: PostStatus;
  postUrl?: string;
  scheduledFor?: string;
  /** The newest take-down answer, when the post's content was withdrawn. */
  takedown?: { answer: TakedownAnswer; note?: string; at: string };
}

/** A post's status and address as the supervisor should see them: the newest update wins. */
export function currentState(entry: StoredLogEntry): PostState {
  // Entries from before statuses existed were only written once the site had confirmed the post.
  const state: PostState = { status: entry.latest?.status ?? entry.status ?? 'confirmed', postUrl: entry.latest?.postUrl ?? entry.postUrl };
  return entry.latest?.scheduledFor ? { ...state, scheduledFor: entry.latest.scheduledFor } : state;
}

/**
 * Whether a post counts as posted at `now`: not refused, and a scheduled post only once its time has
 * passed (without a known time it has not: the site may still be holding it).
 */
export function countsAsPosted(state: PostState, now: Date): boolean {
  if (state.status === 'failed') return false;
  if (state.status !== 'scheduled') return true;
  const at = state.scheduledFor ? Date.parse(state.scheduledFor) : NaN;
  return !Number.isNaN(at) && at <= now.getTime();
}

