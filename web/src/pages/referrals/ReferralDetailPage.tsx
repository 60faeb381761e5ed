import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { Alert } from '../../components/Alert';
import { AttachmentList } from '../../components/attachments';
import { Field, TextAreaField } from '../../components/Field';
import { formatDate } from '../../format';
import { fieldErrorsOf, useErrorText, usePageTitle } from '../../hooks';
import { currentLocale } from '../../i18n';
import { Show, useLoaded } from '../directory/shared';
import { useSubmit } from '../pathway/use-submit';
import { referralsApi, type Recipient, type Referral } from './referrals-api';
import { ReferralSteps, ReferralTags } from './ReferralSteps';

/**
 * One referral. A recipient deciding reads what they need (the person's name, age and commune,
 * the reason, urgency and documents) and answers: accept with a first date, decline with a
 * reason, or ask for information. The care team reads every recipient's answer and its timed
 * steps, answers questions, completes with an outcome or cancels.
 */
export function ReferralDetailPage() {
  const { referralId = '' } = useParams();
  const { t } = useTranslation();
  usePageTitle(t('referrals.detail.title'));
  const [state, retry] = useLoaded(useCallback(() => referralsApi.get(referralId), [referralId]));
  const [latest, setLatest] = useState<Referral | null>(null);
  return (
    <Show state={state} retry={retry} errorTitle={t('referrals.loadError')}>
      {(loaded) => {
        const referral = latest?.id === loaded.id ? latest : loaded;
        return <Detail referral={referral} onChanged={setLatest} />;
      }}
    </Show>
  );
}

