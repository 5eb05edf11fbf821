// The popup's urgent to-do: urgent items the officer has not yet posted on every network they post
// on, a mark per network, and a way to take one off the list with a reason (which is logged).
import { i18n } from '#i18n';
import { useState } from 'preact/hooks';
import type { TodoItem } from '@/utils/shared/messages';
import { DISMISS_REASONS, type DismissReason } from '@/utils/shared/log-entry';
import { networkName } from '@/utils/shared/networks';

interface Props {
  items: TodoItem[];
  onDismiss: (itemId: string, reason: DismissReason, note: string) => Promise<void>;
}

function DismissForm({ item, onDismiss, onClose }: { item: TodoItem; onDismiss: Props['onDismiss']; onClose: () => void }) {
  const [reason, setReason] = useState<DismissReason | ''>('');
  const [note, setNote] = useState('');
  const [error, setError] = useState('');
  const id = `hk-dismiss-${item.itemId}`;
  const submit = async (event: Event) => {
    event.preventDefault();
    if (!reason || (reason === 'other' && !note.trim())) return setError(i18n.t('errors.dismissReason'));
    try {
      await onDismiss(item.itemId, reason, note);
    } catch (err) {
      setError(String((err as Error).message ?? err));
    }
  };
  return (
    <form class="hk-dismiss" onSubmit={submit} data-testid="hk-dismiss-form">
      <label for={`${id}-reason`}>{i18n.t('popup.dismissLabel')}</label>
      <select id={`${id}-reason`} data-testid="hk-dismiss-reason" value={reason} onChange={(e) => setReason((e.target as HTMLSelectElement).value as DismissReason)}>
        <option value="">—</option>
        {DISMISS_REASONS.map((r) => <option value={r}>{i18n.t(`popup.dismissReasons.${r}`)}</option>)}
      </select>
      <label for={`${id}-note`}>{i18n.t('popup.dismissNote')}</label>
      <input id={`${id}-note`} data-testid="hk-dismiss-note" maxLength={500} value={note} onInput={(e) => setNote((e.target as HTMLInputElement).value)} />
      {error && <p class="hk-error" role="alert">{error}</p>}
      <button type="submit" data-testid="hk-dismiss-confirm">{i18n.t('popup.dismissConfirm')}</button>{' '}
      <button type="button" onClick={onClose}>{i18n.t('popup.dismissCancel')}</button>
    </form>
  );
}

export function UrgentTodo({ items, onDismiss }: Props) {
  const [dismissing, setDismissing] = useState<string>();
  return (
    <section class="hk-todo" data-testid="hk-todo" aria-labelledby="hk-todo-title">
      <h2 id="hk-todo-title">{i18n.t('popup.todoTitle')}</h2>
      {items.length === 0 && <p data-testid="hk-todo-empty">{i18n.t('popup.todoEmpty')}</p>}
      <ul>
        {items.map((item) => (
          <li data-testid="hk-todo-item" data-item-id={item.itemId} key={item.itemId}>
            <strong>{item.title}</strong> <small>{item.program}</small>
            <p class="hk-marks">
              {item.marks.map((mark) => {
                const name = networkName(mark.platform);
                return (
                  <span data-testid="hk-todo-mark" data-platform={mark.platform} data-posted={String(mark.posted)} title={i18n.t(mark.posted ? 'popup.todoMarkPosted' : 'popup.todoMarkOpen', [name])}>
                    {i18n.t(mark.posted ? 'popup.todoPosted' : 'popup.todoOpen', [name])}{' '}
                  </span>
                );
              })}
            </p>
            {dismissing === item.itemId ? (
              <DismissForm item={item} onDismiss={onDismiss} onClose={() => setDismissing(undefined)} />
            ) : (
              <button type="button" data-testid="hk-todo-dismiss" onClick={() => setDismissing(item.itemId)}>{i18n.t('popup.dismiss')}</button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
