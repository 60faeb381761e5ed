import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { Alert } from '../../components/Alert';
import { Field, TextAreaField } from '../../components/Field';
import { formatDate } from '../../format';
import { fieldErrorsOf, useErrorText, usePageTitle } from '../../hooks';
import { currentLocale } from '../../i18n';
import { teamApi, type BreakGlassCandidate } from './team-api';

/**
 * Emergency access (break-the-glass, decision 018): find a person outside one's teams by their
 * exact last name and birth date, read plainly what will be recorded and who will be told, give
 * the reason, and the record opens for four hours.
 */
export function BreakGlassPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const errorText = useErrorText();
  const navigate = useNavigate();
  usePageTitle(t('breakGlass.title'));
  const [lastName, setLastName] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [found, setFound] = useState<BreakGlassCandidate[] | null>(null);
  const [chosen, setChosen] = useState<BreakGlassCandidate | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const fields = fieldErrorsOf(error);

  async function search(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setChosen(null);
    try {
      setFound((await teamApi.searchBreakGlass(lastName, birthDate)).items);
    } catch (caught) {
      setError(caught);
    }
  }

  async function open(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!chosen) return;
    setError(null);
    try {
      await teamApi.breakGlass(chosen.id, reason);
      void navigate(`/persons/${chosen.id}`);
    } catch (caught) {
      setError(caught);
    }
  }

  return (
    <>
      <div className="page-intro">
        <h1>{t('breakGlass.title')}</h1>
        <p className="lead">{t('breakGlass.intro')}</p>
      </div>
      {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
      <section className="card" aria-labelledby="bg-search-title">
        <h2 id="bg-search-title">{t('breakGlass.searchTitle')}</h2>
        <form onSubmit={(event) => void search(event)} role="search">
          <Field
            label={t('breakGlass.lastName')}
            hint={t('breakGlass.lastNameHint')}
            name="lastName"
            value={lastName}
            error={fields.lastName}
            onChange={(event) => setLastName(event.target.value)}
            required
          />
          <Field
            label={t('breakGlass.birthDate')}
            name="birthDate"
            type="date"
            value={birthDate}
            error={fields.birthDate}
            onChange={(event) => setBirthDate(event.target.value)}
            required
          />
          <button type="submit" className="button">
            {t('breakGlass.search')}
          </button>
        </form>
        {found && found.length === 0 && <p>{t('breakGlass.none')}</p>}
        {found && found.length > 0 && (
          <ul className="plain-list" aria-label={t('breakGlass.results')}>
            {found.map((p) => (
              <li key={p.id}>
                <strong>
                  {p.lastName} {p.firstName}
                </strong>{' '}
                <span className="secondary">
                  {p.birthDate && formatDate(p.birthDate, locale)}
                  {p.commune && ` · ${p.commune}`}
                </span>{' '}
                <button
                  type="button"
                  className="button button-small button-danger"
                  onClick={() => setChosen(p)}
                >
                  {t('breakGlass.choose', { name: `${p.firstName} ${p.lastName}` })}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      {chosen && (
        <section
          className="card"
          role="dialog"
          aria-modal="false"
          aria-labelledby="bg-confirm-title"
        >
          <h2 id="bg-confirm-title">
            {t('breakGlass.confirmTitle', { name: `${chosen.firstName} ${chosen.lastName}` })}
          </h2>
          <ul>
            <li>{t('breakGlass.recorded')}</li>
            <li>{t('breakGlass.told')}</li>
            <li>{t('breakGlass.duration')}</li>
          </ul>
          <form onSubmit={(event) => void open(event)}>
            <TextAreaField
              label={t('breakGlass.reason')}
              hint={t('breakGlass.reasonHint')}
              name="reason"
              value={reason}
              minLength={15}
              maxLength={1000}
              error={fields.reason}
              onChange={(event) => setReason(event.target.value)}
              required
            />
            <button type="submit" className="button button-danger">
              {t('breakGlass.open')}
            </button>{' '}
            <button type="button" className="button" onClick={() => setChosen(null)}>
              {t('person.cancel')}
            </button>
          </form>
        </section>
      )}
    </>
  );
}
