// The desk's inbox: officers' hoax reports and content suggestions from the extension's popup
// (hub/desk/inbox.ts), newest first, with the officer, the agency and the time; an agency's accounts
// see their agency's, national accounts every agency's. Polled with the waiting list.
import { useEffect, useState } from 'preact/hooks';
import { formatDateTime } from '@/utils/shared/locale';
import type { InboxRow } from '../../desk/inbox';
import { api } from '../api';
import { pageLanguage } from '../i18n';

const words = {
  id: { title: 'Kotak masuk: laporan hoaks dan usulan petugas', empty: 'Belum ada laporan.', hoax: 'Hoaks', content: 'Usulan konten', from: '$1 ($2) · $3', screenshot: 'Tangkapan layar' },
  en: { title: 'Inbox: officers’ hoax reports and suggestions', empty: 'No reports yet.', hoax: 'Hoax', content: 'Content suggestion', from: '$1 ($2) · $3', screenshot: 'Screenshot' },
};
const it = (key: keyof (typeof words)['id'], ...args: string[]) => args.reduce((text, arg, i) => text.replace(`$${i + 1}`, arg), words[pageLanguage() === 'en' ? 'en' : 'id'][key]);

export function Inbox({ refresh, onError }: { refresh: number; onError: (err: unknown) => void }) {
  const [reports, setReports] = useState<InboxRow[]>();
  useEffect(() => {
    const load = () => api<{ reports: InboxRow[] }>('/desk/api/inbox').then((answer) => setReports(answer.reports), onError);
    void load();
    const timer = setInterval(() => void load(), 30_000);
    return () => clearInterval(timer);
  }, [refresh]);
  if (!reports) return null;
  return (
    <section data-testid="desk-inbox" aria-labelledby="desk-inbox-title">
      <h2 id="desk-inbox-title">{it('title')} ({reports.length})</h2>
      {reports.length === 0 && <p class="hk-muted">{it('empty')}</p>}
      <ul class="hk-inbox">
        {reports.map((r) => (
          <li data-testid="desk-inbox-row" data-report-id={r.id} data-kind={r.kind}>
            <strong class={r.kind === 'hoax' ? 'hk-alert' : ''}>{r.kind === 'hoax' ? it('hoax') : it('content')}</strong>{' '}
            <span data-testid="desk-inbox-from">{it('from', r.officerName, r.agencyName, formatDateTime(r.reportedAt))}</span>
            <p data-testid="desk-inbox-text" style="white-space: pre-wrap">{r.text}</p>
            {r.link && /^https?:\/\//.test(r.link) && <p><a data-testid="desk-inbox-link" href={r.link} target="_blank" rel="noreferrer noopener">{r.link}</a></p>}
            {r.hasScreenshot && (
              <a href={`/desk/api/inbox/${encodeURIComponent(r.id)}/screenshot`} target="_blank" rel="noreferrer noopener">
                <img data-testid="desk-inbox-screenshot" src={`/desk/api/inbox/${encodeURIComponent(r.id)}/screenshot`} alt={it('screenshot')} style="max-width: 240px; max-height: 240px" />
              </a>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
