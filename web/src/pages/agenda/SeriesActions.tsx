import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../format';
import { currentLocale } from '../../i18n';
import { RULES, type Appointment, type TRule } from './agenda-api';

/** The series in words: how often, and whether this occurrence was moved from its planned time. */
export function SeriesFacts({ appointment }: { appointment: Appointment }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const rule = (Object.keys(RULES) as TRule[]).find(
    (key) => key !== 'none' && RULES[key] === appointment.seriesRule,
  );
  const moved =
    appointment.occurrenceStart !== null &&
    new Date(appointment.occurrenceStart).getTime() !== new Date(appointment.startsAt).getTime();
  return (
    <>
      {rule ? t(`agenda.rules.${rule}`) : t('agenda.recurring')}
      {moved && appointment.occurrenceStart && (
        <>
          {' — '}
          <strong>
            {t('agenda.series.moved', {
              date: formatDateTime(appointment.occurrenceStart, locale),
            })}
          </strong>
        </>
      )}
    </>
  );
}

/**
 * What can be done to one occurrence of a series (decision 029's exceptions): change only it,
 * change it and the following ones, or take it out of the series — after saying what that means.
 * Cancelling with a reason is the page's cancel form.
 */
export function SeriesActions({
  appointment,
  onRemove,
}: {
  appointment: Appointment;
  onRemove: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const removeButton = useRef<HTMLButtonElement>(null);
  const edit = `/agenda/rendez-vous/${encodeURIComponent(appointment.id)}/modifier`;
  return (
    <section className="card agenda-series-actions" aria-labelledby="agenda-series-title">
      <h2 id="agenda-series-title">{t('agenda.series.title')}</h2>
      <p className="hint">{t('agenda.series.intro')}</p>
      <ul className="plain-list agenda-series-choices">
        <li>
          <Link className="button" to={edit}>
            {t('agenda.series.editThis')}
          </Link>
        </li>
        <li>
          <Link className="button" to={`${edit}?portee=suivantes`}>
            {t('agenda.series.editFollowing')}
          </Link>
        </li>
        <li>
          {confirming ? (
            <span role="group" aria-labelledby="agenda-remove-warning">
              <span id="agenda-remove-warning">{t('agenda.series.removeWarning')}</span>{' '}
              <button
                type="button"
                className="button button-small button-danger"
                onClick={() => void onRemove()}
              >
                {t('agenda.series.confirmRemove')}
              </button>{' '}
              <button
                type="button"
                className="button button-small"
                onClick={() => {
                  setConfirming(false);
                  window.setTimeout(() => removeButton.current?.focus(), 0);
                }}
              >
                {t('agenda.series.keep')}
              </button>
            </span>
          ) : (
            <button
              ref={removeButton}
              type="button"
              className="button button-quiet"
              onClick={() => setConfirming(true)}
            >
              {t('agenda.detail.removeOccurrence')}
            </button>
          )}
        </li>
      </ul>
    </section>
  );
}
