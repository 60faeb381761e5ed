import { useEffect, useState } from 'react';
import type { SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ROLES } from '../../api';
import type { Role } from '../../api';
import { Alert } from '../../components/Alert';
import { useErrorText } from '../../hooks';
import { Show, useLoaded } from './shared';

const fetchSettings = () => api.getSettings();

/** The network-wide settings: which roles must use a second factor. */
export function SettingsForm() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [state] = useLoaded(fetchSettings);
  const [chosen, setChosen] = useState<Role[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (state.status === 'ready') setChosen(state.data.mfaRequiredRoles);
  }, [state]);

  if (state.status !== 'ready' || chosen === null) {
    return <Show state={state}>{() => null}</Show>;
  }

  function toggle(role: Role, on: boolean) {
    setSaved(false);
    setChosen((previous) => {
      const set = new Set(previous ?? []);
      if (on) set.add(role);
      else set.delete(role);
      return ROLES.filter((r) => set.has(r));
    });
  }

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (!chosen) return;
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      const answer = await api.updateSettings({ mfaRequiredRoles: chosen });
      setChosen(answer.mfaRequiredRoles);
      setSaved(true);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form" onSubmit={(event) => void submit(event)}>
      <p>{t('admin.settingsIntro')}</p>
      {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
      {saved && <Alert tone="success">{t('admin.settingsSaved')}</Alert>}
      <fieldset className="checkboxes">
        <legend>{t('admin.settingsLegend')}</legend>
        {ROLES.map((role) => (
          <div key={role} className="checkbox">
            <input
              type="checkbox"
              id={`mfa-role-${role}`}
              name="mfaRequiredRoles"
              value={role}
              checked={chosen.includes(role)}
              onChange={(event) => toggle(role, event.target.checked)}
            />
            <label htmlFor={`mfa-role-${role}`}>{t(`roles.${role}`)}</label>
          </div>
        ))}
      </fieldset>
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? t('common.saving') : t('common.save')}
      </button>
    </form>
  );
}
