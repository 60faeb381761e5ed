import { useCallback, useState } from 'react';
import type { SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api';
import type { SearchAnswer } from '../../api';
import { Alert } from '../../components/Alert';
import { FilePicker, toUploads, usePickedFiles } from '../../components/attachments';
import { SelectField, TextAreaField } from '../../components/Field';
import { fieldErrorsOf, useErrorText, usePageTitle } from '../../hooks';
import { currentLocale } from '../../i18n';
import {
  AcceptingBadge,
  Show,
  termOptions,
  useLabels,
  useLoaded,
  useVocabulary,
} from '../directory/shared';
import { useSubmit } from '../pathway/use-submit';
import {
  referralsApi,
  URGENCIES,
  type RecipientTarget,
  type ReferralUrgency,
  type UsualProviders,
} from './referrals-api';

type Chosen = { key: string; target: RecipientTarget; name: string };
const keyOf = (target: RecipientTarget) =>
  'serviceId' in target ? `s:${target.serviceId}` : `m:${target.memberId}`;

/**
 * "Adresser": the referral form. What is asked, how urgent, the documents sent (files, and words
 * for what is not attached), then the recipients — the person's usual providers first, then anyone from the directory
 * (profession, commune, accepting new people). One referral goes to all the recipients chosen;
 * the first to accept takes it.
 */
export function ReferralFormPage() {
  const { personId = '' } = useParams();
  const { t } = useTranslation();
  usePageTitle(t('referrals.form.title'));
  const navigate = useNavigate();
  const [reason, setReason] = useState('');
  const [urgency, setUrgency] = useState<ReferralUrgency>('within_7d');
  const [documents, setDocuments] = useState('');
  const [chosen, setChosen] = useState<Chosen[]>([]);
  const picked = usePickedFiles();
  const [noRecipient, setNoRecipient] = useState(false);
  const [usual, retryUsual] = useLoaded(
    useCallback(() => referralsApi.usualProviders(personId), [personId]),
  );
  const errorText = useErrorText();

  const toggle = (target: RecipientTarget, name: string) => {
    const key = keyOf(target);
    setNoRecipient(false);
    setChosen((list) =>
      list.some((c) => c.key === key)
        ? list.filter((c) => c.key !== key)
        : [...list, { key, target, name }],
    );
  };
  const isChosen = (target: RecipientTarget) => chosen.some((c) => c.key === keyOf(target));

  const { error, busy, onSubmit } = useSubmit(async () => {
    const sent = await referralsApi.send(personId, {
      reason,
      urgency,
      ...(documents.trim() ? { documents } : {}),
      attachments: await toUploads(picked.files),
      recipients: chosen.map((c) => c.target),
    });
    void navigate(`/adressages/${sent.id}`);
  });
  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    if (chosen.length === 0) {
      event.preventDefault();
      setNoRecipient(true);
      return;
    }
    onSubmit(event);
  };
  const fields = fieldErrorsOf(error);

  return (
    <>
      <div className="page-intro">
        <p>
          <Link to={`/persons/${personId}`}>{t('referrals.form.back')}</Link>
        </p>
        <h1>{t('referrals.form.title')}</h1>
        <p className="lead">{t('referrals.form.intro')}</p>
      </div>
      <form className="stack" onSubmit={submit} noValidate>
        {error !== null && (
          <Alert tone="error" title={t('referrals.form.error')}>
            <p>{errorText(error)}</p>
          </Alert>
        )}
        <section className="card" aria-labelledby="referral-what">
          <h2 id="referral-what">{t('referrals.form.what')}</h2>
          <TextAreaField
            label={t('referrals.form.reason')}
            hint={t('referrals.form.reasonHint')}
            name="reason"
            required
            maxLength={2000}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            error={fields.reason}
          />
          <SelectField
            label={t('referrals.form.urgency')}
            name="urgency"
            value={urgency}
            onChange={(value) => setUrgency(value as ReferralUrgency)}
            options={URGENCIES.map((u) => ({ value: u, label: t(`referrals.urgency.${u}`) }))}
            hint={t('referrals.form.urgencyHint')}
            error={fields.urgency}
          />
          <TextAreaField
            label={t('referrals.form.documents')}
            hint={t('referrals.form.documentsHint')}
            name="documents"
            maxLength={2000}
            value={documents}
            onChange={(event) => setDocuments(event.target.value)}
            error={fields.documents}
          />
          <FilePicker id="referral-files" ref={picked.ref} onPick={picked.pick} />
          {picked.problem && <Alert tone="error">{picked.problem}</Alert>}
        </section>

        <section className="card" aria-labelledby="referral-usual">
          <h2 id="referral-usual">{t('referrals.form.usualTitle')}</h2>
          <p className="hint">{t('referrals.form.usualHint')}</p>
          <Show state={usual} retry={retryUsual}>
            {(providers) => <UsualList providers={providers} isChosen={isChosen} toggle={toggle} />}
          </Show>
        </section>

        <DirectoryPicker isChosen={isChosen} toggle={toggle} />

        <section className="card" aria-labelledby="referral-chosen">
          <h2 id="referral-chosen">{t('referrals.form.chosenTitle', { count: chosen.length })}</h2>
          {chosen.length === 0 ? (
            <p
              className={noRecipient ? 'field-error' : 'muted'}
              role={noRecipient ? 'alert' : undefined}
            >
              {t(noRecipient ? 'referrals.form.noRecipient' : 'referrals.form.noneChosen')}
            </p>
          ) : (
            <ul className="plain-list">
              {chosen.map((c) => (
                <li key={c.key}>
                  {c.name}{' '}
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() => toggle(c.target, c.name)}
                  >
                    {t('referrals.form.remove')}
                  </button>
                </li>
              ))}
            </ul>
          )}
          {fields.recipients && <p className="field-error">{fields.recipients}</p>}
          <p className="hint">{t('referrals.form.firstWins')}</p>
          <div className="actions">
            <button type="submit" className="button button-primary" disabled={busy}>
              {t('referrals.form.send', { count: chosen.length })}
            </button>
          </div>
        </section>
      </form>
    </>
  );
}

