import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonDetail } from '../../api';
import { Alert } from '../../components/Alert';
import { SelectField, TextAreaField } from '../../components/Field';
import { useErrorText } from '../../hooks';
import { teamApi } from './team-api';

/**
 * The person's objections to sharing with a member (decision 018): listed for every reader; the
 * person themselves, their case manager and network staff record or withdraw one (the API
 * decides). An objection closes the member's access at once.
 */
export function ObjectionsSection({
  person,
  canConsent,
  onChanged,
}: {
  person: PersonDetail;
  canConsent: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const objected = new Set(person.objections.map((o) => o.memberId));
  const choices = person.careTeam.filter((m) => !objected.has(m.memberId));
  const [memberId, setMemberId] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const chosen = memberId || choices[0]?.memberId || '';

  async function record(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!chosen) return;
    setError(null);
    try {
      await teamApi.object(person.id, chosen, reason.trim() || undefined);
      setDone(t('objections.recorded'));
      setReason('');
      setMemberId('');
      onChanged();
    } catch (caught) {
      setError(caught);
    }
  }

  async function withdraw(id: string) {
    setError(null);
    try {
      await teamApi.withdrawObjection(person.id, id);
      setDone(t('objections.withdrawn'));
      onChanged();
    } catch (caught) {
      setError(caught);
    }
  }

  return (
    <section className="card" aria-labelledby="objections-title">
      <h2 id="objections-title">{t('person.page.objections')}</h2>
      <p className="hint">{t('objections.intro')}</p>
      {done && <Alert tone="success">{done}</Alert>}
      {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
      {person.objections.length === 0 ? (
        <p className="muted">{t('person.page.noObjections')}</p>
      ) : (
        <ul className="plain-list">
          {person.objections.map((o) => (
            <li key={o.memberId}>
              {o.firstName} {o.lastName}
              {o.reason && <span className="secondary"> — {o.reason}</span>}{' '}
              {canConsent && (
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => void withdraw(o.memberId)}
                >
                  {t('objections.withdraw', { name: `${o.firstName} ${o.lastName}` })}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canConsent && choices.length > 0 && (
        <form onSubmit={(event) => void record(event)}>
          <h3>{t('objections.recordTitle')}</h3>
          <SelectField
            label={t('objections.memberLabel')}
            name="objection-member"
            value={chosen}
            onChange={setMemberId}
            options={choices.map((m) => ({
              value: m.memberId,
              label: `${m.firstName} ${m.lastName} (${t(`careTeam.role.${m.role}`)})`,
            }))}
          />
          <TextAreaField
            label={t('objections.reasonLabel')}
            hint={t('objections.reasonHint')}
            name="objection-reason"
            value={reason}
            maxLength={1000}
            onChange={(event) => setReason(event.target.value)}
          />
          <button type="submit" className="button button-primary">
            {t('objections.record')}
          </button>
        </form>
      )}
    </section>
  );
}
