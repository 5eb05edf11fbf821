// Posts per day as columns: every day of the last 30 (zero days included), localized dates, the
// values readable by screen readers from the figure's label.
import { i18n } from '#i18n';
import { daySeries } from '@/utils/shared/day-series';
import { formatNumber, uiLocale } from '@/utils/shared/locale';

const DAYS = 30;

/** The chart ends today, or at the last day with posts when that is later (a clock ahead, a time zone). */
function lastDay(perDay: [string, number][]): string {
  const today = new Date();
  const local = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
  const latest = perDay.map(([day]) => day).sort().at(-1);
  return latest && latest > local ? latest : local;
}

export function DayChart({ perDay }: { perDay: [string, number][] }) {
  const days = daySeries(perDay, lastDay(perDay), DAYS);
  const label = new Intl.DateTimeFormat(uiLocale(), { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const name = (day: string) => label.format(new Date(`${day}T00:00:00Z`));
  const max = Math.max(1, ...days.map(([, n]) => n));
  const title = i18n.t('dashboard.perDay');
  return (
    <figure class="hk-chart" data-testid="hk-chart-per-day">
      <figcaption>{title}</figcaption>
      <svg role="img" aria-label={`${title}: ${days.map(([d, n]) => `${name(d)} ${formatNumber(n)}`).join(', ')}`} width="100%" viewBox="0 0 320 120">
        {days.map(([day, n], i) => {
          const height = (n / max) * 90;
          return (
            <g data-day={day} data-posts={n}>
              <rect x={4 + i * 10.4} y={96 - height} width="8" height={Math.max(n ? 1 : 0, height)} fill="#8b0000" rx="1" />
              {/* Every 7th day named, today's last; its name ends at the edge rather than past it. */}
              {i % 7 === DAYS % 7 - 1 && <text x={i === DAYS - 1 ? 318 : 8 + i * 10.4} y="112" font-size="9" text-anchor={i === DAYS - 1 ? 'end' : 'middle'} fill="#1a1a1a">{name(day)}</text>}
            </g>
          );
        })}
        <line x1="2" x2="318" y1="96.5" y2="96.5" stroke="#767676" />
        <text x="318" y="10" font-size="9" text-anchor="end" fill="#1a1a1a">{formatNumber(max)}</text>
      </svg>
    </figure>
  );
}
