import { useCallback, useEffect, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import type { Assessor, RequestDetail, RequestSummary, SearchResult } from '../../api';
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
          {formatDate(detail.consent.obtainedOn, locale)}
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
      if (decision === 'accept') await api.acceptRequest(id, assessorId);
      else if (decision === 'redirect') await api.redirectRequest(id, serviceId, note || undefined);
      else await api.declineRequest(id, reason);
      onAnswered();
    } catch (caught) {
      setError(caught);
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
