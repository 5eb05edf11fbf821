// Settings: which programmes' urgent items alert this officer. The officer mutes programmes here;
// counter-hoaxes always alert; a policy list of programmes (alertPrograms) decides alone.
import { i18n } from '#i18n';
import { useEffect, useState } from 'preact/hooks';

interface Props {
  /** Programmes in the library (and any muted one no longer in it). */
  programs: string[];
  muted: string[];
  /** Set by policy: exactly these programmes alert, and the officer cannot change it. */
  policyPrograms?: string[];
  onChange: (muted: string[]) => Promise<void>;
}

export function AlertMutes({ programs, muted, policyPrograms, onChange }: Props) {
  const [current, setCurrent] = useState(muted);
  useEffect(() => setCurrent(muted), [muted]);
  const toggle = async (program: string, alerts: boolean) => {
    const next = alerts ? current.filter((p) => p !== program) : [...current, program].sort((a, b) => a.localeCompare(b, 'id'));
    setCurrent(next);
    await onChange(next);
  };
  return (
    <fieldset class="hk-alert-mutes" data-testid="hk-alert-mutes">
      <legend>{i18n.t('settings.alerts.title')}</legend>
      <p>{i18n.t('settings.alerts.explain')}</p>
      {policyPrograms?.length ? (
        <p data-testid="hk-alert-policy">{i18n.t('settings.alerts.byPolicy', [policyPrograms.join(', ')])}</p>
      ) : programs.length === 0 ? (
        <p>{i18n.t('settings.alerts.noPrograms')}</p>
      ) : (
        <ul>
          {programs.map((program) => (
            <li>
              <label>
                <input type="checkbox" data-testid="hk-alert-program" data-program={program} checked={!current.includes(program)} onChange={(e) => void toggle(program, (e.target as HTMLInputElement).checked)} />{' '}
                {program}
              </label>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
