// The GPR feed as the desk's inbox of drafts: an editor chooses the GPR widget's XML file and each
// article becomes a draft of the current library, marked "dari GPR" in the list (hub/desk/gpr-inbox.ts).
import { useState } from 'preact/hooks';
import type { GprDeskImport } from '../../desk/gpr-inbox';
import { deskApi, errorText } from './desk-api';
import { dt } from './messages';

export function GprImport({ library, onImported }: { library: string; onImported: () => void }) {
  const [result, setResult] = useState<GprDeskImport>();
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const choose = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setMessage('');
    try {
      setResult(await deskApi.importGpr(library, file));
      onImported();
    } catch (err) {
      setMessage(errorText(err));
    }
    setBusy(false);
  };
  return (
    <details class="hk-desk-gpr" data-testid="desk-gpr">
      <summary>{dt('gprTitle')}</summary>
      <p class="hk-muted">{dt('gprHelp')}</p>
      <label>{dt('gprFile')} <input type="file" accept=".xml,application/xml,text/xml" data-testid="desk-gpr-file" disabled={busy} onChange={(e) => {
        const input = e.target as HTMLInputElement;
        void choose(input.files?.[0]);
        input.value = ''; // the same file chosen again (a newer GPR export of the same name) is read again
      }} /></label>
      {message && <p role="alert" class="hk-alert">{message}</p>}
      {result && (
        <div role="status" data-testid="desk-gpr-result">
          <p>{dt('gprResult', [result.created.length, result.duplicates.length, result.problems.length])}</p>
          {result.problems.length > 0 && <ul>{result.problems.map((p) => <li class="hk-muted">{p}</li>)}</ul>}
        </div>
      )}
    </details>
  );
}
