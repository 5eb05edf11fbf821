// Officers' devices: every install in the supervisor's scope with its browser, times, entries,
// status and flags; approve a waiting one, revoke one (two clicks), the agency's approval setting,
// and one-time enrollment codes for one officer each.
import { i18n } from '#i18n';
import { useEffect, useState } from 'preact/hooks';
import { formatDateTime, formatNumber } from '@/utils/shared/locale';
import type { Supervisor } from '../accounts';
import type { InstallView } from '../install-admin';
import type { InstallApproval } from '../installs';
import { api } from './api';

type Agency = { id: string; name: string; installApproval: InstallApproval };
type Code = { code: string; officerName: string; expiresAt: string };
type CodeRow = { agencyId: string; officerName: string; createdAt: string; expiresAt: string; usedAt: string | null };

const STATUS_TEXT = { approved: 'hub.installs.statusApproved', pending: 'hub.installs.statusPending', revoked: 'hub.installs.statusRevoked' } as const;

function flagText(install: InstallView, flag: InstallView['flags'][number]): string {
  if (flag === 'sameName') return i18n.t('hub.installs.flagSameName');
  if (flag === 'renamed') return i18n.t('hub.installs.flagRenamed', [install.formerNames.join(', ')]);
  return i18n.t('hub.installs.flagNewDevice');
}

/**
 * A post's officer as the posts table shows it, with what the supervisor should know about how the
 * post reached the hub: the device was revoked since, or the post arrived more than a week late.
 */
export const withRevokedMarker = <T extends { officerName?: string; installRevoked?: boolean; arrivedDaysLate?: number }>(rows: T[]): T[] =>
  rows.map((row) => {
    const marks = [row.installRevoked ? i18n.t('hub.installs.revokedMarker') : '', row.arrivedDaysLate ? i18n.t('hub.arrivedLate', [String(row.arrivedDaysLate)]) : ''].filter(Boolean);
    return marks.length ? { ...row, officerName: [row.officerName ?? '', ...marks].join(' · ') } : row;
  });

