import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Field } from '../../components/Field';
import { fieldErrorsOf, useErrorText } from '../../hooks';
import { teamApi, type CareTeamMembership } from './team-api';

/** Tomorrow in France, YYYY-MM-DD: the first day a planned end may name. */
const tomorrow = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(
    new Date(Date.now() + 86_400_000),
  );

/**
 * Plans the end of a member's place in the team on a later day (decision 027): they keep access
 * through that day and lose it at midnight after, with nothing to do on the day; a planned end can
 * be withdrawn. Ending today stays the section's "end" button (access ends at once).
 */
export function PlannedEndControl({
  personId,
  member,
  onDone,
}: {
  personId: string;
  member: CareTeamMembership;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [open, setOpen] = useState(false);
  const [until, setUntil] = useState('');
  const [error, setError] = useState<unknown>(null);
  const name = `${member.firstName} ${member.lastName}`;

  async function send(value: string | null) {
    setError(null);
    try {
      await teamApi.planEnd(personId, member.memberId, value);
      setOpen(false);
      setUntil('');
      onDone();
    } catch (caught) {
      setError(caught);
    }
  }

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    void send(until);
  }

  if (member.until) {
    return (
      <>
        {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
        <button type="button" className="button button-small" onClick={() => void send(null)}>
          {t('caseGaps.withdrawEnd', { name })}
        </button>
      </>
    );
  }
  if (!open) {
    return (
      <button
        type="button"
        className="button button-small"
        aria-expanded={false}
        onClick={() => setOpen(true)}
      >
        {t('caseGaps.planEnd', { name })}
      </button>
    );
  }
  return (
    <form
      className="form inline-form"
      aria-label={t('caseGaps.planEnd', { name })}
      onSubmit={submit}
    >
      {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
      <Field
        label={t('caseGaps.untilLabel')}
        name="until"
        type="date"
        min={tomorrow()}
        required
        value={until}
        onChange={(event) => setUntil(event.target.value)}
        hint={t('caseGaps.untilHint')}
        error={fieldErrorsOf(error).until}
      />
      <div className="actions">
        <button type="submit" className="button button-small button-primary" disabled={!until}>
          {t('caseGaps.planEndSubmit')}
        </button>{' '}
        <button type="button" className="button button-small" onClick={() => setOpen(false)}>
          {t('person.cancel')}
        </button>
      </div>
    </form>
  );
}
