// What a posting-log entry from elsewhere (another officer's export, an upload to the hub) may hold.
import { z } from 'zod';
import { DISMISS_REASONS, POST_STATUSES, TAKEDOWN_ANSWERS } from './log-entry';
import { isNetwork } from './networks';
import { LIBRARY_ID_PATTERN } from './libraries';
import { MAX_CAPTION_VARIANTS } from './schema';

/** The longest each text field may be (UTF-16 units): the extension cuts to these when it writes an entry. */
export const ENTRY_LIMITS = { text: 70_000, account: 200, pageUrl: 2000, officerName: 200, agency: 200, program: 200, itemId: 64, mediaId: 128, mediaIds: 20, note: 500 } as const;

// What another officer's file may hold: bounded strings, and post addresses that are web links
// (a supervisor clicks them), never `javascript:` or the like.
const short = (max: number) => z.string().max(max);
export const hex = z.string().regex(/^[0-9a-f]{64}$/);
const postUrl = z.string().max(2000).regex(/^https:\/\//).optional();
/** When a scheduled post goes out: an ISO instant. */
export const scheduledFor = z.string().max(40).regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/).refine((s) => !Number.isNaN(Date.parse(s))).optional();

/** The item's library (utils/shared/libraries.ts); absent in entries from before several libraries. */
const libraryId = z.string().regex(LIBRARY_ID_PATTERN).optional();

const LoggedPostSchema = z.object({
  id: z.string().min(1).max(64),
  postedAt: z.string().min(1).max(40),
  // Checked against the networks known when the file is read, not when this module loaded.
  platform: z.string().refine(isNetwork),
  itemId: short(ENTRY_LIMITS.itemId),
  itemVersion: z.number().int(),
  mediaIds: z.array(short(ENTRY_LIMITS.mediaId)).max(ENTRY_LIMITS.mediaIds),
  text: short(ENTRY_LIMITS.text),
  edited: z.boolean(),
  account: short(ENTRY_LIMITS.account),
  pageUrl: short(ENTRY_LIMITS.pageUrl),
  officerName: short(ENTRY_LIMITS.officerName),
  agency: short(ENTRY_LIMITS.agency),
  status: z.enum(POST_STATUSES).optional(),
  prevHash: hex,
  hash: hex,
  program: short(ENTRY_LIMITS.program).optional(),
  libraryId,
  postUrl,
  secondsToPost: z.number().int().min(0).max(10 * 365 * 86_400).optional(),
  /** The caption variant inserted (docs/feed-extensions.md): an index into the item's approved captions. */
  variant: z.number().int().min(0).max(MAX_CAPTION_VARIANTS).optional(),
  postKind: z.enum(['quote']).optional(),
});

const LoggedUpdateSchema = z.object({
  id: z.string().min(1).max(64),
  updates: z.string().min(1).max(64),
  observedAt: z.string().min(1).max(40),
  status: z.enum(POST_STATUSES).optional(),
  scheduledFor,
  postUrl,
  takedown: z.enum(TAKEDOWN_ANSWERS).optional(),
  takedownNote: short(ENTRY_LIMITS.note).optional(),
  prevHash: hex,
  hash: hex,
});

const LoggedDismissalSchema = z.object({
  id: z.string().min(1).max(64),
  dismisses: short(ENTRY_LIMITS.itemId),
  libraryId,
  itemVersion: z.number().int(),
  program: short(ENTRY_LIMITS.program),
  reason: z.enum(DISMISS_REASONS),
  note: short(ENTRY_LIMITS.note).optional(),
  observedAt: z.string().min(1).max(40),
  officerName: short(ENTRY_LIMITS.officerName),
  agency: short(ENTRY_LIMITS.agency),
  prevHash: hex,
  hash: hex,
});

export const LoggedEntrySchema = z.union([LoggedUpdateSchema, LoggedDismissalSchema, LoggedPostSchema]);

/** An uploaded entry: the same fields plus the install's signature of its hash, and nothing the hash does not cover. */
const signature = z.string().min(1).max(200);

/** An entry of an exported file: its signature travels with it (absent in files from before exports carried them). */
export const ExportedEntrySchema = z.union([
  LoggedUpdateSchema.extend({ signature: signature.optional() }),
  LoggedDismissalSchema.extend({ signature: signature.optional() }),
  LoggedPostSchema.extend({ signature: signature.optional() }),
]);
const SignedUpdateSchema = LoggedUpdateSchema.extend({ signature }).strict();
const SignedPostSchema = LoggedPostSchema.extend({ signature }).strict();
const SignedDismissalSchema = LoggedDismissalSchema.extend({ signature }).strict();

/** Whether an uploaded entry is well formed, checking only the schema its kind calls for (uploads are large). */
export function isSignedEntry(entry: unknown): boolean {
  if (typeof entry !== 'object' || entry === null) return false;
  const schema = 'updates' in entry ? SignedUpdateSchema : 'dismisses' in entry ? SignedDismissalSchema : SignedPostSchema;
  return schema.safeParse(entry).success;
}
