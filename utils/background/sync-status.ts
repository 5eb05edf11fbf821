// Sync state kept in the meta table, and the plain words (Indonesian or English) the UI shows for it.
import { i18n } from '#i18n';
import { formatDateTime, formatNumber } from '../shared/locale';

export type SyncErrorCode = 'unreachable' | 'timeout' | 'http' | 'signature' | 'format' | 'permission' | 'storage' | 'older' | 'unsigned' | 'insecureUrl' | 'binding';

export class SyncError extends Error {
  constructor(readonly code: SyncErrorCode, readonly detail = '') {
    super(`${code}${detail ? `: ${detail}` : ''}`);
  }
}

export interface SyncState {
  libraryUrl?: string;
  cursor?: string;
  etag?: string;
  lastSuccessAt?: string;
  lastAttemptAt?: string;
  running?: boolean;
  /** Items skipped as invalid in the last sync. */
  skippedInvalid: number;
  /** Images rejected (sha256/size mismatch) or still waiting for a retry. */
  mediaProblems: number;
  /** The last sync left full images to be downloaded when needed (data-saver mode). */
  dataSaver?: boolean;
  /** The browser refused to store images (quota): the library text still works. */
  storageFull?: boolean;
  lastError?: { code: SyncErrorCode; detail: string; at: string };
  /** The highest publication number accepted: an answer with a lower one is a replay and changes nothing. */
  sequence?: number;
  /** `issuedAt` of the newest accepted page: how current the library is (a 304 proves nothing new). */
  issuedAt?: string;
  /** Cache-Control max-age of the feed's last answer (the one-minute check waits that long). */
  maxAgeSeconds?: number;
  /** How the library publishes: the static layout (docs/static-format.md) or feed pages; and when that was last asked. */
  layout?: 'static' | 'feed';
  layoutCheckedAt?: string;
  /** The library publishes one full snapshot (feed v1.2): it is asked without a cursor. */
  fullSnapshots?: boolean;
  /** The static index's ETag while its publication is being applied (it becomes `etag` when done). */
  pendingEtag?: string;
  /** The library's own name for itself (the feed's or index's `publisher`): the label of a library policy names none. */
  publisher?: string;
  /** The sha256 of the static layout's hints file last handed to the adapters. */
  hintsSha?: string;
  /** A static snapshot being applied: its publication and the ids listed on each page already committed (by the page's sha256). */
  snapshotProgress?: { sequence: number; pages: Record<string, string[]> };
}

export interface Freshness {
  /** Days after which a library without a newer verified page is shown as stale. */
  maxAgeDays: number;
  now: Date;
}

export const SYNC_STATE_KEY = 'sync';
/** Each library's own text state: the primary keeps the key of installs from before several libraries. */
export const syncStateKey = (library?: { id: string; primary: boolean }) => (!library || library.primary ? SYNC_STATE_KEY : `${SYNC_STATE_KEY}:${library.id}`);

const errorText = (code: SyncErrorCode) => i18n.t(`status.error.${code}`);

export function describeSyncError(code: SyncErrorCode, detail = ''): string {
  return code === 'http' && detail ? `${errorText('http')} ${detail}` : errorText(code);
}

/** One line for `hk-status`: item count, last sync, skipped items and the last error. */
export function describeSyncState(state: SyncState, itemCount: number, freshness?: Freshness): string {
  const parts: string[] = [];
  const asOf = state.issuedAt ?? state.lastSuccessAt;
  if (freshness && asOf && freshness.now.getTime() - Date.parse(asOf) > freshness.maxAgeDays * 86_400_000) {
    parts.push(i18n.t('status.stale', [formatDateTime(asOf)]));
  }
  if (state.running) parts.push(i18n.t('common.syncing'));
  parts.push(i18n.t('status.items', [formatNumber(itemCount)]));
  // "Last synced" is the issue time of the newest verified page when the library gives one.
  parts.push(asOf ? i18n.t('status.lastSync', [formatDateTime(asOf)]) : i18n.t('status.neverSynced'));
  if (state.skippedInvalid > 0) parts.push(i18n.t('status.skipped', [formatNumber(state.skippedInvalid)]));
  if (state.mediaProblems > 0) parts.push(i18n.t('status.mediaProblems', [formatNumber(state.mediaProblems)]));
  if (state.storageFull) parts.push(errorText('storage'));
  if (state.dataSaver) parts.push(i18n.t('status.dataSaver'));
  const text = parts.join(' · ');
  return state.lastError ? `${describeSyncError(state.lastError.code, state.lastError.detail)}. ${text}` : text;
}
