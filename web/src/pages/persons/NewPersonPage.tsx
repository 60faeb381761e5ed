import { useRef, useState } from 'react';
import type { SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../api';
import type { DuplicateCheck } from '../../api';
import { Alert } from '../../components/Alert';
import { formatDate } from '../../format';
import { focusFirstInvalid, useErrorText, usePageTitle } from '../../hooks';
import { currentLocale } from '../../i18n';
import { IdentityFields } from './IdentityFields';
import {
  contactErrorsOf,
  identityErrorsOf,
  creationBody,
  EMPTY_IDENTITY,
  missingFields,
} from './identity-form-model';

/**
 * Registering a person: the duplicate check runs first and its answer is shown in the form
 * (records the user may open, or only "already followed — ask the coordination team"); creating
 * over candidates takes an explicit confirmation, which the server checks again.
 */
export function NewPersonPage() {
  const { t } = useTranslation();
  usePageTitle(t('person.new.title'));
  const navigate = useNavigate();
  const errorText = useErrorText();
  const [values, setValues] = useState(EMPTY_IDENTITY);
  const [missing, setMissing] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [check, setCheck] = useState<DuplicateCheck | null>(null);
  const [checkedKey, setCheckedKey] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const checkRef = useRef<HTMLDivElement>(null);
  const fieldErrors = { ...identityErrorsOf(error), ...missing };
  // The check holds for the names and birth date it was made with; any change asks for a new one.
  const identityKey = JSON.stringify([
    values.birthName,
    values.lastName,
    values.firstName,
    values.firstNames,
    values.birthDate,
  ]);
  const checkIsCurrent = check !== null && checkedKey === identityKey;
  const hasCandidates = checkIsCurrent && (check.candidates.length > 0 || check.followedElsewhere);

  async function submit(event: SubmitEvent<HTMLFormElement>, confirm: boolean) {
    event.preventDefault();
    const form = event.currentTarget;
    const empty = Object.fromEntries(
      missingFields(values).map((field) => [field, t('common.fieldRequired')]),
    );
    setMissing(empty);
    setError(null);
    if (Object.keys(empty).length > 0) {
      focusFirstInvalid(form);
      return;
    }
    setBusy(true);
    try {
      if (!checkIsCurrent) {
        const answer = await api.checkDuplicates({
          birthName: values.birthName.trim(),
          lastName: values.lastName.trim() || null,
          firstName: values.firstName.trim(),
          firstNames: values.firstNames.trim() || null,
          birthDate: values.birthDate,
        });
        setCheck(answer);
        setCheckedKey(identityKey);
        if (answer.candidates.length > 0 || answer.followedElsewhere) {
          window.setTimeout(() => checkRef.current?.focus(), 0);
          return;
        }
      }
      const created = await api.createPerson(creationBody(values, confirm));
      void navigate(`/persons/${created.id}`);
    } catch (caught) {
      setError(caught);
      focusFirstInvalid(form);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <div className="page-intro">
        <p>
          <Link to="/">{t('person.backHome')}</Link>
        </p>
        <h1>{t('person.new.title')}</h1>
        <p className="lead">{t('person.new.intro')}</p>
      </div>
      <form
        className="form entry-form"
        aria-label={t('person.new.title')}
        noValidate
        onSubmit={(event) => void submit(event, hasCandidates)}
      >
        {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
        <IdentityFields
          values={values}
          onChange={setValues}
          errors={fieldErrors}
          contactErrors={contactErrorsOf(error)}
        />
        <div ref={checkRef} tabIndex={-1} className="live-region" aria-live="polite">
          {checkIsCurrent && <DuplicateAnswer check={check} />}
        </div>
        <div className="actions form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy
              ? t('person.new.working')
              : hasCandidates
                ? t('person.new.createAnyway')
                : t('person.new.submit')}
          </button>
          <Link className="button" to="/">
            {t('person.cancel')}
          </Link>
        </div>
      </form>
    </>
  );
}

/** What the duplicate check found: records to open, and/or the out-of-rights notice. */
function DuplicateAnswer({ check }: { check: DuplicateCheck }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  if (check.candidates.length === 0 && !check.followedElsewhere) {
    return <Alert tone="success">{t('person.duplicates.none')}</Alert>;
  }
  return (
    <Alert tone="warning" title={t('person.duplicates.title')}>
      {check.candidates.length > 0 && (
        <>
          <p>{t('person.duplicates.intro')}</p>
          <ul className="duplicate-list">
            {check.candidates.map((c) => (
              <li key={c.id}>
                <Link to={`/persons/${c.id}`}>
                  {c.lastName} {c.firstName}
                </Link>
                {c.birthName && c.birthName !== c.lastName && (
                  <> ({t('person.bornName', { name: c.birthName })})</>
                )}
                {c.birthDate && <> · {formatDate(c.birthDate, locale)}</>}
                {c.commune && <> · {c.commune}</>} ·{' '}
                <span className="secondary">{t(`person.duplicates.match.${c.match}`)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {check.notice && <p>{check.notice}</p>}
      <p>{t('person.duplicates.confirm')}</p>
    </Alert>
  );
}
