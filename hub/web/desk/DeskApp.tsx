// The editorial desk page (/desk): sign in with a hub account, choose a library, see its items by
// state, write or correct one, send it for review; approvers approve (publishing at once), send back
// with a comment or withdraw with a reason. The count of items waiting for this approver is polled
// and shown in the page title, so an urgent counter-hoax does not wait unseen in another tab.
import { i18n } from '#i18n';
import { useEffect, useState } from 'preact/hooks';
import type { Supervisor } from '../../accounts';
import { api, LoginNeeded } from '../api';
import { chooseLanguage, pageLanguage } from '../i18n';
import { LoginForm } from '../LoginForm';
import { AuditLog } from './AuditLog';
import { GprImport } from './GprImport';
import { Inbox } from './Inbox';
import { deskApi, errorText, type DeskLibraryInfo, type DeskListRow, type WaitingItem } from './desk-api';
import { contentFromForm, formFromContent, ItemForm, type FormState } from './ItemForm';
import { ItemList } from './ItemList';
import { dt } from './messages';
import { canAskNotifications, notifyUrgent } from './urgent-alert';

const POLL_MS = 30_000;

type Editing = { id?: string; correction: boolean; initial: FormState; askTakedown?: boolean };

export function DeskApp() {
  const [user, setUser] = useState<Supervisor | null | undefined>();
  const [error, setError] = useState('');
  const onError = (err: unknown) => (err instanceof LoginNeeded ? setUser(null) : setError(errorText(err) || i18n.t('hub.unavailable')));
  useEffect(() => {
    api<{ supervisor: Supervisor }>('/api/me').then((me) => setUser(me.supervisor), onError);
  }, []);
  const other = pageLanguage() === 'id' ? 'en' : 'id';
  return (
    <main class="hk-page hk-dashboard hk-hub hk-desk">
      <header class="hk-dash-head">
        <h1>{dt('title')}</h1>
        <p>
          <a href="/">{dt('back')}</a>{' '}
          {user && <span data-testid="desk-user">{user.username} </span>}
          <button type="button" lang={other} onClick={() => chooseLanguage(other)}>{i18n.t('hub.language')}</button>{' '}
          {user && <button type="button" onClick={() => api('/api/logout', { method: 'POST' }).finally(() => setUser(null))}>{i18n.t('hub.logout')}</button>}
        </p>
      </header>
      {error && <p class="hk-notice" role="alert" data-testid="desk-error">{error}</p>}
      {user === null && <LoginForm onLogin={(s) => { setError(''); setUser(s); }} />}
      {user && <Desk onError={onError} setError={setError} />}
    </main>
  );
}

function Desk({ onError, setError }: { onError: (err: unknown) => void; setError: (text: string) => void }) {
  const [libraries, setLibraries] = useState<DeskLibraryInfo[]>();
  const [library, setLibrary] = useState('');
  const [waiting, setWaiting] = useState<WaitingItem[]>([]);
  const [rows, setRows] = useState<DeskListRow[]>([]);
  const [editing, setEditing] = useState<Editing>();
  const [notice, setNotice] = useState('');
  const [version, setVersion] = useState(0);
  const reload = () => setVersion((v) => v + 1);

  useEffect(() => {
    deskApi.libraries().then((answer) => {
      setLibraries(answer.libraries);
      setWaiting(answer.waiting);
      const mine = answer.libraries.find((l) => l.roles.length);
      if (mine) setLibrary((current) => current || mine.id);
    }, onError);
    const timer = setInterval(() => deskApi.waiting().then((w) => setWaiting(w.waiting), () => undefined), POLL_MS);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => {
    document.title = `${waiting.length ? `(${waiting.length}) ` : ''}${dt('title')}`;
  }, [waiting.length]);
  useEffect(() => notifyUrgent(waiting), [waiting]);
  const [askNotify, setAskNotify] = useState(canAskNotifications);
  useEffect(() => {
    if (library) deskApi.items(library).then((answer) => setRows(answer.items), onError);
    deskApi.waiting().then((w) => setWaiting(w.waiting), () => undefined);
  }, [library, version]);

  const current = libraries?.find((l) => l.id === library);
  if (!libraries) return null;
  if (!libraries.some((l) => l.roles.length)) return <p data-testid="desk-no-roles">{dt('noRoles')}</p>;

  const act = async (work: () => Promise<unknown>, done?: (result: any) => string) => {
    setError('');
    setNotice('');
    try {
      const result = await work();
      if (done) setNotice(done(result));
    } catch (err) {
      onError(err);
    }
    reload();
  };
  const edit = async (row: DeskListRow) => {
    const detail = await deskApi.item(library, row.id).catch(onError);
    if (!detail) return;
    const open = detail.versions.find((v) => v.version === detail.openVersion);
    const published = detail.versions.find((v) => v.version === detail.publishedVersion);
    setEditing({ id: row.id, correction: !open, initial: formFromContent((open ?? published)?.content), askTakedown: open?.content.askTakedown === true });
  };
  const save = async (content: ReturnType<typeof contentFromForm>, reason: string, submit: boolean) => {
    const id = editing?.id ?? (await deskApi.create(library, content)).id;
    if (editing?.id) await deskApi.save(library, id, content, reason || undefined);
    setEditing((e) => e && { ...e, id, correction: false });
    if (submit) await deskApi.submit(library, id);
    setNotice(dt('saved'));
    setEditing(undefined);
    reload();
  };

  return (
    <>
      <section class="hk-actions-bar">
        <label>{dt('library')}{' '}
          <select data-testid="desk-library" value={library} onChange={(e) => { setLibrary((e.target as HTMLSelectElement).value); setEditing(undefined); }}>
            {libraries.filter((l) => l.roles.length).map((l) => <option value={l.id}>{l.name}</option>)}
          </select>
        </label>
        {current && <span data-testid="desk-roles">{dt('roles', [current.roles.join(', ')])}</span>}
        <strong data-testid="desk-waiting" class={waiting.some((w) => w.priority === 'urgent') ? 'hk-alert' : ''}>{dt('waiting', [waiting.length])}</strong>
        {askNotify && current?.roles.includes('approver') && <button type="button" data-testid="desk-notify" onClick={() => void Notification.requestPermission().then(() => { setAskNotify(false); notifyUrgent(waiting); })}>{dt('notifyAsk')}</button>}
        {current?.roles.includes('editor') && !editing && <button type="button" data-testid="desk-new" onClick={() => setEditing({ correction: false, initial: formFromContent() })}>{dt('newItem')}</button>}
      </section>
      {current && <p class="hk-muted">{dt('publicKey', [current.publicKey])}</p>}
      {notice && <p role="status" data-testid="desk-notice">{notice}</p>}
      {current?.roles.includes('editor') && !editing && <GprImport key={library} library={library} onImported={reload} />}
      {editing && <ItemForm key={editing.id ?? 'new'} library={library} initial={editing.initial} correction={editing.correction} askTakedown={editing.askTakedown} onSave={save} onCancel={() => setEditing(undefined)} />}
      {current && (
        <ItemList
          rows={rows}
          roles={current.roles}
          actions={{
            edit: (row) => void edit(row),
            approve: (row) => act(() => deskApi.approve(library, row.id), (r) => dt('published', [r.publication.sequence])),
            sendBack: (row, comment) => act(() => deskApi.sendBack(library, row.id, comment)),
            withdraw: (row, reason) => act(() => deskApi.withdraw(library, row.id, reason), (r) => dt('published', [r.publication.sequence])),
          }}
        />
      )}
      <Inbox refresh={version} onError={onError} />
      <AuditLog refresh={version} onError={onError} />
    </>
  );
}
