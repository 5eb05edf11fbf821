// The desk's JSON API as its page calls it (hub/desk/routes.ts).
import type { ChainCheck, AuditRow } from '../../desk/audit';
import type { DeskItemDetail, DeskListRow, WaitingItem } from '../../desk/queries';
import type { GprDeskImport } from '../../desk/gpr-inbox';
import type { UploadedMedia } from '../../desk/media';
import { api } from '../api';

export type { DeskItemDetail, DeskListRow, WaitingItem, UploadedMedia, AuditRow, ChainCheck };
export interface DeskLibraryInfo {
  id: string;
  name: string;
  publicKey: string;
  roles: ('editor' | 'approver')[];
}

const base = (library: string) => `/desk/api/libraries/${encodeURIComponent(library)}`;
const json = (method: string, body: unknown): RequestInit => ({ method, body: JSON.stringify(body) });

export const deskApi = {
  libraries: () => api<{ libraries: DeskLibraryInfo[]; waiting: WaitingItem[] }>('/desk/api/libraries'),
  waiting: () => api<{ waiting: WaitingItem[] }>('/desk/api/waiting'),
  items: (library: string) => api<{ items: DeskListRow[] }>(`${base(library)}/items`),
  item: (library: string, id: string) => api<DeskItemDetail>(`${base(library)}/items/${id}`),
  create: (library: string, content: unknown) => api<{ id: string; version: number }>(`${base(library)}/items`, json('POST', { content })),
  save: (library: string, id: string, content: unknown, reason?: string) => api<{ version: number }>(`${base(library)}/items/${id}`, json('PUT', { content, reason })),
  submit: (library: string, id: string) => api(`${base(library)}/items/${id}/submit`, json('POST', {})),
  approve: (library: string, id: string) => api<{ publication: { sequence: number } }>(`${base(library)}/items/${id}/approve`, json('POST', {})),
  sendBack: (library: string, id: string, comment: string) => api(`${base(library)}/items/${id}/send-back`, json('POST', { comment })),
  withdraw: (library: string, id: string, reason: string) => api<{ publication: { sequence: number } }>(`${base(library)}/items/${id}/withdraw`, json('POST', { reason })),
  audit: () => api<{ check: ChainCheck; rows: AuditRow[] }>('/desk/api/audit'),
  upload: (library: string, file: File) => sendFile<UploadedMedia>(`${base(library)}/media`, file),
  /** The GPR feed file → drafts of the library (hub/desk/gpr-inbox.ts). */
  importGpr: (library: string, file: File) => sendFile<GprDeskImport>(`${base(library)}/gpr`, file),
};

async function sendFile<T>(path: string, file: File): Promise<T> {
  const form = new FormData();
  form.set('file', file);
  const res = await fetch(path, { method: 'POST', body: form, credentials: 'same-origin' });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(String(body.error ?? res.status));
  return body;
}

/** The server's message (Indonesian first) of a refused request. */
export const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));
