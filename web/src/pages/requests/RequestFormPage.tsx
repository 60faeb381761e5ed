import { useEffect, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, SOURCES } from '../../api';
import type { FiledRequest, PersonSummary, RequestSource } from '../../api';
import { Alert } from '../../components/Alert';
import { Field, SelectField } from '../../components/Field';
import { focusFirstInvalid, useErrorText, usePageTitle } from '../../hooks';
import { useSession } from '../../session';
import {
  emptyPerson,
  emptySituation,
  NewPersonFields,
  pathErrorsOf,
  personBody,
  SituationFields,
  situationBody as situationBodyOf,
} from './shared';

/**
 * A request for support from a member, made for a phone: who (a followed person from their list,
 * or a new one), where from, the checklist as tap targets, urgency, consent. Then the reference.
 */
export function RequestFormPage() {
  const { t } = useTranslation();
  usePageTitle(t('requests.newTitle'));
  const errorText = useErrorText();
  const { session } = useSession();
  const isPatient = session?.user.role === 'patient';
  const [people, setPeople] = useState<PersonSummary[]>([]);
  const [personId, setPersonId] = useState('');
  const [person, setPerson] = useState(emptyPerson());
  const [source, setSource] = useState<RequestSource>(
    isPatient ? 'person' : 'community_professional',
  );
  const [relation, setRelation] = useState('');
  const [situation, setSituation] = useState(emptySituation());
  const [error, setError] = useState<unknown>(null);
  const [sending, setSending] = useState(false);
  const [filed, setFiled] = useState<FiledRequest | null>(null);

  useEffect(() => {
    let active = true;
    api.listPersons().then(
      ({ items }) => {
        if (!active) return;
        setPeople(items);
        if (isPatient && items[0]) setPersonId(items[0].id);
      },
      () => undefined, // the list only helps: a new person can always be typed in
    );
    return () => {
      active = false;
    };
  }, [isPatient]);

  const errors = pathErrorsOf(error);

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setSending(true);
    setError(null);
    try {
      setFiled(
        await api.fileRequest({
          ...(personId ? { personId } : { newPerson: personBody(person) }),
          source,
          ...(relation.trim() ? { relation } : {}),
          ...situationBodyOf(situation),
        }),
      );
    } catch (caught) {
      setError(caught);
      focusFirstInvalid(form);
    } finally {
      setSending(false);
    }
  }

  if (filed) {
    return (
      <section className="card narrow">
        <h1>{t('requests.sentTitle')}</h1>
        <Alert tone="success">
          <p>{t('requests.sentReference', { reference: filed.reference })}</p>
        </Alert>
        <p>{t('requests.sentNext')}</p>
        <div className="actions">
          <Link className="button button-primary" to="/demandes">
            {t('requests.mineTitle')}
          </Link>
          <button
            type="button"
            className="button"
            onClick={() => {
              setFiled(null);
              setPerson(emptyPerson());
              setSituation(emptySituation());
            }}
          >
            {t('requests.another')}
          </button>
        </div>
      </section>
    );
  }

  return (
    <section className="card narrow">
      <h1>{t('requests.newTitle')}</h1>
      <p className="lead">{t('requests.newLead')}</p>
      {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
      <form onSubmit={(event) => void submit(event)} noValidate className="stack-form">
        {people.length > 0 && (
          <SelectField
            label={t('requests.whoLabel')}
            name="personId"
            value={personId}
            onChange={setPersonId}
            error={errors.personId}
            options={[
              ...(isPatient ? [] : [{ value: '', label: t('requests.newPersonOption') }]),
              ...people.map((p) => ({ value: p.id, label: `${p.lastName} ${p.firstName}` })),
            ]}
          />
        )}
        {!personId && (
          <NewPersonFields value={person} onChange={setPerson} errors={errors} prefix="newPerson" />
        )}
        {!isPatient && (
          <SelectField
            label={t('requests.sourceLabel')}
            name="source"
            value={source}
            onChange={(value) => setSource(value as RequestSource)}
            options={SOURCES.map((value) => ({ value, label: t(`requests.source.${value}`) }))}
          />
        )}
        <SituationFields
          value={situation}
          onChange={setSituation}
          errors={errors}
          extra={
            !isPatient && (
              <Field
                label={t('requests.relationLabel')}
                hint={t('requests.relationHint')}
                name="relation"
                value={relation}
                onChange={(event) => setRelation(event.target.value)}
                error={errors.relation}
              />
            )
          }
        />
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={sending}>
            {sending ? t('requests.sending') : t('requests.send')}
          </button>
        </div>
      </form>
    </section>
  );
}
