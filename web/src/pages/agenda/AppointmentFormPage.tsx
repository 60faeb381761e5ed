import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { Alert } from '../../components/Alert';
import { Field, SelectField, TextAreaField } from '../../components/Field';
import { api, type SearchAnswer } from '../../api';
import { fieldErrorsOf, usePageTitle, useErrorText } from '../../hooks';
import { useSubmit } from '../pathway/use-submit';
import {
  agendaApi,
  fromLocalInput,
  inZone,
  KINDS,
  NOTES_CATEGORIES,
  PLACES,
  today,
  toLocalInput,
  type Appointment,
  type AppointmentKind,
  type AppointmentPlace,
  type Conflict,
  type NotesCategory,
} from './agenda-api';
import type { SavedState } from './AgendaPage';
import { ConflictList } from './ConflictList';

type TParticipant = { memberId: string; name: string };
const RULES = {
  none: '',
  weekdays: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
  daily: 'FREQ=DAILY',
  weekly: 'FREQ=WEEKLY',
} as const;
type TRule = keyof typeof RULES;

/**
 * Plans an appointment (`/agenda/nouveau`, prefilled by the query parameters `start`, `end`,
 * `participants` — member ids, comma-separated —, `personId` and `kind`: the free-slot finder
 * links here) or edits one (`/agenda/rendez-vous/:id/modifier`, on the version read).
 */
export function AppointmentFormPage() {
  const { appointmentId } = useParams();
  const [loaded, setLoaded] = useState<Appointment | null>(null);
  const [error, setError] = useState<unknown>(null);
  const errorText = useErrorText();
  useEffect(() => {
    if (!appointmentId) return;
    agendaApi.get(appointmentId).then(setLoaded, setError);
  }, [appointmentId]);
  if (!appointmentId) return <AppointmentForm existing={null} />;
  if (error !== null) return <Alert tone="error">{errorText(error)}</Alert>;
  return loaded ? <AppointmentForm existing={loaded} /> : null;
}

