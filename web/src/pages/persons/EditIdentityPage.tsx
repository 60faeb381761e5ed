import { useCallback, useState } from 'react';
import type { SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, ApiError } from '../../api';
import { Alert } from '../../components/Alert';
import { focusFirstInvalid, useErrorText, usePageTitle } from '../../hooks';
import { Show, useLoaded } from '../directory/shared';
import { AdvanceDirectivesFields } from './AdvanceDirectivesFields';
import { IdentityFields } from './IdentityFields';
import {
  changesBody,
  contactErrorsOf,
  identityErrorsOf,
  missingFields,
  valuesOf,
  type IdentityValues,
} from './identity-form-model';

/**
 * Editing a person's identity (case manager, network staff). The form sends the version it read;
 * when someone else saved in between, the server answers 409 and the form offers to reload.
 */
export function EditIdentityPage() {
  const { t } = useTranslation();
  usePageTitle(t('person.edit.title'));
  const { personId = '' } = useParams();
  const fetcher = useCallback(() => api.getPerson(personId), [personId]);
  const [state, retry] = useLoaded(fetcher);
  return (
    <>
      <div className="page-intro">
        <p>
          <Link to={`/persons/${personId}`}>{t('person.backPerson')}</Link>
        </p>
        <h1>{t('person.edit.title')}</h1>
      </div>
      <Show state={state} retry={retry}>
        {(person) => (
          <EditForm
            key={person.version}
            personId={person.id}
            initial={valuesOf(person)}
            version={person.version}
            onReload={retry}
          />
        )}
      </Show>
    </>
  );
}

function EditForm({
  personId,
  initial,
  version,
  onReload,
}: {
  personId: string;
  initial: IdentityValues;
  version: number;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const [values, setValues] = useState(initial);
  const [missing, setMissing] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fieldErrors = { ...identityErrorsOf(error), ...missing };
  const stale = error instanceof ApiError && error.status === 409;

  async function submit(event: SubmitEvent<HTMLFormElement>) {
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
      await api.updateIdentity(personId, changesBody(values, version));
      void navigate(`/persons/${personId}`);
    } catch (caught) {
      setError(caught);
      focusFirstInvalid(form);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="form entry-form"
      aria-label={t('person.edit.title')}
      noValidate
      onSubmit={(event) => void submit(event)}
    >
      {error !== null && (
        <Alert tone="error">
          <p>{errorText(error)}</p>
          {stale && (
            <button type="button" className="button" onClick={onReload}>
              {t('person.edit.reload')}
            </button>
          )}
        </Alert>
      )}
      <IdentityFields
        values={values}
        onChange={setValues}
        errors={fieldErrors}
        contactErrors={contactErrorsOf(error)}
      />
      <AdvanceDirectivesFields values={values} onChange={setValues} errors={fieldErrors} />
      <div className="actions form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('person.edit.saving') : t('person.edit.submit')}
        </button>
        <Link className="button" to={`/persons/${personId}`}>
          {t('person.cancel')}
        </Link>
      </div>
    </form>
  );
}
