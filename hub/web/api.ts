// The hub's JSON API as the supervisors' page calls it (same origin, session cookie).
import type { LogFilter } from '@/utils/pages/log-query';
import { dayEndIso, dayStartIso } from '@/utils/shared/locale';

export class LoginNeeded extends Error {}

export async function api<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(path, { credentials: 'same-origin', ...init, headers: { 'Content-Type': 'application/json', ...init?.headers } });
  if (res.status === 401 && !path.startsWith('/api/login')) throw new LoginNeeded();
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw Object.assign(new Error(String(body.error ?? res.status)), { status: res.status });
  return body as T;
}

export type HubFilter = LogFilter & { agency?: string };

/** The filter as query parameters, local days turned into instants. */
export function filterQuery(filter: HubFilter): string {
  const params = new URLSearchParams();
  if (filter.from) params.set('from', dayStartIso(filter.from));
  if (filter.to) params.set('to', dayEndIso(filter.to));
  for (const key of ['platform', 'program', 'officer', 'agency', 'edited', 'status'] as const) if (filter[key]) params.set(key, String(filter[key]));
  if (filter.withdrawnOnly) params.set('withdrawnOnly', '1');
  return params.toString();
}
