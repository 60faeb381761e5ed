import { useCallback, useState } from 'react';
import type { SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert } from '../../components/Alert';
import { FilePicker, toUploads, usePickedFiles } from '../../components/attachments';
import { MemberPicker, type TPicked } from '../../components/MemberPicker';
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

/** A recipient as the picker keeps it: a service or a member of the directory. */
const targetOf = (picked: TPicked): RecipientTarget =>
  picked.type === 'service' ? { serviceId: picked.id } : { memberId: picked.id };

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
  const [chosen, setChosen] = useState<TPicked[]>([]);
  const picked = usePickedFiles();
  const [noRecipient, setNoRecipient] = useState(false);
  const [usual, retryUsual] = useLoaded(
    useCallback(() => referralsApi.usualProviders(personId), [personId]),
  );
  const errorText = useErrorText();

  const choose = (next: TPicked[]) => {
    setNoRecipient(false);
    setChosen(next);
  };
  const toggle = (picked: TPicked) =>
    choose(
      chosen.some((c) => c.id === picked.id)
        ? chosen.filter((c) => c.id !== picked.id)
        : [...chosen, picked],
    );
  const isChosen = (id: string) => chosen.some((c) => c.id === id);

  const { error, busy, onSubmit } = useSubmit(async () => {
    const sent = await referralsApi.send(personId, {
      reason,
      urgency,
      ...(documents.trim() ? { documents } : {}),
      attachments: await toUploads(picked.files),
      recipients: chosen.map(targetOf),
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

        <DirectoryPicker chosen={chosen} onChange={choose} />

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
                <li key={c.id}>
                  {c.name}
                  {c.detail && <span className="secondary"> — {c.detail}</span>}{' '}
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() => toggle(c)}
                    aria-label={t('memberPicker.remove', { name: c.name })}
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
  isChosen: (id: string) => boolean;
  toggle: (picked: TPicked) => void;
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
        const picked: TPicked = {
          id: s.serviceId,
          name: s.name,
          detail: s.organisationName,
          type: 'service',
        };
        return (
          <li key={s.serviceId}>
            <label>
              <input
                type="checkbox"
                checked={isChosen(s.serviceId)}
                onChange={() => toggle(picked)}
              />{' '}
              {s.name} — {s.organisationName} <AcceptingBadge accepting={s.accepting} />
            </label>
          </li>
        );
      })}
      {providers.members.map((m) => {
        const name = `${m.firstName} ${m.lastName}`;
        const profession = labels('professions', m.profession);
        const picked: TPicked = { id: m.memberId, name, detail: profession, type: 'member' };
        return (
          <li key={m.memberId}>
            <label>
              <input
                type="checkbox"
                checked={isChosen(m.memberId)}
                onChange={() => toggle(picked)}
              />{' '}
              {name} <span className="secondary">{profession}</span>
            </label>
          </li>
        );
      })}
    </ul>
  );
}

/**
 * The directory search, narrowed to services and members, with the profession, the commune and
 * "accepting new people" as criteria; the chosen list is the form's own section below.
 */
function DirectoryPicker({
  chosen,
  onChange,
}: {
  chosen: TPicked[];
  onChange: (next: TPicked[]) => void;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const vocabulary = useVocabulary();
  const [profession, setProfession] = useState('');
  const [commune, setCommune] = useState('');
  const [acceptingOnly, setAcceptingOnly] = useState(true);
  const vocab = vocabulary.status === 'ready' ? vocabulary.data : null;

  return (
    <section className="card" aria-labelledby="referral-search">
      <h2 id="referral-search">{t('referrals.form.searchTitle')}</h2>
      <MemberPicker
        legend={t('referrals.form.searchTitle')}
        legendHidden
        searchLabel={t('referrals.form.searchWords')}
        types="service,member"
        query={{ profession, commune, ...(acceptingOnly ? { accepting: 'yes' } : {}) }}
        chosen={chosen}
        onChange={onChange}
        showChosen={false}
        badge={(item) => (
          <>
            {' '}
            <AcceptingBadge accepting={item.accepting} />
            {item.communes.length > 0 && (
              <span className="secondary"> · {item.communes.slice(0, 3).join(', ')}</span>
            )}
          </>
        )}
        filters={
          <>
            <div className="referral-search-fields">
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
          </>
        }
      />
    </section>
  );
}
