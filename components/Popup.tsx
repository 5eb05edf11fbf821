// Toolbar popup: sync state at a glance, sync now, grant library access, and the way to the dashboard.
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { sendMessage } from '@/utils/send-message';

export function Popup() {
  const [status, setStatus] = useState<{ status: string; libraryUrl: string; needsPermission: boolean }>();
  const [busy, setBusy] = useState(false);
  const refresh = () => sendMessage('status.get', {}).then(setStatus);
  useEffect(() => void refresh(), []);

  const syncNow = async () => {
    setBusy(true);
    await sendMessage('library.syncNow', {}).finally(() => setBusy(false));
    await refresh();
  };

  const grant = async () => {
    if (!status) return;
    // Must run in the click handler: the browser asks the officer only on a user gesture.
    const granted = await browser.permissions.request({ origins: [`${new URL(status.libraryUrl).origin}/*`] });
    if (granted) await syncNow();
  };

  return (
    <main class="hk-page hk-popup">
      <h1>Humas Kanal</h1>
      <p data-testid="hk-status" role="status">{status?.status ?? 'Memuat…'}</p>
      {status?.needsPermission && (
        <button type="button" data-testid="hk-grant" onClick={grant}>
          Beri izin akses ke {new URL(status.libraryUrl).host}
        </button>
      )}
      <button type="button" data-testid="hk-sync-now" disabled={busy} onClick={syncNow}>
        {busy ? 'Menyinkronkan…' : 'Sinkronkan sekarang'}
      </button>
    </main>
  );
}
