// The caption as an officer in a chosen region would get it: the extension's own composition
// (utils/shared/compose.ts: {daerah} and {instansi} filled, missing hashtags and the link added where
// the network shows links), per network, for the main caption of each network.
import { useState } from 'preact/hooks';
import { composeCaption } from '@/utils/shared/compose';
import { networks } from '@/utils/shared/networks';
import type { contentFromForm } from './ItemForm';
import { dt } from './messages';
import { PROVINCES } from './regions';

export function RegionPreview({ content }: { content: ReturnType<typeof contentFromForm> }) {
  const [region, setRegion] = useState<string>(PROVINCES[0]);
  const [agency, setAgency] = useState('');
  return (
    <fieldset class="hk-desk-preview" data-testid="desk-preview">
      <legend>{dt('previewTitle')}</legend>
      <label>{dt('previewRegion')}{' '}
        <select data-testid="desk-preview-region" value={region} onChange={(e) => setRegion((e.target as HTMLSelectElement).value)}>
          {PROVINCES.map((p) => <option value={p}>{p}</option>)}
        </select>
      </label>{' '}
      <label>{dt('previewAgency')} <input data-testid="desk-preview-agency" value={agency} placeholder={dt('previewAgencyExample')} onInput={(e) => setAgency((e.target as HTMLInputElement).value)} /></label>
      {networks().map((n) => (
        <div>
          <strong>{n.name}</strong>
          <pre data-testid={`desk-preview-${n.id}`} style="white-space: pre-wrap; font-family: inherit">{composeCaption(content, n.id, { region, agency: agency || dt('previewAgencyExample') })}</pre>
        </div>
      ))}
    </fieldset>
  );
}
