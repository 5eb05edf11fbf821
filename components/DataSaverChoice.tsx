// Settings: data-saver mode. On, the library syncs text and thumbnails only and each full image
// downloads when the officer inserts or downloads it; "auto" follows the browser's own data saver.
import { i18n } from '#i18n';
import type { Settings } from '@/utils/shared/settings';

interface Props {
  choice: Settings['dataSaver'];
  /** The browser asks to save data (navigator.connection.saveData). */
  browserSaveData: boolean;
  byPolicy: boolean;
  onChange: (choice: 'on' | 'off') => Promise<void>;
}

export function DataSaverChoice({ choice, browserSaveData, byPolicy, onChange }: Props) {
  const on = choice === 'on' || (choice === 'auto' && browserSaveData);
  return (
    <fieldset class="hk-data-saver">
      <legend>{i18n.t('settings.dataSaver.title')}</legend>
      <label>
        <input type="checkbox" data-testid="hk-data-saver" checked={on} disabled={byPolicy} onChange={(e) => void onChange((e.target as HTMLInputElement).checked ? 'on' : 'off')} />{' '}
        {i18n.t('settings.dataSaver.label')}
      </label>
      {byPolicy ? <p>{i18n.t('settings.dataSaver.byPolicy')}</p> : choice === 'auto' && browserSaveData ? <p>{i18n.t('settings.dataSaver.auto')}</p> : null}
    </fieldset>
  );
}
