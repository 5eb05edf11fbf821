// "Hapus postingan ini": the officer's own posts of content the library withdrew, each with the link
// to the post and the two answers — "Sudah dihapus", or why it stays (a short reason). Both are signed
// entries of the officer's log (utils/background/takedown.ts). In the popup and the dashboard.
import { i18n } from '#i18n';
import { useEffect, useState } from 'preact/hooks';
import type { TakedownRequest } from '@/utils/shared/messages';
import { formatDateTime } from '@/utils/shared/locale';
import { networkName } from '@/utils/shared/networks';
import { sendMessage } from '@/utils/shared/send-message';

/** `refresh`: a value that changes when the page re-read its data (after a sync, the list may have grown). */
export function TakedownRequests({ refresh }: { refresh?: unknown }) {
  const [requests, setRequests] = useState<TakedownRequest[]>([]);
  const [error, setError] = useState('');
  const reload = () => sendMessage('takedown.list', {}).then(setRequests, (err: Error) => setError(err.message));
  useEffect(() => void reload(), [refresh]);
  if (requests.length === 0 && !error) return null;
  const open = requests.filter((r) => !r.answer || r.answer === 'asked');
  const answered = requests.filter((r) => r.answer === 'removed' || r.answer === 'refused');
  const answer = async (postId: string, value: 'removed' | 'refused', note?: string) => {
    setError('');
    try {
      await sendMessage('takedown.answer', { postId, answer: value, note });
      await reload();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <section class="hk-takedown" data-testid="hk-takedown" aria-label={i18n.t('takedown.label')}>
      {open.length > 0 && <h2 class="hk-alert">{i18n.t('takedown.heading', [String(open.length)])}</h2>}
      {error && <p class="hk-notice" role="alert">{error}</p>}
      <ul>
        {open.map((r) => <OpenRequest key={r.postId} request={r} onAnswer={answer} />)}
        {answered.map((r) => (
          <li data-testid="hk-takedown-request" data-post-id={r.postId}>
            <span title={r.itemId}>{r.title}</span> · {networkName(r.platform)} ·{' '}
            <span data-testid="hk-takedown-answer">{r.answer === 'removed' ? i18n.t('takedown.removedDone') : i18n.t('takedown.refusedDone', [r.note ?? ''])}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function OpenRequest({ request: r, onAnswer }: { request: TakedownRequest; onAnswer: (postId: string, value: 'removed' | 'refused', note?: string) => Promise<void> }) {
  const [refusing, setRefusing] = useState(false);
  const [reason, setReason] = useState('');
  return (
    <li data-testid="hk-takedown-request" data-post-id={r.postId} class="hk-takedown-open">
      <strong title={r.itemId}>{r.title}</strong> <span class="hk-alert">{r.cause === 'corrected' ? i18n.t('takedown.corrected') : i18n.t('takedown.withdrawn')}</span>
      <span> · {networkName(r.platform)}{r.account ? ` · ${r.account}` : ''} · {formatDateTime(r.postedAt)}</span>
      <p>
        {r.postUrl ? (
          <a data-testid="hk-takedown-link" href={r.postUrl} target="_blank" rel="noreferrer noopener">{i18n.t('takedown.deleteThis')}</a>
        ) : (
          <span data-testid="hk-takedown-no-link">{i18n.t('takedown.noLink', [networkName(r.platform)])}</span>
        )}
      </p>
      <button type="button" data-testid="hk-takedown-removed" onClick={() => void onAnswer(r.postId, 'removed')}>{i18n.t('takedown.removed')}</button>{' '}
      {!refusing && <button type="button" data-testid="hk-takedown-refuse" onClick={() => setRefusing(true)}>{i18n.t('takedown.refuse')}</button>}
      {refusing && (
        <form onSubmit={(e) => { e.preventDefault(); void onAnswer(r.postId, 'refused', reason); }}>
          <label>{i18n.t('takedown.reason')}
            <input data-testid="hk-takedown-reason" required maxLength={500} value={reason} onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
          </label>
          <button type="submit" data-testid="hk-takedown-send-reason">{i18n.t('takedown.sendReason')}</button>
        </form>
      )}
    </li>
  );
}
