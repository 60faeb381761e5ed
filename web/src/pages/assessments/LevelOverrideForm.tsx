import { useState } from 'react';
import type { SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type OverrideLevelRequest, type PersonLevel } from '../../api';
import { Alert } from '../../components/Alert';
import { SelectField, TextAreaField } from '../../components/Field';
import { fieldErrorsOf, focusFirstInvalid, useErrorText } from '../../hooks';

type TChoice = OverrideLevelRequest['level'];
const CHOICES: TChoice[] = ['liaison', 'coordination', 'integration', 'computed'];

/**
 * The case manager overrides the computed level with a written justification, or brings the
 * computed one back; the server checks the justification (10 characters at least) and its
 * refusal shows beside the field.
 */
export function LevelOverrideForm({
  personId,
  level,
  onSaved,
}: {
  personId: string;
  level: PersonLevel;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [choice, setChoice] = useState<TChoice>(level.override ? 'computed' : 'coordination');
  const [justification, setJustification] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setBusy(true);
    setError(null);
    try {
      await api.overridePersonLevel(personId, { level: choice, justification });
      setJustification('');
      onSaved();
    } catch (caught) {
      setError(caught);
      focusFirstInvalid(form);
    } finally {
      setBusy(false);
    }
  }

  const errors = fieldErrorsOf(error);
  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate>
      <h3>{t('assess.overrideTitle')}</h3>
      <p className="hint">{t('assess.overrideIntro')}</p>
      {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
      <SelectField
        label={t('assess.overrideLevel')}
        name="level"
        value={choice}
        onChange={(value) => setChoice(value as TChoice)}
        options={CHOICES.map((value) => ({
          value,
          label: value === 'computed' ? t('assess.overrideComputed') : t(`assess.levels.${value}`),
        }))}
        error={errors.level}
      />
      <TextAreaField
        label={t('assess.justification')}
        name="justification"
        hint={t('assess.justificationHint')}
        required
        value={justification}
        onChange={(event) => setJustification(event.target.value)}
        error={errors.justification}
      />
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? t('common.saving') : t('assess.overrideSubmit')}
      </button>
    </form>
  );
}
