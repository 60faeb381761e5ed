import { useCallback, useEffect, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import type { Challenge, PublicFiledRequest } from '../../api';
import { Alert } from '../../components/Alert';
import { Field } from '../../components/Field';
import { focusFirstInvalid, useErrorText, usePageTitle } from '../../hooks';
import {
  emptyPerson,
  emptySituation,
  NewPersonFields,
  pathErrorsOf,
  personBody,
  SituationFields,
  situationBody,
} from './shared';

/**
 * The public request form (/demande): the person or a caregiver asks the network for support
 * without an account. A sum to answer in digits stands for the human check (decision 012); the
 * reference is shown once sent.
 */
export function PublicRequestPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('requests.publicTitle'));
  const errorText = useErrorText();
  const [person, setPerson] = useState(emptyPerson());
  const [requester, setRequester] = useState({
    name: '',
    relation: 'caregiver' as 'self' | 'caregiver',
    phone: '',
    email: '',
  });
  const [situation, setSituation] = useState(emptySituation());
  const [challenge, setChallenge] = useState<Challenge | null>(null);
  const [answer, setAnswer] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [sending, setSending] = useState(false);
  const [filed, setFiled] = useState<PublicFiledRequest | null>(null);

  const newQuestion = useCallback(() => {
    setAnswer('');
    api.publicChallenge().then(setChallenge, setError);
  }, []);
  // a new question in the reader's language
  useEffect(newQuestion, [newQuestion, i18n.language]);

  const errors = pathErrorsOf(error);
  const setR = (changes: Partial<typeof requester>) => setRequester({ ...requester, ...changes });

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!challenge) return;
    const form = event.currentTarget;
    setSending(true);
    setError(null);
    try {
      setFiled(
        await api.filePublicRequest({
          person: personBody(person),
          requester: {
            name: requester.name,
            relation: requester.relation,
            ...(requester.phone.trim() ? { phone: requester.phone } : {}),
            ...(requester.email.trim() ? { email: requester.email } : {}),
          },
          ...situationBody(situation),
          humanCheck: { token: challenge.token, answer },
        }),
      );
    } catch (caught) {
      setError(caught);
      if (
        pathErrorsOf(caught)['humanCheck.token'] ||
        /déjà servi|already used/.test(errorText(caught))
      )
        newQuestion();
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
        <p>{t('requests.publicNext')}</p>
      </section>
    );
  }

  return (
    <section className="card narrow">
      <h1>{t('requests.publicTitle')}</h1>
      <p className="lead">{t('requests.publicLead')}</p>
      {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
      <form onSubmit={(event) => void submit(event)} noValidate className="stack-form">
        <fieldset className="tap-group">
          <legend>{t('requests.publicYou')}</legend>
          <div className="tap-grid tap-grid-2">
            {(['self', 'caregiver'] as const).map((relation) => (
              <label key={relation} className="tap-target">
                <input
                  type="radio"
                  name="relation"
                  checked={requester.relation === relation}
                  onChange={() => setR({ relation })}
                />
                <span>{t(`requests.publicRelation.${relation}`)}</span>
              </label>
            ))}
          </div>
          <Field
            label={t('requests.publicName')}
            name="requester.name"
            autoComplete="name"
            required
            value={requester.name}
            onChange={(event) => setR({ name: event.target.value })}
            error={errors['requester.name']}
          />
          <div className="field-row">
            <Field
              label={t('requests.publicPhone')}
              name="requester.phone"
              type="tel"
              autoComplete="tel"
              value={requester.phone}
              onChange={(event) => setR({ phone: event.target.value })}
              error={errors['requester.phone']}
            />
            <Field
              label={t('requests.publicEmail')}
              name="requester.email"
              type="email"
              autoComplete="email"
              value={requester.email}
              onChange={(event) => setR({ email: event.target.value })}
              error={errors['requester.email']}
            />
          </div>
        </fieldset>
        <fieldset className="tap-group">
          <legend>
            {requester.relation === 'self'
              ? t('requests.publicAboutSelf')
              : t('requests.publicAbout')}
          </legend>
          <NewPersonFields value={person} onChange={setPerson} errors={errors} prefix="person" />
        </fieldset>
        <SituationFields value={situation} onChange={setSituation} errors={errors} />
        <fieldset className="tap-group">
          <legend>{t('requests.humanCheck')}</legend>
          <Field
            label={challenge?.question ?? t('app.loading')}
            hint={t('requests.humanCheckHint')}
            name="humanCheck.answer"
            inputMode="numeric"
            autoComplete="off"
            required
            value={answer}
            onChange={(event) => setAnswer(event.target.value)}
            error={errors['humanCheck.answer'] ?? errors['humanCheck.token']}
          />
          <button type="button" className="button button-quiet" onClick={newQuestion}>
            {t('requests.humanCheckOther')}
          </button>
        </fieldset>
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={sending || !challenge}>
            {sending ? t('requests.sending') : t('requests.send')}
          </button>
        </div>
      </form>
    </section>
  );
}
