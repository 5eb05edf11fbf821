// The report server's problems in the officer's own words: why entries wait, and which entries it
// refused and why (popup and dashboard).
import { i18n } from '#i18n';
import type { ReportProblems as Problems } from '@/utils/pages/report-problems';
import { formatNumber } from '@/utils/shared/locale';

const REASONS = ['format', 'signature', 'hash', 'officer', 'revoked', 'time'] as const;

function reasonText(reason: string): string {
  return (REASONS as readonly string[]).includes(reason) ? i18n.t(`report.reason.${reason as (typeof REASONS)[number]}`) : reason;
}

export function ReportProblems({ problems }: { problems: Problems }) {
  const counts = new Map<string, number>();
  for (const r of problems.refused) counts.set(r.reason, (counts.get(r.reason) ?? 0) + 1);
  return (
    <>
      {problems.waiting && <li data-testid="hk-report-waiting" class="hk-alert">{i18n.t('report.waiting', [problems.waiting])}</li>}
      {counts.size > 0 && (
        <li data-testid="hk-report-refused" class="hk-alert">
          {i18n.t('report.refused', [formatNumber(problems.refused.length)])}{' '}
          {[...counts].map(([reason, n]) => `${reasonText(reason)} (${formatNumber(n)})`).join('; ')}
        </li>
      )}
    </>
  );
}
