import { useEffect, useState } from 'react';
import type { SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { Alert } from '../../components/Alert';
import { Field } from '../../components/Field';
import { fieldErrorsOf, focusFirstInvalid, useErrorText } from '../../hooks';
import { Show, useLoaded } from './shared';

const fetchSettings = () => api.getSettings();

/** After how many days without verification a directory entry is shown as "to check". */
export function DirectoryFreshnessForm() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [state] = useLoaded(fetchSettings);
  const [days, setDays] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (state.status === 'ready') setDays(String(state.data.directoryStaleDays));
  }, [state]);

  if (state.status !== 'ready' || days === null) {
    return <Show state={state}>{() => null}</Show>;
  }

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    if (!days?.trim()) {
      setMissing(true);
      focusFirstInvalid(event.currentTarget);
      return;
    }
    setMissing(false);
    setBusy(true);
    setError(null);
    try {
      // Sent as typed: the server says what is wrong with a value out of range or not whole.
      const answer = await api.updateSettings({ directoryStaleDays: Number(days) });
      setDays(String(answer.directoryStaleDays));
      setSaved(true);
    } catch (caught) {
      setError(caught);
      focusFirstInvalid(event.currentTarget);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate>
      <p>{t('admin.freshnessIntro')}</p>
      {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
      {saved && <Alert tone="success">{t('admin.settingsSaved')}</Alert>}
      <Field
        label={t('admin.freshnessDays')}
        hint={t('admin.freshnessHint')}
        name="directoryStaleDays"
        type="number"
        inputMode="numeric"
        min={1}
        max={3650}
        step={1}
        required
        value={days}
        onChange={(event) => {
          setSaved(false);
          setDays(event.target.value);
        }}
        error={missing ? t('common.fieldRequired') : fieldErrorsOf(error).directoryStaleDays}
      />
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? t('common.saving') : t('common.save')}
      </button>
    </form>
  );
}
