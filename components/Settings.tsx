// The settings page: where the library is, who is posting. Fields fixed by policy are read-only.
import { i18n } from '#i18n';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { BUILD_PUBLIC_KEY, mergeSettings, OFFICER_FIELDS, SETTINGS_KEY, type Settings as EffectiveSettings } from '@/utils/shared/settings';
import { EMPTY_FORM, originsFor, validateSettingsForm, type SettingsField, type SettingsForm } from '@/utils/pages/settings-form';
import { formatNumber } from '@/utils/shared/locale';
import { openDb } from '@/utils/storage/db';
import { storedItems } from '@/utils/storage/item-store';
import { readManagedSettings } from '@/utils/storage/settings-store';
import { AlertMutes } from './AlertMutes';
import { DataSaverChoice } from './DataSaverChoice';
import { LibraryList } from './LibraryList';

/** What the officer stored (the text fields of the form, and the muted programmes). */
type StoredSettings = Partial<SettingsForm> & { mutedPrograms?: string[]; dataSaver?: EffectiveSettings['dataSaver']; libraries?: unknown };
/** Choices saved at once by their own controls (and a development list of libraries), kept when the form is saved. */
const ownChoices = ({ mutedPrograms, dataSaver, libraries }: StoredSettings) => ({ ...(mutedPrograms ? { mutedPrograms } : {}), ...(dataSaver ? { dataSaver } : {}), ...(libraries ? { libraries } : {}) });
const browserSaveData = () => Boolean((navigator as Navigator & { connection?: { saveData?: boolean } }).connection?.saveData);
const readStored = async () => ((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY] ?? {}) as StoredSettings;


/** Agency and region fill the caption slots; the hint names the slot literally. */
const SLOTS: Partial<Record<SettingsField, string>> = { agency: '{instansi}', region: '{daerah}' };
const hint = (field: SettingsField) =>
  field === 'agency' || field === 'region' ? i18n.t('settings.slotHint', [SLOTS[field]!]) : i18n.t(`settings.hints.${field}`);


/** Any answer means the server allows us (CORS); a network error may mean it does not. */
async function reachable(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(5000), cache: 'no-store' });
    return true;
  } catch {
    return false;
  }
}

/** The library key of a production build: shown, never replaced (utils/shared/settings.ts). */
const builtIn = (field: string) => field === 'publicKey' && !!BUILD_PUBLIC_KEY;

