import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { Alert, LiveRegion } from '../../components/Alert';
import { formatDateTime } from '../../format';
import { currentLocale } from '../../i18n';
import { useErrorText, usePageTitle } from '../../hooks';
import { Show, useLoaded } from '../directory/shared';
import { ConferenceItemCard } from './ConferenceItemCard';
import { ConferencePersonPicker } from './ConferencePersonPicker';
import { conferencesApi, type Attendance, type Conference } from './conferences-api';

const ATTENDANCE: Attendance[] = ['present', 'absent', 'excused'];

/**
 * A case conference (/concertations/:appointmentId, decision 031): who takes part and came,
 * the persons to discuss (found with the person picker, removed, reordered), the decision per
 * person and "carry it into the plan" as an action or in words (decision 039). A person outside
 * the reader's teams shows as "a person (outside your teams)".
 */
export function ConferencePage() {
  const { t } = useTranslation();
  usePageTitle(t('conferences.title'));
  const { appointmentId = '' } = useParams();
  const fetcher = useCallback(() => conferencesApi.get(appointmentId), [appointmentId]);
  const [state, retry] = useLoaded(fetcher);
  return (
    <>
      <p>
        <Link to={`/agenda/rendez-vous/${appointmentId}`}>{t('conferences.back')}</Link>
      </p>
      <h1>{t('conferences.title')}</h1>
      <Show state={state} retry={retry}>
        {(loaded) => <ConferenceView initial={loaded} />}
      </Show>
    </>
  );
}

/** The conference's day in the network's time zone, YYYY-MM-DD. */
const dayOf = (iso: string) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(iso));

function ConferenceView({ initial }: { initial: Conference }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [conference, setConference] = useState(initial);
  const [error, setError] = useState<unknown>(null);
  const [added, setAdded] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => setConference(initial), [initial]);

  const id = conference.appointmentId;
  /** Calls the server; null when done, else the error (shown where the call was made). */
  const call = async (action: () => Promise<Conference>): Promise<unknown> => {
    setBusy(true);
    try {
      setConference(await action());
      return null;
    } catch (caught) {
      return caught;
    } finally {
      setBusy(false);
    }
  };
  const move = (index: number, by: -1 | 1) => {
    const ids = conference.items.map((item) => item.id);
    const [moved] = ids.splice(index, 1);
    if (!moved) return Promise.resolve(null);
    ids.splice(index + by, 0, moved);
    return call(() => conferencesApi.reorder(id, ids));
  };
  const when = formatDateTime(conference.startsAt, currentLocale());
  const day = dayOf(conference.startsAt);

  return (
    <div className="stack">
      <p>
        {conference.title ? `${conference.title} — ` : ''}
        {when}
        {conference.status === 'cancelled' && ` — ${t('conferences.cancelled')}`}
      </p>

      <section className="card" aria-labelledby="conference-attendance">
        <h2 id="conference-attendance">{t('conferences.attendance.title')}</h2>
        {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
        <ul className="plain-list conference-attendance">
          {conference.participants.map((participant) => (
            <li key={participant.memberId}>
              <label htmlFor={`attendance-${participant.memberId}`}>
                <span className="conference-participant">{participant.name}</span>
                {participant.organiser && (
                  <span className="secondary"> ({t('conferences.organiser')})</span>
                )}
              </label>
              <select
                id={`attendance-${participant.memberId}`}
                aria-label={t('conferences.attendance.of', { name: participant.name })}
                value={participant.attendance ?? ''}
                disabled={busy || !conference.canEdit}
                onChange={(event) => {
                  const value = (event.target.value || null) as Attendance | null;
                  void call(() => conferencesApi.attendance(id, participant.memberId, value)).then(
                    setError,
                  );
                }}
              >
                <option value="">{t('conferences.attendance.unknown')}</option>
                {ATTENDANCE.map((value) => (
                  <option key={value} value={value}>
                    {t(`conferences.attendance.${value}`)}
                  </option>
                ))}
              </select>
            </li>
          ))}
        </ul>
      </section>

      <section className="card" aria-labelledby="conference-agenda">
        <h2 id="conference-agenda">{t('conferences.agenda.title')}</h2>
        <LiveRegion>{added}</LiveRegion>
        {conference.items.length === 0 && <p>{t('conferences.agenda.empty')}</p>}
        <ol className="stack conference-items">
          {conference.items.map((item, index) => (
            <li key={item.id}>
              <ConferenceItemCard
                item={item}
                day={day}
                busy={busy}
                canEdit={conference.canEdit}
                first={index === 0}
                last={index === conference.items.length - 1}
                onMove={(by) => move(index, by)}
                onRemove={() => call(() => conferencesApi.remove(id, item.id))}
                onDecide={(decision) => call(() => conferencesApi.decide(id, item.id, decision))}
                onWriteBack={(action) => call(() => conferencesApi.writeBack(id, item.id, action))}
              />
            </li>
          ))}
        </ol>
        {conference.canEdit && (
          <AddPerson
            appointmentId={id}
            busy={busy}
            onAdd={async (personId, name) => {
              const failed = await call(() => conferencesApi.add(id, personId));
              setAdded(failed === null ? t('conferences.picker.added', { name }) : '');
              return failed;
            }}
          />
        )}
      </section>
    </div>
  );
}

/** The person picker and, beside it, why an addition was refused (in words). */
function AddPerson(props: {
  appointmentId: string;
  busy: boolean;
  onAdd: (personId: string, name: string) => Promise<unknown>;
}) {
  const errorText = useErrorText();
  const [error, setError] = useState<unknown>(null);
  return (
    <div className="stack">
      {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
      <ConferencePersonPicker
        appointmentId={props.appointmentId}
        busy={props.busy}
        onPick={async (person) => {
          const failed = await props.onAdd(person.id, `${person.firstName} ${person.lastName}`);
          setError(failed);
          return failed === null;
        }}
      />
    </div>
  );
}
