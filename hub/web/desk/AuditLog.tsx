// The desk's audit log as its accounts read it: the chain's verification first, then the newest rows
// of their libraries (who, when, what, which item and version, the diff summary).
import { useEffect, useState } from 'preact/hooks';
import { formatNumber } from '@/utils/shared/locale';
import { deskApi, type AuditRow, type ChainCheck } from './desk-api';
import { dt } from './messages';

const summaryText = (summary: Record<string, unknown>) =>
  Object.entries(summary).map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : String(v)}`).join(' · ');

export function AuditLog({ refresh, onError }: { refresh: number; onError: (err: unknown) => void }) {
  const [audit, setAudit] = useState<{ check: ChainCheck; rows: AuditRow[] }>();
  useEffect(() => {
    deskApi.audit().then(setAudit, onError);
  }, [refresh]);
  if (!audit) return null;
  return (
    <section data-testid="desk-audit" aria-labelledby="desk-audit-title">
      <h2 id="desk-audit-title">{dt('audit')}</h2>
      <p data-testid="desk-audit-check" class={audit.check.ok ? '' : 'hk-alert'} role={audit.check.ok ? undefined : 'alert'}>
        {audit.check.ok ? dt('auditOk', [formatNumber(audit.check.rows)]) : dt('auditBroken', [audit.check.brokenAt])}
      </p>
      <table class="hk-simple-table">
        <thead><tr><th scope="col">#</th><th scope="col">{dt('auditWhen')}</th><th scope="col">{dt('auditWho')}</th><th scope="col">{dt('auditWhat')}</th><th scope="col">{dt('auditItem')}</th><th scope="col">{dt('auditSummary')}</th></tr></thead>
        <tbody>
          {audit.rows.map((r) => (
            <tr data-testid="desk-audit-row">
              <td>{r.seq}</td>
              <td>{new Date(r.at).toLocaleString()}</td>
              <td>{r.actor}</td>
              <td>{r.action}</td>
              <td>{r.library}{r.item ? ` / ${r.item}` : ''}{r.version ? ` v${r.version}` : ''}</td>
              <td>{summaryText(r.summary)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
