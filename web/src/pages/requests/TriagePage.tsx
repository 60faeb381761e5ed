import { useCallback, useEffect, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, ApiError } from '../../api';
import type {
  Assessor,
  RequestDetail,
  RequestSummary,
  SearchResult,
  TriageCandidate,
} from '../../api';
import { Alert } from '../../components/Alert';
import { Field, SelectField, TextAreaField } from '../../components/Field';
import { Loading } from '../../components/guards';
import { formatDate, formatDateTime } from '../../format';
import { useErrorText, usePageTitle } from '../../hooks';
import { currentLocale } from '../../i18n';
import { pathErrorsOf, useDurationText } from './shared';

/**
 * The coordination team's triage queue: open requests due first, with their age, urgency and a
 * past-delay flag; one request opens to accept (with the assessor), redirect (service search) or
 * decline (reason). The last answers, with their delay, under "Answered".
 */
export function TriagePage() {
  const { t } = useTranslation();
  usePageTitle(t('requests.triageTitle'));
  const errorText = useErrorText();
  const [view, setView] = useState<'open' | 'answered'>('open');
  const [items, setItems] = useState<RequestSummary[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let active = true;
    setItems(null);
    api.requestQueue(view).then(
      (answer) => active && setItems(answer.items),
      (caught: unknown) => active && setError(caught),
    );
    return () => {
      active = false;
    };
  }, [view, attempt]);

  return (
    <section className="card">
      <h1>{t('requests.triageTitle')}</h1>
      <div className="actions" role="group" aria-label={t('requests.triageView')}>
        {(['open', 'answered'] as const).map((v) => (
          <button
            key={v}
            type="button"
            className={`button${view === v ? ' button-primary' : ''}`}
            aria-pressed={view === v}
            onClick={() => setView(v)}
          >
            {t(`requests.view.${v}`)}
          </button>
        ))}
      </div>
      {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
      {items === null && error === null && <Loading />}
      {items?.length === 0 && <p>{t(`requests.empty.${view}`)}</p>}
      {items && items.length > 0 && (
        <ul className="request-list">
          {items.map((item) => (
            <QueueItem
              key={item.id}
              item={item}
              isOpen={openId === item.id}
              onToggle={() => setOpenId(openId === item.id ? null : item.id)}
              onAnswered={() => {
                setOpenId(null);
                setAttempt((n) => n + 1);
              }}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function QueueItem({
  item,
  isOpen,
  onToggle,
  onAnswered,
}: {
  item: RequestSummary;
  isOpen: boolean;
  onToggle: () => void;
  onAnswered: () => void;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const durationText = useDurationText();
  const ageMinutes = Math.round((Date.now() - Date.parse(item.receivedAt)) / 60_000);
  return (
    <li className={`request-item${item.pastDelay ? ' request-late' : ''}`}>
      <p className="request-head">
        <strong>
          {item.person.lastName} {item.person.firstName}
        </strong>{' '}
        <span className={`badge badge-urgency-${item.urgency}`}>
          {t(`requests.urgency.${item.urgency}`)}
        </span>{' '}
        {item.pastDelay && <span className="badge badge-late">{t('requests.pastDelay')}</span>}{' '}
        {item.state !== 'received' && (
          <span className={`badge badge-${item.state}`}>{t(`requests.state.${item.state}`)}</span>
        )}
      </p>
      <p className="hint">
        {item.reference} · {t(`requests.source.${item.source}`)} · {item.requesterName} ·{' '}
        {item.firstAnswerMinutes === null
          ? t('requests.waitingFor', { delay: durationText(ageMinutes) })
          : t('requests.answeredIn', { delay: durationText(item.firstAnswerMinutes) })}
      </p>
      <p>{item.difficulties.map((d) => t(`requests.difficulty.${d}`)).join(' · ')}</p>
      <button type="button" className="button" aria-expanded={isOpen} onClick={onToggle}>
        {isOpen
          ? t('requests.close')
          : item.state === 'received'
            ? t('requests.triage')
            : t('requests.see')}
      </button>
      {isOpen && <RequestPanel id={item.id} onAnswered={onAnswered} locale={locale} />}
    </li>
  );
}

function RequestPanel({
  id,
  onAnswered,
  locale,
}: {
  id: string;
  onAnswered: () => void;
  locale: ReturnType<typeof currentLocale>;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [detail, setDetail] = useState<RequestDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api.getRequest(id).then(setDetail, setError);
  }, [id]);
  if (error !== null) return <Alert tone="error">{errorText(error)}</Alert>;
  if (!detail) return <Loading />;
  return (
    <div className="request-panel">
      <dl className="facts">
        <dt>{t('requests.person.birthDate')}</dt>
        <dd>{detail.person.birthDate ? formatDate(detail.person.birthDate, locale) : '—'}</dd>
        <dt>{t('requests.person.commune')}</dt>
        <dd>{detail.person.commune ?? '—'}</dd>
        <dt>{t('requests.person.phone')}</dt>
        <dd>{detail.person.phone ?? '—'}</dd>
        <dt>{t('requests.requester')}</dt>
        <dd>
          {[
            detail.requester.name,
            detail.requester.relation,
            detail.requester.phone,
            detail.requester.email,
          ]
            .filter(Boolean)
            .join(' · ')}
        </dd>
        <dt>{t('requests.receivedAt')}</dt>
        <dd>{formatDateTime(detail.receivedAt, locale)}</dd>
        <dt>{t('requests.dueAt')}</dt>
        <dd>{formatDateTime(detail.dueAt, locale)}</dd>
        <dt>{t('requests.difficultiesNote')}</dt>
        <dd>{detail.difficultiesNote ?? '—'}</dd>
        <dt>{t('requests.alreadyInPlace')}</dt>
        <dd>{detail.alreadyInPlace ?? '—'}</dd>
        <dt>{t('requests.consentLabel')}</dt>
        <dd>
          {t(`requests.consent.${detail.consent.how}`)} —{' '}
          {formatDate(detail.consent.obtainedOn, locale)} ·{' '}
          {t(`requests.sharedWithGp.${detail.consent.shareWithGp ? 'yes' : 'no'}`)}
        </dd>
        {detail.answerNote && (
          <>
            <dt>{t('requests.answer')}</dt>
            <dd>{detail.answerNote}</dd>
          </>
        )}
        {detail.referral && (
          <>
            <dt>{t('requests.redirectedService')}</dt>
            <dd>{detail.referral.serviceName}</dd>
          </>
        )}
        {detail.pathway && (
          <>
            <dt>{t('requests.assessor')}</dt>
            <dd>
              {detail.pathway.assessor.firstName} {detail.pathway.assessor.lastName}
            </dd>
          </>
        )}
      </dl>
      {detail.pathway && detail.person.id && (
        <p>
          <Link to={`/persons/${detail.person.id}/assessments`}>
            {t('requests.toAssessments', {
              name: `${detail.person.firstName} ${detail.person.lastName}`,
            })}
          </Link>
        </p>
      )}
      {detail.state === 'received' && <Decisions id={id} onAnswered={onAnswered} />}
    </div>
  );
}

function Decisions({ id, onAnswered }: { id: string; onAnswered: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [decision, setDecision] = useState<'accept' | 'redirect' | 'decline'>('accept');
  const [assessors, setAssessors] = useState<Assessor[]>([]);
  const [assessorId, setAssessorId] = useState('');
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<SearchResult[]>([]);
  const [serviceId, setServiceId] = useState('');
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [sending, setSending] = useState(false);
  // The duplicate check's answer to a first accept: the coordinator names one, or a new person.
  const [duplicates, setDuplicates] = useState<TDuplicates | null>(null);
  const [sameAs, setSameAs] = useState('');

  useEffect(() => {
    api.assessors().then(({ items }) => setAssessors(items), setError);
  }, []);
  const search = useCallback(() => {
    if (!query.trim()) return;
    api
      .searchDirectory({ q: query, type: 'service' })
      .then(({ items }) => setFound(items), setError);
  }, [query]);

  const errors = pathErrorsOf(error);
  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setSending(true);
    setError(null);
    try {
      if (decision === 'accept') {
        const person =
          !duplicates || !sameAs
            ? {}
            : sameAs === NEW_PERSON
              ? { confirmNotDuplicate: true }
              : { personId: sameAs };
        await api.acceptRequest(id, assessorId, person);
      } else if (decision === 'redirect')
        await api.redirectRequest(id, serviceId, note || undefined);
      else await api.declineRequest(id, reason);
      onAnswered();
    } catch (caught) {
      const found = duplicatesOf(caught);
      if (found) {
        setDuplicates(found);
        setSameAs('');
      } else setError(caught);
    } finally {
      setSending(false);
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="stack-form">
      <fieldset className="tap-group">
        <legend>{t('requests.decision')}</legend>
        <div className="tap-grid tap-grid-3">
          {(['accept', 'redirect', 'decline'] as const).map((d) => (
            <label key={d} className="tap-target">
              <input
                type="radio"
                name="decision"
                checked={decision === d}
                onChange={() => setDecision(d)}
              />
              <span>{t(`requests.decide.${d}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
      {decision === 'accept' && (
        <SelectField
          label={t('requests.assessor')}
          name="assessorMemberId"
          value={assessorId}
          onChange={setAssessorId}
          error={errors.assessorMemberId}
          options={[
            { value: '', label: t('requests.chooseAssessor') },
            ...assessors.map((a) => ({ value: a.memberId, label: `${a.lastName} ${a.firstName}` })),
          ]}
        />
      )}
      {decision === 'accept' && duplicates && (
        <SameAsChoice
          duplicates={duplicates}
          value={sameAs}
          onChange={setSameAs}
          error={errors.personId ?? errors.confirmNotDuplicate}
        />
      )}
      {decision === 'redirect' && (
        <>
          <div className="search-row">
            <Field
              label={t('requests.serviceSearch')}
              name="serviceQuery"
              type="search"
              value={query}
              onChange={(event) => setQuery(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') {
                  event.preventDefault();
                  search();
                }
              }}
            />
            <button type="button" className="button" onClick={search}>
              {t('requests.searchServices')}
            </button>
          </div>
          {found.length > 0 && (
            <fieldset className="tap-group">
              <legend>{t('requests.chooseService')}</legend>
              {found.map((s) => (
                <label key={s.id} className="tap-target tap-wide">
                  <input
                    type="radio"
                    name="serviceId"
                    checked={serviceId === s.id}
                    onChange={() => setServiceId(s.id)}
                  />
                  <span>
                    {s.title}
                    {s.subtitle ? ` — ${s.subtitle}` : ''}
                  </span>
                </label>
              ))}
            </fieldset>
          )}
          {errors.serviceId && <p className="field-error">{errors.serviceId}</p>}
          <TextAreaField
            label={t('requests.redirectNote')}
            name="note"
            value={note}
            onChange={(event) => setNote(event.target.value)}
            error={errors.note}
          />
        </>
      )}
      {decision === 'decline' && (
        <TextAreaField
          label={t('requests.declineReason')}
          hint={t('requests.declineHint')}
          name="reason"
          required
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          error={errors.reason}
        />
      )}
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={sending}>
          {t(`requests.confirm.${decision}`)}
        </button>
      </div>
    </form>
  );
}

/** The value of the choice "someone else, new to the network" among the candidates. */
const NEW_PERSON = 'new';

type TDuplicates = {
  candidates: TriageCandidate[];
  followedElsewhere: boolean;
  notice: string | null;
};

/** The duplicate check's 409 to an accept (details.candidates), or null for any other error. */
function duplicatesOf(error: unknown): TDuplicates | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const details = error.details as Partial<TDuplicates> | null | undefined;
  if (!details || !Array.isArray(details.candidates)) return null;
  return {
    candidates: details.candidates,
    followedElsewhere: details.followedElsewhere === true,
    notice: details.notice ?? null,
  };
}

/** The candidates the coordinator may see (or the "already followed" notice), and "someone else". */
function SameAsChoice({
  duplicates,
  value,
  onChange,
  error,
}: {
  duplicates: TDuplicates;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <fieldset
      className={`tap-group${error ? ' field-invalid' : ''}`}
      aria-describedby={error ? 'same-as-error' : undefined}
    >
      <legend>{t('person.duplicates.title')}</legend>
      {duplicates.candidates.length > 0 && <p className="hint">{t('requests.sameAsIntro')}</p>}
      {duplicates.notice && <Alert tone="warning">{duplicates.notice}</Alert>}
      {duplicates.candidates.map((c) => (
        <label key={c.id} className="tap-target tap-wide">
          <input
            type="radio"
            name="sameAs"
            checked={value === c.id}
            onChange={() => onChange(c.id)}
          />
          <span>
            {c.lastName} {c.firstName}
            {c.birthName && c.birthName !== c.lastName
              ? ` (${t('person.bornName', { name: c.birthName })})`
              : ''}
            {c.birthDate ? ` · ${formatDate(c.birthDate, locale)}` : ''}
            {c.commune ? ` · ${c.commune}` : ''} · {t(`person.duplicates.match.${c.match}`)}
          </span>
        </label>
      ))}
      <label className="tap-target tap-wide">
        <input
          type="radio"
          name="sameAs"
          checked={value === NEW_PERSON}
          onChange={() => onChange(NEW_PERSON)}
        />
        <span>{t('requests.notADuplicate')}</span>
      </label>
      {error && (
        <p className="field-error" id="same-as-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
