// Sync state kept in the meta table, and the plain-Indonesian words the UI shows for it.

export type SyncErrorCode = 'unreachable' | 'timeout' | 'http' | 'signature' | 'format' | 'permission' | 'storage';

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
  /** The browser refused to store images (quota): the library text still works. */
  storageFull?: boolean;
  lastError?: { code: SyncErrorCode; detail: string; at: string };
}

export const SYNC_STATE_KEY = 'sync';

const ERROR_TEXT: Record<SyncErrorCode, string> = {
  unreachable: 'Server pustaka tidak dapat dihubungi',
  timeout: 'Server pustaka tidak menjawab (waktu habis)',
  http: 'Server pustaka menjawab dengan galat',
  signature: 'Tanda tangan tidak valid — pustaka tidak diubah',
  format: 'Format feed pustaka tidak valid — pustaka tidak diubah',
  permission: 'Server pustaka tidak dapat dihubungi. Bila server instansi tidak mengizinkan akses (CORS), klik "Beri izin akses" di popup Humas Kanal',
  storage: 'Penyimpanan browser penuh — gambar tidak dapat disimpan',
};

export function describeSyncError(code: SyncErrorCode, detail = ''): string {
  return code === 'http' && detail ? `${ERROR_TEXT.http} ${detail}` : ERROR_TEXT[code];
}

const timeFormat = new Intl.DateTimeFormat('id-ID', { dateStyle: 'medium', timeStyle: 'short' });

/** One line for `hk-status`: item count, last sync, skipped items and the last error. */
export function describeSyncState(state: SyncState, itemCount: number): string {
  const parts: string[] = [];
  if (state.running) parts.push('Menyinkronkan…');
  parts.push(`${itemCount} konten`);
  parts.push(state.lastSuccessAt ? `sinkron terakhir ${timeFormat.format(new Date(state.lastSuccessAt))}` : 'belum pernah sinkron');
  if (state.skippedInvalid > 0) parts.push(`${state.skippedInvalid} konten tidak valid dilewati`);
  if (state.mediaProblems > 0) parts.push(`${state.mediaProblems} gambar belum tersedia`);
  if (state.storageFull) parts.push(ERROR_TEXT.storage);
  const text = parts.join(' · ');
  return state.lastError ? `${describeSyncError(state.lastError.code, state.lastError.detail)}. ${text}` : text;
}
