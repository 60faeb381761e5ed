import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { Alert } from '../../components/Alert';
import { Field, SelectField, TextAreaField } from '../../components/Field';
import { api } from '../../api';
import { MemberPicker, type TPicked } from '../../components/MemberPicker';
import { fieldErrorsOf, usePageTitle, useErrorText } from '../../hooks';
import { useSubmit } from '../pathway/use-submit';
import {
  agendaApi,
  fromLocalInput,
  inZone,
  KINDS,
  NOTES_CATEGORIES,
  PLACES,
  RULES,
  today,
  toLocalInput,
  type Appointment,
  type AppointmentKind,
  type AppointmentPlace,
  type Conflict,
  type NotesCategory,
  type TRule,
} from './agenda-api';
import type { SavedState } from './AgendaPage';
import { ConflictList } from './ConflictList';
import { StaleDetails } from './StaleDetails';

type TScope = 'this' | 'following';

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
  const heading = existing?.seriesId
    ? t('agenda.series.editTitle')
    : existing
      ? t('agenda.form.editTitle')
      : t('agenda.form.title');
  usePageTitle(heading);
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
  const inSeries = Boolean(existing?.seriesId);
  const [scope, setScope] = useState<TScope>(
    inSeries && params.get('portee') === 'suivantes' ? 'following' : 'this',
  );
  const [participants, setParticipants] = useState<TPicked[]>(
    existing?.participants.map(({ memberId, name, organisations }) => ({
      id: memberId,
      name,
      detail: organisations.join(', ') || null,
    })) ?? [],
  );
  const [placeOrganisation, setPlaceOrganisation] = useState<TPicked[]>(
    existing?.placeOrganisationId
      ? [{ id: existing.placeOrganisationId, name: existing.placeOrganisationName ?? '' }]
      : [],
  );
  const [team, setTeam] = useState<TPicked[]>([]);
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
            list.some((p) => p.id === id) ? list : [...list, { id, name }],
          );
        },
        () => undefined,
      );
    }
  }, [existing, params]);
  useEffect(() => {
    if (!personId) return;
    agendaApi.team(personId, today(), 1).then(
      (calendar) => setTeam(calendar.members.map(({ memberId, name }) => ({ id: memberId, name }))),
      () => setTeam([]),
    );
    if (!existing) {
      api.getPerson(personId).then(
        (person) => setPersonName(`${person.firstName} ${person.lastName}`),
        () => undefined,
      );
    }
  }, [personId, existing]);

  const { error, busy, onSubmit } = useSubmit(
    async () => {
      const common = {
        kind,
        participantIds: participants.map((p) => p.id),
        place,
        placeOrganisationId: place === 'organisation' ? (placeOrganisation[0]?.id ?? null) : null,
        placeText: placeText || null,
        startsAt: fromLocalInput(startsAt),
        endsAt: fromLocalInput(endsAt),
        title: title || null,
        notes: notes || null,
        notesCategory,
      };
      const written = !existing
        ? await agendaApi.create({
            ...common,
            ...(personId ? { personId } : {}),
            ...(rule !== 'none' ? { recurrence: { rrule: RULES[rule] } } : {}),
          })
        : scope === 'following'
          ? await agendaApi.splitSeries(existing.id, {
              ...common,
              version: existing.version,
              ...(rule !== 'none' ? { rrule: RULES[rule] } : {}),
            })
          : await agendaApi.edit(existing.id, { ...common, version: existing.version });
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
      <h1>{heading}</h1>
      {personName && <p>{t('agenda.form.about', { name: personName })}</p>}
      <form className="card" onSubmit={onSubmit} noValidate>
        {error !== null && (
          <Alert tone="error">
            {errorText(error)}
            {conflicts.length > 0 && <ConflictList conflicts={conflicts} />}
            <StaleDetails error={error} />
          </Alert>
        )}
        {inSeries && (
          <fieldset className="choice-list agenda-scope">
            <legend>{t('agenda.series.scope')}</legend>
            {(['this', 'following'] as const).map((value) => (
              <label key={value}>
                <input
                  type="radio"
                  name="scope"
                  value={value}
                  checked={scope === value}
                  onChange={() => setScope(value)}
                />{' '}
                {t(`agenda.series.scopes.${value}`)}
              </label>
            ))}
            <p className="hint">{t(`agenda.series.scopeHints.${scope}`)}</p>
          </fieldset>
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
        {(!existing || scope === 'following') && (
          <SelectField
            label={existing ? t('agenda.series.newRule') : t('agenda.form.repeat')}
            name="recurrence.rrule"
            value={rule}
            onChange={(value) => setRule(value as TRule)}
            options={(Object.keys(RULES) as TRule[]).map((value) => ({
              value,
              label:
                existing && value === 'none'
                  ? t('agenda.series.sameRule')
                  : t(`agenda.rules.${value}`),
            }))}
            error={errors['recurrence.rrule'] ?? errors.rrule}
          />
        )}
        <SelectField
          label={t('agenda.form.place')}
          name="place"
          value={place}
          onChange={(value) => setPlace(value as AppointmentPlace)}
          options={PLACES.map((value) => ({ value, label: t(`agenda.places.${value}`) }))}
        />
        {place === 'organisation' && (
          <MemberPicker
            legend={t('agenda.series.organisation')}
            searchLabel={t('agenda.series.organisationSearch')}
            searchHint={t('agenda.series.organisationHint')}
            changeLabel={t('agenda.series.organisationChange')}
            types="organisation"
            multiple={false}
            chosen={placeOrganisation}
            onChange={setPlaceOrganisation}
            chosenLabel={t('agenda.series.organisationChosen')}
            error={errors.placeOrganisationId}
          />
        )}
        <Field
          label={t('agenda.form.placeText')}
          name="placeText"
          value={placeText}
          onChange={(event) => setPlaceText(event.target.value)}
        />
        <MemberPicker
          legend={t('agenda.form.participants')}
          chosen={participants}
          onChange={setParticipants}
          chosenLabel={t('agenda.form.chosen')}
          suggestions={{ title: t('agenda.form.team'), items: team }}
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