function Detail({
  referral,
  onChanged,
}: {
  referral: Referral;
  onChanged: (referral: Referral) => void;
}) {
  const { t } = useTranslation();
  const subject = referral.subject;
  const mine = referral.recipients.filter((r) => r.mine);
  return (
    <>
      <div className="page-intro">
        {referral.view === 'full' && referral.personId && (
          <p>
            <Link to={`/persons/${referral.personId}`}>{t('referrals.detail.toPerson')}</Link>
          </p>
        )}
        <p>
          <Link to="/adressages">{t('referrals.detail.toInbox')}</Link>
        </p>
        <h1>
          {subject
            ? t('referrals.detail.heading', { name: `${subject.firstName} ${subject.lastName}` })
            : t('referrals.detail.title')}
        </h1>
        <p>
          <ReferralTags referral={referral} />
        </p>
      </div>
      {referral.view === 'addressed' && (
        <Alert tone="info">
          <p>{t('referrals.detail.addressedNotice')}</p>
        </Alert>
      )}
      <section className="card" aria-labelledby="referral-asked">
        <h2 id="referral-asked">{t('referrals.detail.asked')}</h2>
        <dl className="facts">
          {subject && (
            <div>
              <dt>{t('referrals.detail.person')}</dt>
              <dd>
                {t('referrals.subjectLine', {
                  name: `${subject.firstName} ${subject.lastName}`,
                  age: subject.age ?? '?',
                  commune: subject.commune ?? '—',
                })}
              </dd>
            </div>
          )}
          <div>
            <dt>{t('referrals.form.reason')}</dt>
            <dd className="referral-reason">{referral.reason}</dd>
          </div>
          <div>
            <dt>{t('referrals.form.urgency')}</dt>
            <dd>{t(`referrals.urgency.${referral.urgency}`)}</dd>
          </div>
          <div>
            <dt>{t('referrals.form.documents')}</dt>
            <dd>
              {referral.documents ??
                (referral.attachments.length === 0 ? t('referrals.detail.noDocuments') : null)}
              <AttachmentList
                files={referral.attachments}
                urlOf={(id) => referralsApi.fileUrl(referral.id, id)}
              />
            </dd>
          </div>
          {referral.outcome && (
            <div>
              <dt>{t('referrals.detail.outcome')}</dt>
              <dd>{referral.outcome}</dd>
            </div>
          )}
        </dl>
      </section>
      {mine.map((recipient) => (
        <AnswerCard
          key={recipient.id}
          referral={referral}
          recipient={recipient}
          onChanged={onChanged}
        />
      ))}
      <section className="card" aria-labelledby="referral-recipients">
        <h2 id="referral-recipients">{t('referrals.detail.recipients')}</h2>
        <ul className="plain-list referral-list">
          {referral.recipients.map((r) => (
            <li key={r.id}>
              <strong>{r.name}</strong> —{' '}
              <span className={`tag tag-recipient-${r.state}`}>
                {t(`referrals.recipientState.${r.state}`)}
              </span>
              {r.firstDate && (
                <span className="secondary">
                  {' '}
                  ·{' '}
                  {t('referrals.detail.firstDate', {
                    date: formatDate(r.firstDate, currentLocale()),
                  })}
                </span>
              )}
              {r.declineReason && <span className="secondary"> · « {r.declineReason} »</span>}
              {referral.canFollow && r.state === 'info_requested' && referral.state === 'sent' && (
                <InfoAnswerForm referral={referral} recipient={r} onChanged={onChanged} />
              )}
            </li>
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="referral-steps">
        <h2 id="referral-steps">{t('referrals.detail.steps')}</h2>
        <ReferralSteps referral={referral} />
      </section>
      {referral.canFollow && (referral.state === 'sent' || referral.state === 'filled') && (
        <CloseCard referral={referral} onChanged={onChanged} />
      )}
    </>
  );
}

type ChangeProps = { referral: Referral; onChanged: (referral: Referral) => void };

/** A recipient's answer: accept with a first date, decline with a reason, or ask a question. */
function AnswerCard({ referral, recipient, onChanged }: ChangeProps & { recipient: Recipient }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [choice, setChoice] = useState<'accept' | 'decline' | 'request_info'>('accept');
  const [firstDate, setFirstDate] = useState('');
  const [text, setText] = useState('');
  const { error, busy, onSubmit } = useSubmit(async () => {
    const body =
      choice === 'accept'
        ? { decision: choice, firstDate }
        : choice === 'decline'
          ? { decision: choice, reason: text }
          : { decision: choice, question: text };
    onChanged(await referralsApi.answer(referral.id, recipient.id, body));
    setText('');
  });
  const fields = fieldErrorsOf(error);
  const titleId = `answer-${recipient.id}`;
  if (recipient.moves.length === 0) {
    return (
      <section className="card" aria-labelledby={titleId}>
        <h2 id={titleId}>{t('referrals.answer.title', { name: recipient.name })}</h2>
        <p>
          {t(`referrals.answer.done.${recipient.state}`, {
            date: recipient.firstDate ? formatDate(recipient.firstDate, currentLocale()) : '',
          })}
        </p>
      </section>
    );
  }
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('referrals.answer.title', { name: recipient.name })}</h2>
      {recipient.state === 'info_requested' && (
        <p className="secondary">{t('referrals.answer.waitingInfo')}</p>
      )}
      {recipient.infoAnswer && (
        <p>
          {t('referrals.answer.infoGiven')} « {recipient.infoAnswer} »
        </p>
      )}
      <form onSubmit={onSubmit} noValidate>
        {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
        <fieldset className="choice-list">
          <legend>{t('referrals.answer.legend')}</legend>
          {recipient.moves.map((move) => (
            <label key={move}>
              <input
                type="radio"
                name={`decision-${recipient.id}`}
                value={move}
                checked={choice === move}
                onChange={() => setChoice(move)}
              />{' '}
              {t(`referrals.answer.${move}`)}
            </label>
          ))}
        </fieldset>
        {choice === 'accept' ? (
          <Field
            type="date"
            label={t('referrals.answer.firstDate')}
            hint={t('referrals.answer.firstDateHint')}
            name="firstDate"
            required
            value={firstDate}
            onChange={(event) => setFirstDate(event.target.value)}
            error={fields.firstDate}
          />
        ) : (
          <TextAreaField
            label={t(
              choice === 'decline' ? 'referrals.answer.reason' : 'referrals.answer.question',
            )}
            name={choice === 'decline' ? 'reason' : 'question'}
            required
            maxLength={1000}
            value={text}
            onChange={(event) => setText(event.target.value)}
            error={choice === 'decline' ? fields.reason : fields.question}
          />
        )}
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {t(`referrals.answer.submit.${choice}`)}
          </button>
        </div>
      </form>
    </section>
  );
}

/** The requester answers a recipient's question. */
function InfoAnswerForm({
  referral,
  recipient,
  onChanged,
}: ChangeProps & { recipient: Recipient }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [answer, setAnswer] = useState('');
  const { error, busy, onSubmit } = useSubmit(async () => {
    onChanged(await referralsApi.answerInfo(referral.id, recipient.id, answer));
  });
  return (
    <form className="inline-form" onSubmit={onSubmit} noValidate>
      <p>
        {t('referrals.detail.question')} « {recipient.infoQuestion} »
      </p>
      {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
      <TextAreaField
        label={t('referrals.detail.yourAnswer')}
        name="answer"
        required
        maxLength={2000}
        value={answer}
        onChange={(event) => setAnswer(event.target.value)}
        error={fieldErrorsOf(error).answer}
      />
      <button type="submit" className="button" disabled={busy}>
        {t('referrals.detail.sendAnswer')}
      </button>
    </form>
  );
}

/** Completing (once filled) with an outcome, or cancelling with a reason. */
function CloseCard({ referral, onChanged }: ChangeProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [outcome, setOutcome] = useState('');
  const move = referral.state === 'filled' ? 'complete' : 'cancel';
  const [chosen, setChosen] = useState<'complete' | 'cancel'>(move);
  const { error, busy, onSubmit } = useSubmit(async () => {
    onChanged(
      await (chosen === 'complete'
        ? referralsApi.complete(referral.id, outcome)
        : referralsApi.cancel(referral.id, outcome)),
    );
  });
  return (
    <section className="card" aria-labelledby="referral-close">
      <h2 id="referral-close">{t('referrals.close.title')}</h2>
      <form onSubmit={onSubmit} noValidate>
        {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
        {referral.state === 'filled' && (
          <fieldset className="choice-list">
            <legend>{t('referrals.close.legend')}</legend>
            {(['complete', 'cancel'] as const).map((m) => (
              <label key={m}>
                <input
                  type="radio"
                  name="close"
                  value={m}
                  checked={chosen === m}
                  onChange={() => setChosen(m)}
                />{' '}
                {t(`referrals.close.${m}`)}
              </label>
            ))}
          </fieldset>
        )}
        <TextAreaField
          label={t(chosen === 'complete' ? 'referrals.close.outcome' : 'referrals.close.reason')}
          name="outcome"
          required
          maxLength={1000}
          value={outcome}
          onChange={(event) => setOutcome(event.target.value)}
          error={fieldErrorsOf(error).outcome}
        />
        <button type="submit" className="button" disabled={busy}>
          {t(`referrals.close.submit.${chosen}`)}
        </button>
      </form>
    </section>
  );
}
