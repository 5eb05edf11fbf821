import { i18n } from '#i18n';
import { useState } from 'preact/hooks';
import type { Supervisor } from '../accounts';
import { api } from './api';

export function LoginForm({ onLogin }: { onLogin: (supervisor: Supervisor) => void }) {
  const [message, setMessage] = useState('');
  const submit = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    try {
      const { supervisor } = await api<{ supervisor: Supervisor }>('/api/login', { method: 'POST', body: JSON.stringify({ username: form.get('username'), password: form.get('password') }) });
      onLogin(supervisor);
    } catch (err) {
      const status = (err as { status?: number }).status;
      setMessage(status === 429 ? i18n.t('hub.loginThrottled') : status === 401 || status === 400 ? i18n.t('hub.loginInvalid') : i18n.t('hub.unavailable'));
    }
  };
  return (
    <form class="hk-login" onSubmit={submit} aria-labelledby="hub-login-title">
      <h2 id="hub-login-title">{i18n.t('hub.loginTitle')}</h2>
      <label>{i18n.t('hub.username')} <input name="username" autocomplete="username" required data-testid="hub-username" /></label>
      <label>{i18n.t('hub.password')} <input name="password" type="password" autocomplete="current-password" required data-testid="hub-password" /></label>
      <button type="submit" data-testid="hub-login">{i18n.t('hub.login')}</button>
      {message && <p role="alert" data-testid="hub-login-error">{message}</p>}
    </form>
  );
}