type PickProps = {
  isChosen: (target: RecipientTarget) => boolean;
  toggle: (target: RecipientTarget, name: string) => void;
};

function UsualList({ providers, isChosen, toggle }: PickProps & { providers: UsualProviders }) {
  const { t } = useTranslation();
  const vocabulary = useVocabulary();
  const labels = useLabels(vocabulary.status === 'ready' ? vocabulary.data : null);
  if (providers.members.length === 0 && providers.services.length === 0) {
    return <p className="muted">{t('referrals.form.noUsual')}</p>;
  }
  return (
    <ul className="plain-list pick-list">
      {providers.services.map((s) => {
        const name = `${s.name} — ${s.organisationName}`;
        return (
          <li key={s.serviceId}>
            <label>
              <input
                type="checkbox"
                checked={isChosen({ serviceId: s.serviceId })}
                onChange={() => toggle({ serviceId: s.serviceId }, name)}
              />{' '}
              {name} <AcceptingBadge accepting={s.accepting} />
            </label>
          </li>
        );
      })}
      {providers.members.map((m) => {
        const name = `${m.firstName} ${m.lastName}`;
        return (
          <li key={m.memberId}>
            <label>
              <input
                type="checkbox"
                checked={isChosen({ memberId: m.memberId })}
                onChange={() => toggle({ memberId: m.memberId }, name)}
              />{' '}
              {name} <span className="secondary">{labels('professions', m.profession)}</span>
            </label>
          </li>
        );
      })}
    </ul>
  );
}

/** The directory search (the directory's own endpoint), narrowed to services and members. */
function DirectoryPicker({ isChosen, toggle }: PickProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const vocabulary = useVocabulary();
  const errorText = useErrorText();
  const [q, setQ] = useState('');
  const [profession, setProfession] = useState('');
  const [commune, setCommune] = useState('');
  const [acceptingOnly, setAcceptingOnly] = useState(true);
  const [answer, setAnswer] = useState<SearchAnswer | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function search() {
    setBusy(true);
    setError(null);
    try {
      setAnswer(
        await api.searchDirectory({
          q,
          type: 'service,member',
          profession,
          commune,
          ...(acceptingOnly ? { accepting: 'yes' } : {}),
          pageSize: '10',
        }),
      );
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }
  const vocab = vocabulary.status === 'ready' ? vocabulary.data : null;

  return (
    <section className="card" aria-labelledby="referral-search">
      <h2 id="referral-search">{t('referrals.form.searchTitle')}</h2>
      <div className="referral-search-fields">
        <div className="field">
          <label htmlFor="referral-q">{t('referrals.form.searchWords')}</label>
          <input
            id="referral-q"
            value={q}
            onChange={(event) => setQ(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                void search();
              }
            }}
          />
        </div>
        <SelectField
          label={t('referrals.form.profession')}
          name="profession"
          value={profession}
          onChange={setProfession}
          options={[
            { value: '', label: t('referrals.form.any') },
            ...(vocab ? termOptions(vocab.professions, locale) : []),
          ]}
        />
        <SelectField
          label={t('referrals.form.commune')}
          name="commune"
          value={commune}
          onChange={setCommune}
          options={[
            { value: '', label: t('referrals.form.any') },
            ...(vocab ? vocab.communes.map((c) => ({ value: c, label: c })) : []),
          ]}
        />
      </div>
      <label className="checkbox-line">
        <input
          type="checkbox"
          checked={acceptingOnly}
          onChange={(event) => setAcceptingOnly(event.target.checked)}
        />{' '}
        {t('referrals.form.acceptingOnly')}
      </label>
      <div className="actions">
        <button type="button" className="button" onClick={() => void search()} disabled={busy}>
          {t('referrals.form.search')}
        </button>
      </div>
      {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
      {answer &&
        (answer.items.length === 0 ? (
          <p className="muted">{t('referrals.form.noResult')}</p>
        ) : (
          <ul className="plain-list pick-list" aria-live="polite">
            {answer.items.map((item) => {
              const target: RecipientTarget =
                item.type === 'service' ? { serviceId: item.id } : { memberId: item.id };
              const name = [item.title, item.subtitle].filter(Boolean).join(' — ');
              return (
                <li key={item.id}>
                  <label>
                    <input
                      type="checkbox"
                      checked={isChosen(target)}
                      onChange={() => toggle(target, name)}
                    />{' '}
                    {name} <AcceptingBadge accepting={item.accepting} />
                    {item.communes.length > 0 && (
                      <span className="secondary"> · {item.communes.slice(0, 3).join(', ')}</span>
                    )}
                  </label>
                </li>
              );
            })}
          </ul>
        ))}
    </section>
  );
}
