// Alerts for urgent content: when a sync brings an urgent item that is new, or newer than the
// version last alerted, the officer gets a browser notification at once (a counter-hoax must not
// wait for the officer to open a composer). Pure rules here; background.ts shows the notification.
import type { StoredItem } from '../storage/db';
import { networks, type NetworkProfile } from '../shared/networks';
import type { Settings } from '../shared/settings';

/** meta key: the version of each urgent item already alerted (never alerted twice for one version). */
export const ALERTED_KEY = 'alertedUrgent';

export interface UrgentAlert {
  itemId: string;
  version: number;
  title: string;
  program: string;
  /** The item's library label, when the officer follows several. */
  source?: string;
}

export type AlertPolicy = Partial<Pick<Settings, 'alertPrograms' | 'mutedPrograms'>>;

/**
 * Whether an urgent item of this programme alerts this officer: a counter-hoax always does; when
 * policy lists programmes, exactly those do (and cannot be muted); otherwise every programme the
 * officer has not muted. The badge and the popup's to-do follow the same rule.
 */
export function alertsFor(item: Pick<StoredItem, 'program' | 'kind'>, policy: AlertPolicy): boolean {
  if (item.kind === 'klarifikasi') return true;
  if (policy.alertPrograms?.length) return policy.alertPrograms.includes(item.program);
  return !policy.mutedPrograms?.includes(item.program);
}

/** Urgent, still valid, alerting under the policy, and not alerted at this version yet. */
export function urgentAlerts(upserted: StoredItem[], alerted: Record<string, number>, now: Date, policy: AlertPolicy = {}): UrgentAlert[] {
  return upserted
    .filter((item) => item.priority === 'urgent' && (!item.expiresAt || Date.parse(item.expiresAt) > now.getTime()) && (alerted[item.id] ?? 0) < item.version)
    .filter((item) => alertsFor(item, policy))
    .map((item) => ({ itemId: item.id, version: item.version, title: item.title, program: item.program }));
}

/** Notification ids carry the item, so a click knows what it was about. */
export const alertId = (itemId: string) => `hk-urgent:${itemId}`;
export const alertItem = (notificationId: string) => (notificationId.startsWith('hk-urgent:') ? notificationId.slice('hk-urgent:'.length) : undefined);

/** storage.session key: the item a compose tab opened from an alert should show first. */
export const highlightKey = (tabId: number) => `highlight:${tabId}`;

/**
 * The networks an alert's buttons open, in order. Chrome shows at most two buttons, so the first two
 * networks get buttons and a click on the alert itself opens the first.
 */
export function alertTargets(): NetworkProfile[] {
  return networks().filter((n) => n.composeUrl);
}