function AppointmentForm({ existing }: { existing: Appointment | null }) {
  const { t } = useTranslation();
  usePageTitle(existing ? t('agenda.form.editTitle') : t('agenda.form.title'));
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const personId = existing?.person?.id ?? params.get('personId') ?? '';
  const defaultStart = today().plus({ days: 1, hours: 9 });
  const startParam = params.get('start');
  const endParam = params.get('end');
  const queryKind = params.get('kind');
  const [kind, setKind] = useState<AppointmentKind>(
    existing?.kind ??
      (KINDS.includes(queryKind as AppointmentKind)
        ? (queryKind as AppointmentKind)
        : 'home_visit'),
  );
  const [startsAt, setStartsAt] = useState(
    toLocalInput(existing?.startsAt ?? startParam ?? defaultStart.toISO()!),
  );
  const [endsAt, setEndsAt] = useState(
    toLocalInput(
      existing?.endsAt ??
        endParam ??
        (startParam
          ? inZone(startParam).plus({ hours: 1 }).toISO()!
          : defaultStart.plus({ hours: 1 }).toISO()!),
    ),
  );
  const [place, setPlace] = useState<AppointmentPlace>(
    existing?.place ?? (personId ? 'home' : 'other'),
  );
  const [placeText, setPlaceText] = useState(existing?.placeText ?? '');
  const [title, setTitle] = useState(existing?.title ?? '');
  const [notes, setNotes] = useState(existing?.notes ?? '');
  const [notesCategory, setNotesCategory] = useState<NotesCategory>(
    existing?.notesCategory ?? 'administrative',
  );
  const [rule, setRule] = useState<TRule>('none');
  const [participants, setParticipants] = useState<TParticipant[]>(
    existing?.participants.map(({ memberId, name }) => ({ memberId, name })) ?? [],
  );
  const [team, setTeam] = useState<TParticipant[]>([]);
  const [personName, setPersonName] = useState(
    existing?.person ? `${existing.person.firstName} ${existing.person.lastName}` : '',
  );
  const [conflicts, setConflicts] = useState<Conflict[]>([]);

  // Prefill: the participants named in the query (their names from the directory), the team.
  useEffect(() => {
    if (existing) return;
    const ids = (params.get('participants') ?? '').split(',').filter(Boolean);
    for (const id of ids) {
      api.getEntry('members', id).then(
        (entry) => {
          const name = `${entry.firstName} ${entry.lastName}`;
          setParticipants((list) =>
            list.some((p) => p.memberId === id) ? list : [...list, { memberId: id, name }],
          );
        },
        () => undefined,
      );
    }
  }, [existing, params]);
  useEffect(() => {
    if (!personId) return;
    agendaApi.team(personId, today(), 1).then(
      (calendar) => setTeam(calendar.members),
      () => setTeam([]),
    );
    if (!existing) {
      api.getPerson(personId).then(
        (person) => setPersonName(`${person.firstName} ${person.lastName}`),
        () => undefined,
      );
    }
  }, [personId, existing]);

  const toggle = useCallback((participant: TParticipant) => {
    setParticipants((list) =>
      list.some((p) => p.memberId === participant.memberId)
        ? list.filter((p) => p.memberId !== participant.memberId)
        : [...list, participant],
    );
  }, []);

  const { error, busy, onSubmit } = useSubmit(
    async () => {
      const common = {
        kind,
        participantIds: participants.map((p) => p.memberId),
        place,
        placeText: placeText || null,
        startsAt: fromLocalInput(startsAt),
        endsAt: fromLocalInput(endsAt),
        title: title || null,
        notes: notes || null,
        notesCategory,
      };
      const written = existing
        ? await agendaApi.edit(existing.id, { ...common, version: existing.version })
        : await agendaApi.create({
            ...common,
            ...(personId ? { personId } : {}),
            ...(rule !== 'none' ? { recurrence: { rrule: RULES[rule] } } : {}),
          });
      const state: SavedState = {
        saved: {
          title: written.appointment.title ?? t(`agenda.kinds.${written.appointment.kind}`),
          conflicts: written.conflicts,
        },
      };
      void navigate(`/agenda?date=${inZone(written.appointment.startsAt).toISODate()!}`, { state });
    },
    (caught) => {
      const details = (caught as { details?: { conflicts?: Conflict[] } }).details;
      setConflicts(details?.conflicts ?? []);
    },
  );
  const errors = fieldErrorsOf(error);
  const errorText = useErrorText();

  return (
    <div className="agenda-form-page">
      <h1>{existing ? t('agenda.form.editTitle') : t('agenda.form.title')}</h1>
      {personName && <p>{t('agenda.form.about', { name: personName })}</p>}
      <form className="card" onSubmit={onSubmit} noValidate>
        {error !== null && (
          <Alert tone="error">
            {errorText(error)}
            {conflicts.length > 0 && <ConflictList conflicts={conflicts} />}
          </Alert>
        )}
        <SelectField
          label={t('agenda.form.kind')}
          name="kind"
          value={kind}
          onChange={(value) => setKind(value as AppointmentKind)}
          options={KINDS.map((value) => ({ value, label: t(`agenda.kinds.${value}`) }))}
        />
        <Field
          label={t('agenda.form.title_')}
          name="title"
          value={title}
          onChange={(event) => setTitle(event.target.value)}
          error={errors.title}
        />
        <div className="agenda-times">
          <Field
            label={t('agenda.form.start')}
            name="startsAt"
            type="datetime-local"
            required
            value={startsAt}
            onChange={(event) => setStartsAt(event.target.value)}
            error={errors.startsAt}
          />
          <Field
            label={t('agenda.form.end')}
            name="endsAt"
            type="datetime-local"
            required
            value={endsAt}
            onChange={(event) => setEndsAt(event.target.value)}
            error={errors.endsAt}
          />
        </div>
        {!existing && (
          <SelectField
            label={t('agenda.form.repeat')}
            name="recurrence.rrule"
            value={rule}
            onChange={(value) => setRule(value as TRule)}
            options={(Object.keys(RULES) as TRule[]).map((value) => ({
              value,
              label: t(`agenda.rules.${value}`),
            }))}
            error={errors['recurrence.rrule']}
          />
        )}
        <SelectField
          label={t('agenda.form.place')}
          name="place"
          value={place}
          onChange={(value) => setPlace(value as AppointmentPlace)}
          options={PLACES.filter((value) => value !== 'organisation').map((value) => ({
            value,
            label: t(`agenda.places.${value}`),
          }))}
        />
        <Field
          label={t('agenda.form.placeText')}
          name="placeText"
          value={placeText}
          onChange={(event) => setPlaceText(event.target.value)}
        />
        <ParticipantsPicker
          chosen={participants}
          team={team}
          toggle={toggle}
          error={errors.participantIds}
        />
        <TextAreaField
          label={t('agenda.form.notes')}
          name="notes"
          value={notes}
          onChange={(event) => setNotes(event.target.value)}
          error={errors.notes}
        />
        <SelectField
          label={t('agenda.form.notesCategory')}
          name="notesCategory"
          value={notesCategory}
          onChange={(value) => setNotesCategory(value as NotesCategory)}
          options={NOTES_CATEGORIES.map((value) => ({
            value,
            label: t(`agenda.categories.${value}`),
          }))}
        />
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {t('agenda.form.save')}
          </button>
        </div>
      </form>
    </div>
  );
}

