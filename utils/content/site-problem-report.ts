// Tells the background that this page's site did not behave as its adapter expects (a drift report,
// utils/background/site-problems.ts): which network, which step, and the page's path — never its
// query, never anything the page shows. Fire and forget: the officer's work never waits for it.
import type { Platform } from '../shared/networks';
import { pathOnly, type SiteProblemStep } from '../shared/site-problem';
import { sendMessage } from '../shared/send-message';

export function reportSiteProblem(network: Platform, step: SiteProblemStep, url: string = location.href): void {
  void Promise.resolve()
    .then(() => sendMessage('siteProblem.report', { network, step, path: pathOnly(url) }))
    .catch(() => undefined);
}
