import { useCallback, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, ApiError } from '../../api';
import { Alert } from '../../components/Alert';
import { formatDateTime, formatDay } from '../../format';
import { useErrorText, usePageTitle } from '../../hooks';
import { currentLocale } from '../../i18n';
import { Show, useLoaded } from '../admin/shared';
import { LevelOverrideForm } from './LevelOverrideForm';
import { LevelPanel } from './LevelPanel';

/** A person's integration level with its reasons, their assessments, and a way to start one. */
export function AssessmentsPage() {
  const { t } = useTranslation();
  usePageTitle(t('assess.title'));
  const { personId = '' } = useParams();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const locale = currentLocale();
  const levelHeading = useId();
  const fetcher = useCallback(
    () =>
      Promise.all([
        api.getPersonLevel(personId),
        api.listAssessments(personId),
        api.listInstruments(),
      ]),
    [personId],
  );
  const [state, reload] = useLoaded(fetcher);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function start(instrumentId: string, drafts: { id: string; instrumentId: string }[]) {
    setBusy(true);
    setError(null);
    try {
      const created = await api.startAssessment(personId, instrumentId);
      void navigate(`/persons/${personId}/assessments/${created.id}`);
    } catch (caught) {
      // A draft of this instrument is under way: resume it rather than start a second one.
      const draft = drafts.find((d) => d.instrumentId === instrumentId);
      if (caught instanceof ApiError && caught.status === 409 && draft) {
        void navigate(`/persons/${personId}/assessments/${draft.id}`);
      } else setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <p className="breadcrumb">
        <Link to="/">{t('assess.backHome')}</Link>
      </p>
      <h1>{t('assess.title')}</h1>
      <Show state={state}>
        {([level, { items }, { items: instruments }]) => {
          const label = (id: string) =>
            instruments.find((instrument) => instrument.id === id)?.label[locale] ?? id;
          const drafts = items.filter((item) => item.state === 'draft');
          return (
            <div className="stack">
              <section className="card" aria-labelledby={levelHeading}>
                <h2 id={levelHeading}>{t('assess.levelTitle')}</h2>
                {level.override && (
                  <div className="level-override">
                    <p className="level-value">
                      {t('assess.overrideInForce', {
                        level: level.override.label[locale],
                      })}
                    </p>
                    <p>
                      {t('assess.overrideBy', {
                        name: level.override.by,
                        date: formatDateTime(level.override.at, locale),
                      })}
                    </p>
                    <blockquote className="justification">
                      {level.override.justification}
                    </blockquote>
                    <p className="hint">{t('assess.computedBeside')}</p>
                  </div>
                )}
                <LevelPanel level={level} headingId={levelHeading} />
                {level.reassessmentDue && (
                  <p>
                    {t('assess.reassessmentDue', {
                      date: formatDay(level.reassessmentDue, locale),
                    })}
                  </p>
                )}
                {level.canOverride && (
                  <LevelOverrideForm personId={personId} level={level} onSaved={reload} />
                )}
              </section>
              <section className="card" aria-labelledby="assessments-start">
                <h2 id="assessments-start">{t('assess.startTitle')}</h2>
                {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
                <ul className="start-list">
                  {instruments.map((instrument) => (
                    <li key={instrument.id}>
                      <button
                        type="button"
                        className="button"
                        disabled={busy}
                        onClick={() => void start(instrument.id, drafts)}
                      >
                        {drafts.some((d) => d.instrumentId === instrument.id)
                          ? t('assess.resume', { name: instrument.label[locale] })
                          : t('assess.start', { name: instrument.label[locale] })}
                      </button>
                      <p className="hint">{instrument.description[locale]}</p>
                    </li>
                  ))}
                </ul>
              </section>
              <section className="card" aria-labelledby="assessments-list">
                <h2 id="assessments-list">{t('assess.listTitle')}</h2>
                {items.length === 0 ? (
                  <p>{t('assess.none')}</p>
                ) : (
                  <ul className="assessment-list">
                    {items.map((item) => (
                      <li key={item.id}>
                        <Link to={`/persons/${personId}/assessments/${item.id}`}>
                          {label(item.instrumentId)}
                        </Link>{' '}
                        <span className={`tag tag-state-${item.state}`}>
                          {t(`assess.states.${item.state}`)}
                        </span>{' '}
                        <span className="secondary">
                          {item.completedAt
                            ? t('assess.completedBy', {
                                date: formatDateTime(item.completedAt, locale),
                                name: item.completedBy ?? '',
                              })
                            : t('assess.startedBy', {
                                date: formatDateTime(item.startedAt, locale),
                                name: item.startedBy,
                              })}
                        </span>
                      </li>
                    ))}
                  </ul>
                )}
              </section>
            </div>
          );
        }}
      </Show>
    </>
  );
}