export function Settings() {
  const [form, setForm] = useState<SettingsForm>(EMPTY_FORM);
  const [managed, setManaged] = useState<Partial<SettingsForm>>({});
  const [errors, setErrors] = useState<Partial<Record<SettingsField, string>>>({});
  const [message, setMessage] = useState('');
  /** The report server entries went to until now: a different one must not get them unasked. */
  const [savedReportUrl, setSavedReportUrl] = useState<string | undefined>();

  const [alerts, setAlerts] = useState<{ programs: string[]; muted: string[]; policyPrograms?: string[] }>();
  const [dataSaver, setDataSaver] = useState<{ choice: EffectiveSettings['dataSaver']; byPolicy: boolean }>();
  const [libraries, setLibraries] = useState<{ libraries: NonNullable<EffectiveSettings['libraries']>; byPolicy: boolean }>();

  useEffect(() => {
    void (async () => {
      const local = await readStored();
      const policy = (await readManagedSettings()) as Partial<SettingsForm>;
      const effective = mergeSettings(local, policy);
      const libraryPrograms = (await storedItems(openDb())).map((item) => item.program);
      const programs = [...new Set([...libraryPrograms, ...effective.mutedPrograms])].sort((a, b) => a.localeCompare(b, 'id'));
      setAlerts({ programs, muted: effective.mutedPrograms, policyPrograms: effective.alertPrograms });
      setDataSaver({ choice: effective.dataSaver, byPolicy: 'dataSaver' in policy });
      if (effective.libraries) setLibraries({ libraries: effective.libraries, byPolicy: 'libraries' in policy });
      setManaged(Object.fromEntries(Object.entries(policy).filter(([k, v]) => OFFICER_FIELDS.includes(k as SettingsField) && typeof v === 'string' && v)) as Partial<SettingsForm>);
      setForm({ ...EMPTY_FORM, ...Object.fromEntries(Object.entries(effective).map(([k, v]) => [k, String(v ?? '')])) });
      setSavedReportUrl(effective.reportUrl);
    })();
  }, []);

  /** Entries waiting in the outbox when the officer points reports elsewhere: they go there only if the officer agrees. */
  const [moveReports, setMoveReports] = useState<number>(0);

  const save = async (event: Event, confirmedMove = false) => {
    event.preventDefault();
    const result = validateSettingsForm(form);
    if (!result.ok) {
      setErrors(result.errors);
      setMessage(i18n.t('settings.checkFields'));
      return;
    }
    setErrors({});
    if (!confirmedMove && !('reportUrl' in managed) && result.settings.reportUrl && result.settings.reportUrl !== savedReportUrl) {
      const pending = await openDb().outbox.count();
      if (pending > 0) {
        setMoveReports(pending);
        setMessage('');
        return;
      }
    }
    setMoveReports(0);
    setSavedReportUrl(result.settings.reportUrl);
    // Fields fixed by policy or by the build are not stored locally: those stay the source of truth.
    const own = Object.fromEntries(Object.entries(result.settings).filter(([k]) => !(k in managed) && !builtIn(k)));
    await browser.storage.local.set({ [SETTINGS_KEY]: { ...own, ...ownChoices(await readStored()) } });
    const unreachable = [];
    for (const origin of originsFor(result.settings)) {
      const base = origin.slice(0, -2);
      if (!(await browser.permissions.contains({ origins: [origin] })) && !(await reachable(`${base}/v1/feed`))) unreachable.push(origin);
    }
    if (unreachable.length === 0) {
      setMessage(i18n.t('settings.saved'));
      return;
    }
    const granted = await browser.permissions.request({ origins: unreachable }).catch(() => false);
    setMessage(
      granted
        ? i18n.t('settings.savedGranted')
        : i18n.t('settings.savedUnreachable', [unreachable.map((o) => new URL(o.slice(0, -2)).host).join(', ')]),
    );
  };

  return (
    <main class="hk-page hk-settings">
      <h1>{i18n.t('settings.title')}</h1>
      {/* Until the stored values are in, typing would be overwritten by them: the form waits. */}
      <form onSubmit={save} noValidate aria-busy={alerts ? undefined : 'true'} data-testid="hk-settings-form">
        {OFFICER_FIELDS.map((field) => {
          // With a list of libraries, the primary library's address and key come from it.
          const listed = !!libraries && (field === 'libraryUrl' || field === 'publicKey');
          const fixed = field in managed || builtIn(field) || listed;
          const id = `hk-${field}`;
          return (
            <div class="hk-field">
              <label for={id}>{i18n.t(`settings.fields.${field}`)}</label>
              <input
                id={id}
                name={field}
                data-testid={id}
                value={form[field]}
                readOnly={fixed || !alerts}
                aria-invalid={errors[field] ? 'true' : undefined}
                aria-describedby={`${id}-hint`}
                onInput={(e) => setForm({ ...form, [field]: (e.target as HTMLInputElement).value })}
              />
              <small id={`${id}-hint`}>{builtIn(field) ? i18n.t('settings.fixedByBuild') : listed ? i18n.t('libraries.fixedByList') : fixed ? i18n.t('settings.fixedByPolicy') : hint(field)}</small>
              {errors[field] && <p class="hk-error" role="alert" data-testid={`${id}-error`}>{errors[field]}</p>}
            </div>
          );
        })}
        <button type="submit" data-testid="hk-save">{i18n.t('settings.save')}</button>
      </form>
      {libraries && <LibraryList {...libraries} />}
      {alerts && (
        <AlertMutes
          {...alerts}
          onChange={async (mutedPrograms) => {
            await browser.storage.local.set({ [SETTINGS_KEY]: { ...(await readStored()), mutedPrograms } });
            setMessage(i18n.t('settings.alerts.saved'));
          }}
        />
      )}
      {dataSaver && (
        <DataSaverChoice
          {...dataSaver}
          browserSaveData={browserSaveData()}
          onChange={async (choice) => {
            await browser.storage.local.set({ [SETTINGS_KEY]: { ...(await readStored()), dataSaver: choice } });
            setDataSaver({ ...dataSaver, choice });
            setMessage(i18n.t('settings.dataSaver.saved'));
          }}
        />
      )}
      {moveReports > 0 && (
        <div class="hk-notice" role="alertdialog" aria-labelledby="hk-move-question" data-testid="hk-move-reports">
          <p id="hk-move-question">{i18n.t('settings.moveReports', [formatNumber(moveReports), form.reportUrl])}</p>
          <button type="button" data-testid="hk-move-reports-yes" onClick={(e) => void save(e, true)}>{i18n.t('settings.moveReportsYes')}</button>{' '}
          <button type="button" data-testid="hk-move-reports-no" onClick={() => { setMoveReports(0); setMessage(i18n.t('settings.moveReportsCancelled')); }}>{i18n.t('settings.moveReportsNo')}</button>
        </div>
      )}
      {message && <p class="hk-notice" role="status" data-testid="hk-settings-status">{message}</p>}
    </main>
  );
}
