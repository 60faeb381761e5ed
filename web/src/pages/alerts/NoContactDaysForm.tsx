import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Settings } from '../../api';
import { Alert } from '../../components/Alert';
import { Field } from '../../components/Field';
import { fieldErrorsOf, useErrorText } from '../../hooks';
import { Show, useLoaded } from '../admin/shared';
import { useSubmit } from '../pathway/use-submit';

type Days = Settings['noContactDays'];
const LEVELS = ['liaison', 'coordination', 'integration'] as const;
const fetchSettings = () => api.getSettings();

/** The network setting: days without contact before an alert, per integration level. */
export function NoContactDaysForm() {
  const [state] = useLoaded(fetchSettings);
  return <Show state={state}>{(settings) => <DaysForm initial={settings.noContactDays} />}</Show>;
}

function DaysForm({ initial }: { initial: Days }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [values, setValues] = useState<Record<keyof Days, string>>({
    liaison: String(initial.liaison),
    coordination: String(initial.coordination),
    integration: String(initial.integration),
  });
  const [saved, setSaved] = useState(false);
  const { error, busy, onSubmit } = useSubmit(async () => {
    setSaved(false);
    const answer = await api.updateSettings({
      noContactDays: {
        liaison: Number(values.liaison),
        coordination: Number(values.coordination),
        integration: Number(values.integration),
      },
    });
    setValues({
      liaison: String(answer.noContactDays.liaison),
      coordination: String(answer.noContactDays.coordination),
      integration: String(answer.noContactDays.integration),
    });
    setSaved(true);
  });
  const errors = fieldErrorsOf(error);
  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <h3 id="no-contact-title">{t('alerts.settingsTitle')}</h3>
      <p>{t('alerts.settingsIntro')}</p>
      {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
      {saved && <Alert tone="success">{t('admin.settingsSaved')}</Alert>}
      {LEVELS.map((level) => (
        <Field
          key={level}
          label={t('alerts.settingsDays', { level: t(`assess.levels.${level}`) })}
          name={`noContactDays.${level}`}
          type="number"
          inputMode="numeric"
          min={1}
          max={365}
          step={1}
          required
          value={values[level]}
          onChange={(event) => {
            setSaved(false);
            setValues({ ...values, [level]: event.target.value });
          }}
          error={errors[`noContactDays.${level}`] ?? errors.noContactDays}
        />
      ))}
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? t('common.saving') : t('common.save')}
      </button>
    </form>
  );
}
