import { useCallback, useEffect, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { Alert } from '../../components/Alert';
import { useErrorText, usePageTitle } from '../../hooks';
import { Show, useLoaded } from '../directory/shared';
import {
  conferencesApi,
  type Attendance,
  type Conference,
  type ConferenceItem,
} from './conferences-api';

const ATTENDANCE: Attendance[] = ['present', 'absent', 'excused'];

/**
 * A case conference (/concertations/:appointmentId, decision 031): who takes part and came,
 * the persons to discuss (add, remove, reorder), the decision per person and "carry it into the
 * plan". A person outside the reader's teams shows as "a person (outside your teams)".
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

function ConferenceView({ initial }: { initial: Conference }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [conference, setConference] = useState(initial);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [personId, setPersonId] = useState('');
  useEffect(() => setConference(initial), [initial]);

  const id = conference.appointmentId;
  const run = async (action: () => Promise<Conference>) => {
    setBusy(true);
    setError(null);
    try {
      setConference(await action());
      return true;
    } catch (caught) {
      setError(caught);
      return false;
    } finally {
      setBusy(false);
    }
  };
  const move = (index: number, by: -1 | 1) => {
    const ids = conference.items.map((item) => item.id);
    const [moved] = ids.splice(index, 1);
    if (!moved) return;
    ids.splice(index + by, 0, moved);
    void run(() => conferencesApi.reorder(id, ids));
  };
  async function add(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (await run(() => conferencesApi.add(id, personId.trim()))) setPersonId('');
  }
  const when = new Date(conference.startsAt).toLocaleString();

  return (
    <div className="stack">
      <p>
        {conference.title ? `${conference.title} — ` : ''}
        {when}
        {conference.status === 'cancelled' && ` — ${t('conferences.cancelled')}`}
      </p>
      {error !== null && <Alert tone="error">{errorText(error)}</Alert>}

      <section className="card" aria-labelledby="conference-attendance">
        <h2 id="conference-attendance">{t('conferences.attendance.title')}</h2>
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t('conferences.attendance.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('conferences.attendance.participant')}</th>
                <th scope="col">{t('conferences.attendance.status')}</th>
              </tr>
            </thead>
            <tbody>
              {conference.participants.map((participant) => (
                <tr key={participant.memberId}>
                  <th scope="row">
                    {participant.name}
                    {participant.organiser && ` (${t('conferences.organiser')})`}
                  </th>
                  <td>
                    <select
                      aria-label={t('conferences.attendance.of', { name: participant.name })}
                      value={participant.attendance ?? ''}
                      disabled={busy || !conference.canEdit}
                      onChange={(event) =>
                        void run(() =>
                          conferencesApi.attendance(
                            id,
                            participant.memberId,
                            (event.target.value || null) as Attendance | null,
                          ),
                        )
                      }
                    >
                      <option value="">{t('conferences.attendance.unknown')}</option>
                      {ATTENDANCE.map((value) => (
                        <option key={value} value={value}>
                          {t(`conferences.attendance.${value}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="card" aria-labelledby="conference-agenda">
        <h2 id="conference-agenda">{t('conferences.agenda.title')}</h2>
        {conference.items.length === 0 && <p>{t('conferences.agenda.empty')}</p>}
        <ol className="stack">
          {conference.items.map((item, index) => (
            <li key={item.id}>
              <ItemCard
                item={item}
                busy={busy}
                canEdit={conference.canEdit}
                first={index === 0}
                last={index === conference.items.length - 1}
                onMove={(by) => move(index, by)}
                onRemove={() => void run(() => conferencesApi.remove(id, item.id))}
                onDecide={(decision) => run(() => conferencesApi.decide(id, item.id, decision))}
                onWriteBack={() => void run(() => conferencesApi.writeBack(id, item.id))}
              />
            </li>
          ))}
        </ol>
        {conference.canEdit && (
          <form className="form" onSubmit={(event) => void add(event)} noValidate>
            <label htmlFor="conference-person">{t('conferences.agenda.personId')}</label>
            <input
              id="conference-person"
              className="input"
              value={personId}
              onChange={(event) => setPersonId(event.target.value)}
              aria-describedby="conference-person-hint"
            />
            <p className="hint" id="conference-person-hint">
              {t('conferences.agenda.personHint')}
            </p>
            <div className="actions">
              <button type="submit" className="button button-primary" disabled={busy || !personId}>
                {t('conferences.agenda.add')}
              </button>
            </div>
          </form>
        )}
      </section>
    </div>
  );
}

function ItemCard(props: {
  item: ConferenceItem;
  busy: boolean;
  canEdit: boolean;
  first: boolean;
  last: boolean;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
  onDecide: (decision: string) => Promise<boolean>;
  onWriteBack: () => void;
}) {
  const { t } = useTranslation();
  const { item, busy, canEdit } = props;
  const [decision, setDecision] = useState(item.decision ?? '');
  useEffect(() => setDecision(item.decision ?? ''), [item.decision]);
  const name = item.visible ? (item.personName ?? '') : t('conferences.agenda.hidden');
  const written = item.planVersion !== null;
  const fieldId = `decision-${item.id}`;
  return (
    <article className="card" aria-label={name}>
      <h3>
        {item.visible && item.personId ? (
          <Link to={`/persons/${item.personId}`}>{name}</Link>
        ) : (
          name
        )}
      </h3>
      {canEdit && (
        <div className="actions">
          <button
            type="button"
            className="button"
            disabled={busy || props.first}
            onClick={() => props.onMove(-1)}
            aria-label={t('conferences.agenda.up', { name })}
          >
            ↑
          </button>
          <button
            type="button"
            className="button"
            disabled={busy || props.last}
            onClick={() => props.onMove(1)}
            aria-label={t('conferences.agenda.down', { name })}
          >
            ↓
          </button>
          {item.visible && !written && (
            <button type="button" className="button" disabled={busy} onClick={props.onRemove}>
              {t('conferences.agenda.remove')}
            </button>
          )}
        </div>
      )}
      {item.visible && written && (
        <>
          <p>{item.decision}</p>
          <p className="hint">
            {t('conferences.decision.writtenBack', { version: item.planVersion })}
          </p>
        </>
      )}
      {item.visible && !written && item.canDecide && canEdit && (
        <form
          className="form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void props.onDecide(decision);
          }}
        >
          <label htmlFor={fieldId}>{t('conferences.decision.label')}</label>
          <textarea
            id={fieldId}
            className="input"
            rows={3}
            value={decision}
            onChange={(event) => setDecision(event.target.value)}
          />
          <div className="actions">
            <button type="submit" className="button" disabled={busy || !decision.trim()}>
              {t('conferences.decision.save')}
            </button>
            {item.decision && (
              <button
                type="button"
                className="button button-primary"
                disabled={busy || decision !== item.decision}
                onClick={props.onWriteBack}
              >
                {t('conferences.decision.writeBack')}
              </button>
            )}
          </div>
          <p className="hint">{t('conferences.decision.hint')}</p>
        </form>
      )}
      {item.visible && !written && !item.canDecide && item.decision && <p>{item.decision}</p>}
    </article>
  );
}