/** The participants: chosen ones, the person's care team, and the directory's members. */
function ParticipantsPicker({
  chosen,
  team,
  toggle,
  error,
}: {
  chosen: TParticipant[];
  team: TParticipant[];
  toggle: (participant: TParticipant) => void;
  error: string | undefined;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [q, setQ] = useState('');
  const [answer, setAnswer] = useState<SearchAnswer | null>(null);
  const [searchError, setSearchError] = useState<unknown>(null);
  const isChosen = (memberId: string) => chosen.some((p) => p.memberId === memberId);

  async function search() {
    setSearchError(null);
    try {
      setAnswer(await api.searchDirectory({ q, type: 'member', pageSize: '10' }));
    } catch (caught) {
      setSearchError(caught);
    }
  }

  return (
    <fieldset
      className="agenda-participants"
      aria-describedby={error ? 'participants-error' : undefined}
    >
      <legend>{t('agenda.form.participants')}</legend>
      {error && (
        <p id="participants-error" className="field-error">
          {error}
        </p>
      )}
      {chosen.length === 0 ? (
        <p className="muted">{t('agenda.form.noParticipant')}</p>
      ) : (
        <ul className="plain-list agenda-chosen" aria-label={t('agenda.form.chosen')}>
          {chosen.map((p) => (
            <li key={p.memberId}>
              {p.name}{' '}
              <button
                type="button"
                className="button button-small button-quiet"
                onClick={() => toggle(p)}
                aria-label={t('agenda.form.remove', { name: p.name })}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {team.length > 0 && (
        <>
          <h3>{t('agenda.form.team')}</h3>
          <ul className="plain-list pick-list">
            {team.map((member) => (
              <li key={member.memberId}>
                <label>
                  <input
                    type="checkbox"
                    checked={isChosen(member.memberId)}
                    onChange={() => toggle(member)}
                  />{' '}
                  {member.name}
                </label>
              </li>
            ))}
          </ul>
        </>
      )}
      <div className="field">
        <label htmlFor="agenda-member-q">{t('agenda.form.searchMember')}</label>
        <input
          id="agenda-member-q"
          value={q}
          onChange={(event) => setQ(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              void search();
            }
          }}
        />
      </div>
      <div className="actions">
        <button type="button" className="button" onClick={() => void search()}>
          {t('agenda.form.search')}
        </button>
      </div>
      {searchError !== null && <Alert tone="error">{errorText(searchError)}</Alert>}
      {answer &&
        (answer.items.length === 0 ? (
          <p className="muted">{t('agenda.form.noResult')}</p>
        ) : (
          <ul className="plain-list pick-list" aria-live="polite">
            {answer.items.map((item) => (
              <li key={item.id}>
                <label>
                  <input
                    type="checkbox"
                    checked={isChosen(item.id)}
                    onChange={() => toggle({ memberId: item.id, name: item.title })}
                  />{' '}
                  {item.title}{' '}
                  {item.subtitle && <span className="secondary">— {item.subtitle}</span>}
                </label>
              </li>
            ))}
          </ul>
        ))}
    </fieldset>
  );
}
