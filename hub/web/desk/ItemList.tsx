// The library's items grouped by state (waiting for approval first), with the actions each role has:
// edit or correct (editors), approve, send back with a comment, withdraw with a reason (approvers).
import { useState } from 'preact/hooks';
import { formatNumber } from '@/utils/shared/locale';
import type { DeskListRow } from './desk-api';
import { dt, type DeskMessage } from './messages';

const STATES = ['review', 'sent_back', 'draft', 'published', 'withdrawn'] as const;

export interface ListActions {
  edit(row: DeskListRow): void;
  approve(row: DeskListRow): Promise<void>;
  sendBack(row: DeskListRow, comment: string): Promise<void>;
  withdraw(row: DeskListRow, reason: string): Promise<void>;
}

/** A button that first asks for a required text (a comment or a reason). */
function WithText({ label, ask, testid, run }: { label: string; ask: string; testid: string; run: (text: string) => Promise<void> }) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  if (!open) return <button type="button" data-testid={testid} onClick={() => setOpen(true)}>{label}</button>;
  return (
    <form class="hk-desk-inline" onSubmit={(e) => { e.preventDefault(); void run(text).then(() => setOpen(false)); }}>
      <label>{ask} <input data-testid={`${testid}-text`} value={text} required onInput={(e) => setText((e.target as HTMLInputElement).value)} /></label>
      <button type="submit" data-testid={`${testid}-confirm`}>{label}</button>
      <button type="button" onClick={() => setOpen(false)}>{dt('cancel')}</button>
    </form>
  );
}

export function ItemList({ rows, roles, actions }: { rows: DeskListRow[]; roles: string[]; actions: ListActions }) {
  const editor = roles.includes('editor');
  const approver = roles.includes('approver');
  return (
    <div class="hk-desk-lists">
      {STATES.map((state) => {
        const group = rows.filter((r) => r.state === state);
        return (
          <section data-testid={`desk-state-${state}`} aria-label={dt(`state_${state}` as DeskMessage)}>
            <h3>{dt(`state_${state}` as DeskMessage)} ({formatNumber(group.length)})</h3>
            {group.length === 0 ? <p class="hk-muted">{dt('empty')}</p> : (
              <ul>
                {group.map((row) => (
                  <li data-testid="desk-item" data-item-id={row.id}>
                    {row.priority === 'urgent' && <strong class="hk-desk-urgent">URGENT </strong>}
                    {row.fromGpr && <span class="hk-desk-gpr-mark" data-testid="desk-from-gpr">{dt('fromGpr')} </span>}
                    <span>{row.title || row.id}</span> <span class="hk-muted">· {dt('version', [row.version])}</span>
                    {row.comment && <p class="hk-notice">{dt('comment')}: {row.comment}</p>}
                    {row.reason && <p class="hk-muted">{dt('reason')}: {row.reason}</p>}
                    <span class="hk-desk-actions">
                      {editor && (state === 'draft' || state === 'sent_back') && <button type="button" data-testid="desk-edit" onClick={() => actions.edit(row)}>{dt('edit')}</button>}
                      {editor && state === 'published' && <button type="button" data-testid="desk-correct" onClick={() => actions.edit(row)}>{dt('correct')}</button>}
                      {approver && state === 'review' && (row.canApprove
                        ? <button type="button" data-testid="desk-approve" onClick={() => void actions.approve(row)}>{dt('approve')}</button>
                        : <span class="hk-muted">{dt('twoPerson')}</span>)}
                      {approver && state === 'review' && row.canApprove && <WithText label={dt('sendBack')} ask={dt('comment')} testid="desk-send-back" run={(text) => actions.sendBack(row, text)} />}
                      {approver && state !== 'withdrawn' && row.publishedVersion !== null && <WithText label={dt('withdraw')} ask={dt('reason')} testid="desk-withdraw" run={(text) => actions.withdraw(row, text)} />}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}
