import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert } from '../../components/Alert';
import { TextAreaField } from '../../components/Field';
import { fieldErrorsOf, usePageTitle, useErrorText } from '../../hooks';
import { currentLocale } from '../../i18n';
import { useLoaded } from '../admin/shared';
import { useSubmit } from '../pathway/use-submit';
import { agendaApi, hourOf, inZone, type Appointment } from './agenda-api';
import { SeriesActions, SeriesFacts } from './SeriesActions';
import { StaleDetails } from './StaleDetails';

/** One appointment: what, when, where, who; its status buttons, cancel with a reason, edit. */
export function AppointmentPage() {
  const { appointmentId = '' } = useParams();
  const { t } = useTranslation();
  usePageTitle(t('agenda.detail.title'));
  const errorText = useErrorText();
  const fetcher = useCallback(() => agendaApi.get(appointmentId), [appointmentId]);
  const [loaded, reload] = useLoaded(fetcher);
  if (loaded.status === 'loading') return null;
  if (loaded.status === 'error') {
    return (
      <>
        <h1>{t('agenda.detail.title')}</h1>
        <Alert tone="error">{errorText(loaded.error)}</Alert>
      </>
    );
  }
  return <AppointmentView appointment={loaded.data} onChanged={reload} />;
}

function AppointmentView({
  appointment,
  onChanged,
}: {
  appointment: Appointment;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const [moveError, setMoveError] = useState<unknown>(null);
  const [reason, setReason] = useState('');
  const title = appointment.title ?? t(`agenda.kinds.${appointment.kind}`);
  const day = inZone(appointment.startsAt).toISODate()!;

  async function move(status: 'confirmed' | 'done' | 'missed') {
    setMoveError(null);
    try {
      await agendaApi.move(appointment.id, { version: appointment.version, status });
      onChanged();
    } catch (caught) {
      setMoveError(caught);
    }
  }
  const cancel = useSubmit(async () => {
    await agendaApi.move(appointment.id, {
      version: appointment.version,
      status: 'cancelled',
      reason,
    });
    onChanged();
  });
  async function removeOccurrence() {
    setMoveError(null);
    try {
      await agendaApi.removeOccurrence(appointment.id);
      void navigate(`/agenda?date=${day}`);
    } catch (caught) {
      setMoveError(caught);
    }
  }

  return (
    <div className="agenda-detail">
      <p>
        <Link to={`/agenda?date=${day}`}>← {t('agenda.backToWeek')}</Link>
      </p>
      <h1>{title}</h1>
      <p className="page-actions">
        {appointment.kind === 'case_conference' && (
          <Link className="button button-primary" to={`/concertations/${appointment.id}`}>
            {t('agenda.detail.conferenceAgenda')}
          </Link>
        )}
        <a
          className="button button-quiet"
          href={`/api/agenda/appointments/${encodeURIComponent(appointment.id)}/ics`}
          download="rendez-vous.ics"
        >
          {t('agenda.detail.ics')}
        </a>
      </p>
      <dl className="agenda-facts">
        <dt>{t('agenda.detail.when')}</dt>
        <dd>
          {inZone(appointment.startsAt).setLocale(locale).toFormat('cccc d LLLL yyyy')},{' '}
          {hourOf(appointment.startsAt)} – {hourOf(appointment.endsAt)}
        </dd>
        <dt>{t('agenda.detail.kind')}</dt>
        <dd>{t(`agenda.kinds.${appointment.kind}`)}</dd>
        <dt>{t('agenda.detail.status')}</dt>
        <dd>
          <span className={`tag agenda-status-${appointment.status}`}>
            {t(`agenda.statuses.${appointment.status}`)}
          </span>
          {appointment.statusReason && ` — ${appointment.statusReason}`}
        </dd>
        {appointment.person && (
          <>
            <dt>{t('agenda.detail.person')}</dt>
            <dd>
              <Link to={`/persons/${appointment.person.id}`}>
                {appointment.person.firstName} {appointment.person.lastName}
              </Link>
            </dd>
          </>
        )}
        <dt>{t('agenda.detail.place')}</dt>
        <dd>
          {t(`agenda.places.${appointment.place}`)}
          {appointment.placeOrganisationName && ` — ${appointment.placeOrganisationName}`}
          {appointment.placeText && ` — ${appointment.placeText}`}
        </dd>
        <dt>{t('agenda.detail.participants')}</dt>
        <dd>
          <ul className="plain-list">
            {appointment.participants.map((p) => (
              <li key={p.memberId}>
                {p.name}
                {p.organisations.length > 0 && (
                  <span className="secondary"> — {p.organisations.join(', ')}</span>
                )}
              </li>
            ))}
          </ul>
        </dd>
        {appointment.seriesId && (
          <>
            <dt>{t('agenda.detail.series')}</dt>
            <dd>
              <SeriesFacts appointment={appointment} />
            </dd>
          </>
        )}
        {(appointment.notes ?? appointment.notesHidden) && (
          <>
            <dt>{t('agenda.detail.notes')}</dt>
            <dd>{appointment.notesHidden ? t('agenda.detail.notesHidden') : appointment.notes}</dd>
          </>
        )}
      </dl>
      {moveError !== null && <Alert tone="error">{errorText(moveError)}</Alert>}
      {(appointment.moves.length > 0 || appointment.canEdit) && (
        <div className="actions agenda-actions">
          {appointment.moves
            .filter((m): m is 'confirmed' | 'done' | 'missed' => m !== 'cancelled')
            .map((m) => (
              <button key={m} type="button" className="button" onClick={() => void move(m)}>
                {t(`agenda.moves.${m}`)}
              </button>
            ))}
          {appointment.canEdit && !appointment.seriesId && (
            <Link
              className="button button-quiet"
              to={`/agenda/rendez-vous/${appointment.id}/modifier`}
            >
              {t('agenda.detail.edit')}
            </Link>
          )}
        </div>
      )}
      {appointment.canEdit && appointment.seriesId && (
        <SeriesActions appointment={appointment} onRemove={removeOccurrence} />
      )}
      {appointment.moves.includes('cancelled') && (
        <form
          className="card"
          onSubmit={cancel.onSubmit}
          noValidate
          aria-labelledby="agenda-cancel-title"
        >
          <h2 id="agenda-cancel-title">
            {t(appointment.seriesId ? 'agenda.series.cancelTitle' : 'agenda.detail.cancelTitle')}
          </h2>
          {appointment.seriesId && <p className="hint">{t('agenda.series.cancelHint')}</p>}
          {cancel.error !== null && (
            <Alert tone="error">
              {errorText(cancel.error)}
              <StaleDetails error={cancel.error} />
            </Alert>
          )}
          <TextAreaField
            label={t('agenda.detail.reason')}
            name="reason"
            required
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            error={fieldErrorsOf(cancel.error).reason}
          />
          <div className="actions">
            <button type="submit" className="button button-danger" disabled={cancel.busy}>
              {t(appointment.seriesId ? 'agenda.series.cancel' : 'agenda.detail.cancel')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
