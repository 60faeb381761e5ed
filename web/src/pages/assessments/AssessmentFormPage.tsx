import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, ApiError, type AnswerValue, type AssessmentDetail, type Instrument } from '../../api';
import { Alert } from '../../components/Alert';
import { formatDateTime } from '../../format';
import { useErrorText, usePageTitle } from '../../hooks';
import { currentLocale } from '../../i18n';
import { Show, useLoaded } from '../admin/shared';
import { AnswerInput } from './AnswerInput';
import { LevelPanel } from './LevelPanel';
import { ResultSummary } from './ResultSummary';

/** The item errors of a refused save or completion: answers.<item> → message. */
function itemErrorsOf(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const fields = (error.details as { fields?: { field?: unknown; message?: unknown }[] } | null)
    ?.fields;
  if (!Array.isArray(fields)) return {};
  return Object.fromEntries(
    fields.flatMap(({ field, message }) =>
      typeof field === 'string' && field.startsWith('answers.') && typeof message === 'string'
        ? [[field.slice('answers.'.length), message]]
        : [],
    ),
  );
}

/** An assessment, loaded with its instrument's definition. */
export function AssessmentFormPage() {
  const { t } = useTranslation();
  usePageTitle(t('assess.formTitle'));
  const { personId = '', assessmentId = '' } = useParams();
  const fetcher = useCallback(
    () => Promise.all([api.getAssessment(personId, assessmentId), api.listInstruments()]),
    [personId, assessmentId],
  );
  const [state] = useLoaded(fetcher);
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/persons/${personId}/assessments`}>{t('assess.backToList')}</Link>
      </p>
      <Show state={state}>
        {([detail, { items }]) => {
          const instrument = items.find(
            (candidate) =>
              candidate.id === detail.instrumentId &&
              candidate.version === detail.instrumentVersion,
          );
          return instrument ? (
            <AssessmentForm initial={detail} instrument={instrument} personId={personId} />
          ) : (
            <Alert tone="error">{t('assess.oldVersion')}</Alert>
          );
        }}
      </Show>
    </>
  );
}

/**
 * Section by section, every answer saved as it is given (choices at once, typed values when the
 * field is left), the result and the level it gives shown beside, with their reasons.
 */
function AssessmentForm(props: {
  initial: AssessmentDetail;
  instrument: Instrument;
  personId: string;
}) {
  const { instrument, personId } = props;
  const { t } = useTranslation();
  const errorText = useErrorText();
  const locale = currentLocale();
  const ids = useId();
  const [detail, setDetail] = useState(props.initial);
  const [index, setIndex] = useState(0);
  const [itemErrors, setItemErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState<'idle' | 'saving' | 'saved'>('idle');
  const [completing, setCompleting] = useState(false);
  // Answers given and not yet confirmed by the server: shown at once, as given.
  const [given, setGiven] = useState<Record<string, AnswerValue | null>>({});
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const heading = useRef<HTMLHeadingElement>(null);
  const draft = detail.state === 'draft';

  const sections = instrument.sections
    .map((section) => ({
      ...section,
      items: section.items.filter((item) => !detail.hiddenCategories.includes(item.category)),
    }))
    .filter((section) => section.items.length > 0);
  const section = sections[Math.min(index, sections.length - 1)];

  useEffect(() => {
    heading.current?.focus();
  }, [index]);

  function answer(itemId: string, value: AnswerValue | null) {
    setSaving('saving');
    setGiven((before) => ({ ...before, [itemId]: value }));
    // One save after the other, in the order given: the last answer typed is the one kept.
    queue.current = queue.current.then(async () => {
      try {
        setDetail(await api.saveAnswers(personId, detail.id, { [itemId]: value }));
        setGiven((before) => {
          if (before[itemId] !== value) return before;
          const { [itemId]: _, ...rest } = before;
          return rest;
        });
        setItemErrors((before) => {
          const { [itemId]: _, ...rest } = before;
          return rest;
        });
        setError(null);
        setSaving('saved');
      } catch (caught) {
        setItemErrors((before) => ({ ...before, ...itemErrorsOf(caught) }));
        if (Object.keys(itemErrorsOf(caught)).length === 0) setError(caught);
        setSaving('idle');
      }
    });
  }

  async function complete() {
    setCompleting(true);
    setError(null);
    await queue.current;
    try {
      setDetail(await api.completeAssessment(personId, detail.id));
      setItemErrors({});
    } catch (caught) {
      const missing = itemErrorsOf(caught);
      setItemErrors(missing);
      setError(caught);
      // Show the first section with an unanswered question.
      const first = sections.findIndex((s) => s.items.some((item) => item.id in missing));
      if (first >= 0) setIndex(first);
    } finally {
      setCompleting(false);
    }
  }

  const missingIn = (items: { id: string }[]) =>
    items.filter((item) => detail.missing.includes(item.id)).length;

  return (
    <>
      <h1>{instrument.label[locale]}</h1>
      <p className="lead">{instrument.description[locale]}</p>
      {!draft && detail.completedAt && (
        <Alert tone="info">
          {t('assess.completedBy', {
            date: formatDateTime(detail.completedAt, locale),
            name: detail.completedBy ?? '',
          })}{' '}
          {t('assess.immutable')}
        </Alert>
      )}
      {detail.hiddenCategories.length > 0 && <Alert tone="info">{t('assess.medicalHidden')}</Alert>}
      <div className="gir-layout">
        <div className="stack">
          <nav aria-label={t('assess.sectionsLabel')}>
            <ol className="section-steps">
              {sections.map((s, position) => (
                <li key={s.id}>
                  <button
                    type="button"
                    className={`button button-small${position === index ? ' button-primary' : ''}`}
                    aria-current={position === index ? 'step' : undefined}
                    onClick={() => setIndex(position)}
                  >
                    {s.label[locale]}
                    {draft && missingIn(s.items) > 0 && (
                      <span className="secondary">
                        {' '}
                        {t('assess.toAnswer', { count: missingIn(s.items) })}
                      </span>
                    )}
                  </button>
                </li>
              ))}
            </ol>
          </nav>
          {section && (
            <form className="form" onSubmit={(event) => event.preventDefault()} noValidate>
              <h2 ref={heading} tabIndex={-1}>
                {section.label[locale]}
              </h2>
              {section.items.map((item) => (
                <AnswerInput
                  key={item.id}
                  item={item}
                  value={
                    item.id in given
                      ? (given[item.id] ?? undefined)
                      : detail.answers[item.id]?.value
                  }
                  error={itemErrors[item.id]}
                  disabled={!draft}
                  onAnswer={(value) => answer(item.id, value)}
                />
              ))}
              <div className="form-actions">
                {index > 0 && (
                  <button type="button" className="button" onClick={() => setIndex(index - 1)}>
                    {t('assess.previous')}
                  </button>
                )}
                {index < sections.length - 1 && (
                  <button type="button" className="button" onClick={() => setIndex(index + 1)}>
                    {t('assess.next')}
                  </button>
                )}
              </div>
            </form>
          )}
          {draft && (
            <div className="form-actions">
              <p role="status" className="hint">
                {saving === 'saving'
                  ? t('assess.saving')
                  : saving === 'saved'
                    ? t('assess.saved')
                    : ''}
              </p>
              <button
                type="button"
                className="button button-primary"
                disabled={completing}
                onClick={() => void complete()}
              >
                {completing ? t('common.saving') : t('assess.complete')}
              </button>
            </div>
          )}
          {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
        </div>
        <aside className="card gir-result" aria-labelledby={`${ids}-result`}>
          <h2 id={`${ids}-result`}>{t('assess.resultTitle')}</h2>
          <div aria-live="polite">
            {detail.resultHidden ? (
              <p>{t('assess.resultHidden')}</p>
            ) : detail.result ? (
              <ResultSummary instrumentId={detail.instrumentId} result={detail.result} />
            ) : (
              <p>{t('assess.resultPending', { count: detail.missing.length })}</p>
            )}
          </div>
          <h2 id={`${ids}-level`}>{t('assess.levelPreview')}</h2>
          <div aria-live="polite">
            <LevelPanel level={detail.levelPreview} headingId={`${ids}-level`} />
          </div>
        </aside>
      </div>
    </>
  );
}
