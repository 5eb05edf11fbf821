// An urgent item waiting for this approver raises a browser notification (the desk open in a
// background tab or a minimised window), once per item version and browser; the in-page list and the
// tab title's count remain for approvers who did not allow notifications.
import type { WaitingItem } from './desk-api';
import { dt } from './messages';

const NOTIFIED_KEY = 'hk-desk-urgent-notified';

export const canAskNotifications = () => typeof Notification !== 'undefined' && Notification.permission === 'default';

export function notifyUrgent(waiting: WaitingItem[]): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  const notified: string[] = JSON.parse(localStorage.getItem(NOTIFIED_KEY) ?? '[]');
  for (const item of waiting.filter((w) => w.priority === 'urgent')) {
    const key = `${item.library}/${item.id}/${item.version}`;
    if (notified.includes(key)) continue;
    notified.push(key);
    new Notification(dt('urgentWaiting'), { body: item.title, tag: key });
  }
  localStorage.setItem(NOTIFIED_KEY, JSON.stringify(notified.slice(-200)));
}
