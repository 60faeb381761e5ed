import { useEffect, useState } from 'react';
import type { SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { Alert } from '../../components/Alert';
import { Field } from '../../components/Field';
import { fieldErrorsOf, focusFirstInvalid, useErrorText } from '../../hooks';
import { Show, useLoaded } from './shared';

const fetchSettings = () => api.getSettings();

/** The network's name, as invitation mails name it (empty: "the health network"). */
export function NetworkNameForm() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [state] = useLoaded(fetchSettings);
  const [name, setName] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (state.status === 'ready') setName(state.data.networkName ?? '');
  }, [state]);

  if (state.status !== 'ready' || name === null) {
    return <Show state={state}>{() => null}</Show>;
  }

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    setBusy(true);
    setError(null);
    try {
      const answer = await api.updateSettings({ networkName: name?.trim() || null });
      setName(answer.networkName ?? '');
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
      {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
      {saved && <Alert tone="success">{t('admin.settingsSaved')}</Alert>}
      <Field
        label={t('admin.networkName')}
        hint={t('admin.networkNameHint')}
        name="networkName"
        maxLength={120}
        value={name}
        onChange={(event) => {
          setSaved(false);
          setName(event.target.value);
        }}
        error={fieldErrorsOf(error).networkName}
      />
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? t('common.saving') : t('common.save')}
      </button>
    </form>
  );
}
