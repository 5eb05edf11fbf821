// A small accessible SVG bar chart: labels and values stay readable without a chart library.
import { i18n } from '#i18n';
import { formatNumber } from '@/utils/shared/locale';
import { networkName } from '@/utils/shared/networks';
import { DayChart } from './DayChart';

export function BarChart({ title, data }: { title: string; data: [string, number][] }) {
  const max = Math.max(1, ...data.map(([, v]) => v));
  const barHeight = 18;
  const height = data.length * (barHeight + 6) + 4;
  return (
    <figure class="hk-chart">
      <figcaption>{title}</figcaption>
      {data.length === 0 ? (
        <p class="hk-empty">{i18n.t('dashboard.noData')}</p>
      ) : (
        <svg role="img" aria-label={`${title}: ${data.map(([k, v]) => `${k} ${formatNumber(v)}`).join(', ')}`} width="100%" height={height} viewBox={`0 0 320 ${height}`}>
          {data.map(([label, value], i) => {
            const y = i * (barHeight + 6) + 2;
            const width = Math.max(2, (value / max) * 170);
            return (
              <g>
                <text x="0" y={y + 13} font-size="11" fill="#1a1a1a">{label.length > 18 ? `${label.slice(0, 17)}…` : label}</text>
                <rect x="110" y={y} width={width} height={barHeight} fill="#8b0000" rx="2" />
                <text x={116 + width} y={y + 13} font-size="11" fill="#1a1a1a">{formatNumber(value)}</text>
              </g>
            );
          })}
        </svg>
      )}
    </figure>
  );
}

/** The posting log's three charts (per day, platform, programme), for the dashboard and the hub. */
export function LogCharts({ stats }: { stats?: { perDay: [string, number][]; perPlatform: [string, number][]; perProgram: [string, number][] } }) {
  return (
    <section class="hk-charts" aria-label={i18n.t('dashboard.charts')}>
      <DayChart perDay={stats?.perDay ?? []} />
      <BarChart title={i18n.t('dashboard.perPlatform')} data={(stats?.perPlatform ?? []).map(([k, v]) => [networkName(k), v])} />
      <BarChart title={i18n.t('dashboard.perProgram')} data={stats?.perProgram ?? []} />
    </section>
  );
}
