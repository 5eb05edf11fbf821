// Time to amplify urgent content: median and 90th percentile from publication to post, per
// programme and per officer, with its own CSV export (the log's CSV keeps the contract's columns).
import { i18n } from '#i18n';
import { amplifyCsv, type AmplifyRow } from '@/utils/shared/amplify';
import { formatDuration, formatNumber } from '@/utils/shared/locale';
import { saveFile } from '@/utils/shared/save-file';

function Table({ caption, rows, testId }: { caption: string; rows: AmplifyRow[]; testId: string }) {
  return (
    <table data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{i18n.t('amplify.name')}</th>
          <th scope="col">{i18n.t('amplify.posts')}</th>
          <th scope="col">{i18n.t('amplify.median')}</th>
          <th scope="col">{i18n.t('amplify.p90')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr data-name={r.name} data-median-seconds={Math.round(r.medianSeconds)} data-p90-seconds={Math.round(r.p90Seconds)}>
            <th scope="row">{r.name}</th>
            <td>{formatNumber(r.posts)}</td>
            <td>{formatDuration(r.medianSeconds)}</td>
            <td>{formatDuration(r.p90Seconds)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function AmplifyTable({ perProgram, perOfficer }: { perProgram: AmplifyRow[]; perOfficer: AmplifyRow[] }) {
  const exportCsv = () => saveFile(`humas-kanal-waktu-amplifikasi-${new Date().toISOString().slice(0, 10)}.csv`, new Blob([amplifyCsv(perProgram, perOfficer)], { type: 'text/csv;charset=utf-8' }));
  return (
    <section class="hk-amplify" data-testid="hk-amplify" aria-labelledby="hk-amplify-title">
      <h2 id="hk-amplify-title">{i18n.t('amplify.title')}</h2>
      {perProgram.length === 0 ? (
        <p>{i18n.t('amplify.none')}</p>
      ) : (
        <>
          <p>{i18n.t('amplify.explain')}</p>
          <Table caption={i18n.t('amplify.perProgram')} rows={perProgram} testId="hk-amplify-program" />
          <Table caption={i18n.t('amplify.perOfficer')} rows={perOfficer} testId="hk-amplify-officer" />
          <button type="button" data-testid="hk-amplify-export" onClick={exportCsv}>{i18n.t('amplify.export')}</button>
        </>
      )}
    </section>
  );
}
