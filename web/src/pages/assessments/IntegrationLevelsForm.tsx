import { useEffect, useState } from 'react';
import type { SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Settings } from '../../api';
import { Alert } from '../../components/Alert';
import { Field } from '../../components/Field';
import { fieldErrorsOf, focusFirstInvalid, useErrorText } from '../../hooks';
import { Show, useLoaded } from '../admin/shared';

type TLevels = Settings['integrationLevels'];
type TThreshold = Exclude<keyof TLevels, 'reassessmentDays'>;
type TDelay = keyof TLevels['reassessmentDays'];

const THRESHOLDS: TThreshold[] = [
  'coordinationServiceTypes',
  'integrationServiceTypes',
  'coordinationGirMax',
  'integrationGirMax',
  'coordinationDimensions',
  'integrationDimensions',
  'caregiverStrainFrom',
  'hospitalisationsFrom',
  'fallsFrom',
];
const DELAYS: TDelay[] = ['liaison', 'coordination', 'integration'];

const fetchSettings = () => api.getSettings();

/** The network's integration-level thresholds and reassessment delays (decision 010). */
export function IntegrationLevelsForm() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [state] = useLoaded(fetchSettings);
  const [values, setValues] = useState<Record<string, string> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  const fill = (levels: TLevels) =>
    setValues({
      ...Object.fromEntries(THRESHOLDS.map((key) => [key, String(levels[key])])),
      ...Object.fromEntries(DELAYS.map((key) => [key, String(levels.reassessmentDays[key])])),
    });
  useEffect(() => {
    if (state.status === 'ready') fill(state.data.integrationLevels);
  }, [state]);

  if (state.status !== 'ready' || values === null) {
    return <Show state={state}>{() => null}</Show>;
  }

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!values) return;
    setSaved(false);
    setBusy(true);
    setError(null);
    // Sent as typed: the server says which value is out of range or out of order.
    const number = (key: string) => (values[key]?.trim() ? Number(values[key]) : Number.NaN);
    try {
      const answer = await api.updateSettings({
        integrationLevels: {
          ...(Object.fromEntries(THRESHOLDS.map((key) => [key, number(key)])) as Record<
            TThreshold,
            number
          >),
          reassessmentDays: {
            liaison: number('liaison'),
            coordination: number('coordination'),
            integration: number('integration'),
          },
        },
      });
      fill(answer.integrationLevels);
      setSaved(true);
    } catch (caught) {
      setError(caught);
      focusFirstInvalid(event.currentTarget);
    } finally {
      setBusy(false);
    }
  }

  const errors = fieldErrorsOf(error);
  // Field errors are keyed by the last segment of their path: each key here is unique.
  const field = (key: string, label: string) => (
    <Field
      key={key}
      label={label}
      name={key}
      type="number"
      inputMode="numeric"
      step={1}
      required
      value={values[key] ?? ''}
      onChange={(event) => {
        setSaved(false);
        setValues({ ...values, [key]: event.target.value });
      }}
      error={errors[key]}
    />
  );

  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate>
      <p>{t('admin.levelsIntro')}</p>
      {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
      {saved && <Alert tone="success">{t('admin.settingsSaved')}</Alert>}
      {THRESHOLDS.map((key) => field(key, t(`admin.levels.${key}`)))}
      <fieldset>
        <legend>{t('admin.levelsDelays')}</legend>
        {DELAYS.map((key) => field(key, t(`assess.levels.${key}`)))}
      </fieldset>
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? t('common.saving') : t('common.save')}
      </button>
    </form>
  );
}