export function Installs({ supervisor, onError }: { supervisor: Supervisor; onError: (err: unknown) => void }) {
  const [installs, setInstalls] = useState<InstallView[]>();
  const [agencies, setAgencies] = useState<Agency[]>([]);
  const [codes, setCodes] = useState<CodeRow[]>([]);
  const [confirming, setConfirming] = useState<string>();
  const [made, setMade] = useState<Code>();
  const national = supervisor.role === 'national';

  const reload = () => {
    api<{ installs: InstallView[]; agencies: Agency[] }>('/api/installs').then((data) => {
      setInstalls(data.installs);
      setAgencies(data.agencies);
    }, onError);
    api<CodeRow[]>('/api/enrollment-codes').then(setCodes, onError);
  };
  useEffect(reload, []);
  const act = (installId: string, action: 'approve' | 'revoke') => {
    setConfirming(undefined);
    api(`/api/installs/${encodeURIComponent(installId)}/${action}`, { method: 'POST' }).then(reload, onError);
  };
  const setApproval = (agency: string, installApproval: string) =>
    api('/api/install-approval', { method: 'POST', body: JSON.stringify({ agency, installApproval }) }).then(reload, onError);
  const createCode = (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    api<Code>('/api/enrollment-codes', { method: 'POST', body: JSON.stringify({ officerName: form.get('officerName'), agency: form.get('agency') }) }).then((code) => {
      setMade(code);
      (event.target as HTMLFormElement).reset();
      reload();
    }, onError);
  };

  return (
    <section class="hk-installs" data-testid="hub-installs" aria-labelledby="hub-installs-title">
      <h2 id="hub-installs-title">{i18n.t('hub.installs.title')}</h2>
      <p>{i18n.t('hub.installs.intro')} {i18n.t('hub.installs.revokeNote')}</p>
      {agencies.map((agency) => (
        <label data-agency={agency.id}>
          {i18n.t('hub.installs.approval')}{national ? ` (${agency.name})` : ''}{' '}
          <select data-testid="hub-install-approval" value={agency.installApproval} onChange={(e) => setApproval(agency.id, (e.target as HTMLSelectElement).value)}>
            <option value="automatic">{i18n.t('hub.installs.approvalAutomatic')}</option>
            <option value="required">{i18n.t('hub.installs.approvalRequired')}</option>
          </select>
        </label>
      ))}
      {installs?.length === 0 && <p>{i18n.t('hub.installs.none')}</p>}
      {!!installs?.length && (
        <table class="hk-simple-table hk-cards" data-testid="hub-installs-table">
          <thead>
            <tr>
              <th scope="col">{i18n.t('hub.installs.officer')}</th>
              {national && <th scope="col">{i18n.t('hub.agency')}</th>}
              <th scope="col">{i18n.t('hub.installs.browser')}</th>
              <th scope="col">{i18n.t('hub.installs.region')}</th>
              <th scope="col">{i18n.t('hub.installs.firstSeen')}</th>
              <th scope="col">{i18n.t('hub.installs.lastSeen')}</th>
              <th scope="col">{i18n.t('hub.installs.entries')}</th>
              <th scope="col">{i18n.t('hub.installs.status')}</th>
              <th scope="col">{i18n.t('hub.installs.flags')}</th>
              <th scope="col">{i18n.t('hub.installs.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {installs.map((install) => (
              <tr data-testid="hub-install" data-install-id={install.installId} data-status={install.status}>
                <td data-label={i18n.t('hub.installs.officer')}>{install.officerName}</td>
                {national && <td data-label={i18n.t('hub.agency')}>{install.agencyName}</td>}
                <td data-label={i18n.t('hub.installs.browser')} title={install.userAgent}>{install.browser}</td>
                <td data-label={i18n.t('hub.installs.region')}>{install.region}</td>
                <td data-label={i18n.t('hub.installs.firstSeen')}>{formatDateTime(install.firstSeen)}</td>
                <td data-label={i18n.t('hub.installs.lastSeen')}>{install.lastSeen ? formatDateTime(install.lastSeen) : i18n.t('hub.installs.never')}</td>
                <td data-label={i18n.t('hub.installs.entries')}>
                  {formatNumber(install.entries)}
                  {install.refused > 0 && ` (${i18n.t('hub.installs.refused', [formatNumber(install.refused)])})`}
                </td>
                <td data-label={i18n.t('hub.installs.status')}>{i18n.t(STATUS_TEXT[install.status])}</td>
                <td data-testid="hub-install-flags">
                  {install.flags.map((flag) => <strong class="hk-flag" data-flag={flag}>{flagText(install, flag)} </strong>)}
                </td>
                <td>
                  {install.status !== 'approved' && (
                    <button type="button" data-testid="hub-install-approve" onClick={() => act(install.installId, 'approve')}>
                      {i18n.t(install.status === 'pending' ? 'hub.installs.approve' : 'hub.installs.restore')}
                    </button>
                  )}{' '}
                  {install.status !== 'revoked' && confirming !== install.installId && (
                    <button type="button" data-testid="hub-install-revoke" onClick={() => setConfirming(install.installId)}>{i18n.t('hub.installs.revoke')}</button>
                  )}
                  {confirming === install.installId && (
                    <>
                      <button type="button" data-testid="hub-install-revoke-confirm" onClick={() => act(install.installId, 'revoke')}>{i18n.t('hub.installs.confirmRevoke')}</button>{' '}
                      <button type="button" onClick={() => setConfirming(undefined)}>{i18n.t('hub.installs.cancel')}</button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>{i18n.t('hub.installs.codeTitle')}</h3>
      <p>{i18n.t('hub.installs.codeIntro')}</p>
      <form class="hk-code-form" onSubmit={createCode}>
        <label>{i18n.t('hub.installs.codeOfficer')} <input name="officerName" required maxLength={200} data-testid="hub-code-officer" /></label>
        {national && (
          <label>{i18n.t('hub.agency')}{' '}
            <select name="agency" required>{agencies.map((a) => <option value={a.id}>{a.name}</option>)}</select>
          </label>
        )}
        <button type="submit" data-testid="hub-code-create">{i18n.t('hub.installs.codeCreate')}</button>
      </form>
      {made && (
        <p class="hk-notice" role="status" data-testid="hub-code-made">
          {i18n.t('hub.installs.codeMade', [made.officerName, formatDateTime(made.expiresAt)])} <code data-testid="hub-code">{made.code}</code>
        </p>
      )}
      {codes.length > 0 && (
        <ul data-testid="hub-codes">
          {codes.map((c) => (
            <li>{c.officerName}{national ? ` (${c.agencyId})` : ''} · {c.usedAt ? i18n.t('hub.installs.codeUsed', [formatDateTime(c.usedAt)]) : i18n.t('hub.installs.codeOpen')}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
