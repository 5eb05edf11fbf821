// The popup's "Laporkan hoaks / usulkan konten": text, an optional link and screenshot, sent to the
// desk's inbox of the officer's agency and the national desk (utils/background/hoax-report.ts). Kept
// and sent later when the hub cannot be reached: the answer says which.
import { i18n } from '#i18n';
import { useState } from 'preact/hooks';
import { sendMessage } from '@/utils/shared/send-message';
import type { SuggestionKind } from '@/utils/shared/suggestion';

export function SuggestionForm() {
  const [kind, setKind] = useState<SuggestionKind>('hoax');
  const [text, setText] = useState('');
  const [link, setLink] = useState('');
  const [file, setFile] = useState<File>();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string }>();
  const send = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setResult(undefined);
    try {
      const answer = await sendMessage('suggestion.send', { kind, text, ...(link.trim() ? { link: link.trim() } : {}), ...(file ? { screenshot: { mime: file.type, blob: file } } : {}) });
      setResult({ ok: true, text: answer.sent ? i18n.t('suggest.sent') : i18n.t('suggest.kept', [answer.lastError ?? '']) });
      setText('');
      setLink('');
      setFile(undefined);
      (e.target as HTMLFormElement).reset();
    } catch (err) {
      setResult({ ok: false, text: (err as Error).message });
    } finally {
      setBusy(false);
    }
  };
  return (
    <details class="hk-suggest" data-testid="hk-suggest">
      <summary data-testid="hk-suggest-open">{i18n.t('suggest.open')}</summary>
      <form onSubmit={send}>
        <label>{i18n.t('suggest.kind')}
          <select data-testid="hk-suggest-kind" value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value as SuggestionKind)}>
            <option value="hoax">{i18n.t('suggest.kindHoax')}</option>
            <option value="content">{i18n.t('suggest.kindContent')}</option>
          </select>
        </label>
        <label>{i18n.t('suggest.text')}
          <textarea data-testid="hk-suggest-text" required maxLength={2000} rows={4} value={text} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />
        </label>
        <label>{i18n.t('suggest.link')}
          <input data-testid="hk-suggest-link" type="url" maxLength={2000} value={link} onInput={(e) => setLink((e.target as HTMLInputElement).value)} />
        </label>
        <label>{i18n.t('suggest.screenshot')}
          <input data-testid="hk-suggest-file" type="file" accept="image/png,image/jpeg,image/webp" onChange={(e) => setFile((e.target as HTMLInputElement).files?.[0])} />
        </label>
        <button type="submit" data-testid="hk-suggest-send" disabled={busy}>{i18n.t('suggest.send')}</button>
      </form>
      {result && <p data-testid="hk-suggest-result" role={result.ok ? 'status' : 'alert'} class={result.ok ? '' : 'hk-notice'}>{result.text}</p>}
    </details>
  );
}
