// Drift reports (hub/site-problems.ts): per network, which step of the extension fails on a site,
// how many officers hit it since when and on which version, and an hourly count for the last 24
// hours. A line here means a site changed its markup: officers are in copy mode until it is bridged.
import { i18n } from '#i18n';
import { useEffect, useState } from 'preact/hooks';
import { formatDateTime, formatNumber, uiLocale } from '@/utils/shared/locale';
import { isNetwork, networkName } from '@/utils/shared/networks';
import { SITE_PROBLEM_STEPS, type SiteProblemStep } from '@/utils/shared/site-problem';
import type { SiteProblemSummary } from '../site-problems';
import { api } from './api';

const stepName = (step: string) => ((SITE_PROBLEM_STEPS as readonly string[]).includes(step) ? i18n.t(`hub.siteProblems.step.${step as SiteProblemStep}`) : step);
const name = (network: string) => (isNetwork(network) ? networkName(network) : network);

/** "10:02" for a time today, the date and time otherwise. */
function since(iso: string): string {
  const at = new Date(iso);
  return at.toDateString() === new Date().toDateString() ? new Intl.DateTimeFormat(uiLocale(), { hour: '2-digit', minute: '2-digit' }).format(at) : formatDateTime(iso);
}

const hourOf = (iso: string) => new Intl.DateTimeFormat(uiLocale(), { hour: '2-digit', minute: '2-digit' }).format(new Date(iso));

export function SiteProblems({ onError }: { onError: (err: unknown) => void }) {
  const [summary, setSummary] = useState<SiteProblemSummary>();
  useEffect(() => {
    api<SiteProblemSummary>('/api/site-problems').then(setSummary, onError);
  }, []);
  if (!summary) return null;
  const networks = [...new Set(summary.hourly.map((h) => h.network))];
  const hours = [...new Set(summary.hourly.map((h) => h.hour))];
  const count = (network: string, hour: string) => summary.hourly.find((h) => h.network === network && h.hour === hour)?.count ?? 0;
  return (
    <section data-testid="hub-site-problems" aria-labelledby="hub-site-problems-title">
      <h2 id="hub-site-problems-title">{i18n.t('hub.siteProblems.title')}</h2>
      {summary.lines.length === 0 ? (
        <p data-testid="hub-site-problems-none">{i18n.t('hub.siteProblems.none')}</p>
      ) : (
        <>
          <ul class="hk-alert" data-testid="hub-site-problem-lines">
            {summary.lines.map((l) => (
              <li data-testid="hub-site-problem" data-network={l.network} data-step={l.step}>
                {i18n.t('hub.siteProblems.line', [name(l.network), stepName(l.step), formatNumber(l.officers), since(l.since), l.version])}
              </li>
            ))}
          </ul>
          <table class="hk-simple-table" data-testid="hub-site-problems-hourly">
            <caption>{i18n.t('hub.siteProblems.hourly')}</caption>
            <thead>
              <tr><th scope="col">{i18n.t('hub.siteProblems.hour')}</th>{networks.map((n) => <th scope="col">{name(n)}</th>)}</tr>
            </thead>
            <tbody>
              {hours.map((hour) => (
                <tr><th scope="row">{hourOf(hour)}</th>{networks.map((n) => <td>{formatNumber(count(n, hour))}</td>)}</tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
