/**
 * The shared agenda (decision 029): appointments and interventions about a person (through the
 * guard, audited, on the timeline) or about no person (their participants', organiser's and
 * creator's, and network staff's), recurring series materialised up to a horizon, double-booking
 * found by conflicts.ts, and the calendars (mine, a person's, a care team's) in which what a
 * reader may not read is a busy block.
 */
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { TDb } from '../../db/client.js';
import { persons } from '../../db/schema/index.js';
import type { TContext, TRole } from '../../server/context.js';
import { AppError, fieldError, notFound } from '../../server/errors.js';
import { withAuditedRead, withTransaction } from '../../server/transaction.js';
import { decideAccess, type TAccessRequest, type TDataCategory } from '../access/access.policy.js';
import { loadAccessFacts, type TLoadedFacts } from '../access/access.repository.js';
import { auditPersonDecisions, requirePersonAccessWith } from '../access/access.service.js';
import { recomputePersonAlerts } from '../alerts/alerts.sweep.js';
import { recordPathwayEvent } from '../pathway/pathway-events.js';
import {
  deleteAppointments,
  findAppointment,
  findSeries,
  insertAppointment,
  insertSeries,
  latestOccurrence,
  listParticipants,
  loadMyWeek,
  loadPersonCalendar,
  lockAppointment,
  lockSeries,
  membersOutsideTeam,
  occurrencesFrom,
  organisationName,
  participantIdsOf,
  seriesToExtend,
  syncParticipants,
  unknownMembers,
  updateAppointment,
  updateSeries,
  type TAppointmentRow,
  type TMyWeek,
  type TNewAppointment,
  type TPersonCalendar,
} from './agenda.repository.js';
import type {
  TAppointmentView,
  TCalendarEntry,
  ZCreateAppointment,
  ZEditAppointment,
  ZSplitSeries,
  ZStatusRequest,
} from './agenda.schemas.js';
import {
  APPOINTMENT_STATUS_LABELS,
  APPOINTMENT_TRANSITIONS,
  appointmentMoves,
  canMoveAppointment,
  HOLDS_TIME,
} from './agenda.states.js';
import { findConflicts, MAX_APPOINTMENT_MS, type TConflict } from './conflicts.js';
import { horizonFrom, occurrencesBetween, ruleEndingBefore, ruleProblem } from './recurrence.js';

/** Who uses the agenda: the network's professionals and coordination staff, not patients. */
export const AGENDA_ROLES: readonly TRole[] = ['admin', 'coordinator', 'professional', 'social'];
/** A visit marked done or missed a few minutes before its start is a clock difference. */
const CLOCK_SKEW_MS = 5 * 60_000;
const DAY_MS = 86_400_000;

type TCreate = z.infer<typeof ZCreateAppointment>;
type TEdit = z.infer<typeof ZEditAppointment>;

/** The access table, but the agenda is closed to patients and steering (issue 16). */
function decideAgenda(facts: TLoadedFacts, request: TAccessRequest) {
  if (!AGENDA_ROLES.includes(facts.role)) {
    return {
      allowed: false,
      reason: 'the agenda is for network professionals',
      viaBreakGlass: false,
    };
  }
  return decideAccess(facts, request);
}

function requireAgendaRole(ctx: TContext): void {
  if (!AGENDA_ROLES.includes(ctx.actor.role))
    throw new AppError('forbidden', 'auth.forbidden_role');
}

/** The guard on the person an appointment is about (audited, a refusal answers 404/403). */
async function guardPerson(
  ctx: TContext,
  tx: TDb,
  options: {
    personId: string;
    action: 'read' | 'write';
    category: TDataCategory;
    auditAction: string;
    appointmentId?: string;
    details?: Record<string, unknown>;
  },
): Promise<TLoadedFacts> {
  const request = { action: options.action, category: options.category };
  const { facts } = await requirePersonAccessWith(
    ctx,
    tx,
    {
      ...request,
      personId: options.personId,
      auditAction: options.auditAction,
      resourceType: 'appointment',
      ...(options.appointmentId ? { resourceId: options.appointmentId } : {}),
      ...(options.details ? { details: options.details } : {}),
    },
    async () => {
      const loaded = await loadAccessFacts(tx, ctx.actor, options.personId);
      return loaded && { facts: loaded, data: null };
    },
    (loaded) => decideAgenda(loaded, request),
  );
  return facts;
}

/** An appointment about no person: its participants, organiser, creator and network staff. */
function mayUseOwn(ctx: TContext, row: TAppointmentRow, participantIds: readonly string[]) {
  if (!AGENDA_ROLES.includes(ctx.actor.role)) return false;
  const memberId = ctx.actor.memberId;
  return (
    ctx.actor.role === 'admin' ||
    row.createdByUserId === ctx.actor.userId ||
    (memberId !== null && (row.organiserMemberId === memberId || participantIds.includes(memberId)))
  );
}

/**
 * Loads the appointment for a read or a change and checks the reader's right to it: the guard
 * for an appointment about a person, the participants' rule otherwise (404 either way).
 */
async function access(
  ctx: TContext,
  tx: TDb,
  appointmentId: string,
  options: {
    action: 'read' | 'write';
    category?: (row: TAppointmentRow) => TDataCategory;
    auditAction: string;
    lock: boolean;
    details?: Record<string, unknown>;
  },
): Promise<{ row: TAppointmentRow; facts: TLoadedFacts | null }> {
  const row = options.lock
    ? await lockAppointment(tx, appointmentId)
    : await findAppointment(tx, appointmentId);
  if (!row) throw notFound('appointment');
  if (row.personId) {
    const facts = await guardPerson(ctx, tx, {
      personId: row.personId,
      action: options.action,
      category: options.category?.(row) ?? 'administrative',
      auditAction: options.auditAction,
      appointmentId: row.id,
      ...(options.details ? { details: options.details } : {}),
    });
    return { row, facts };
  }
  if (!mayUseOwn(ctx, row, await participantIdsOf(tx, row.id))) throw notFound('appointment');
  return { row, facts: null };
}

const iso = (date: Date | string) => new Date(date).toISOString();
const isoOrNull = (date: Date | string | null) => (date === null ? null : iso(date));

async function viewOf(
  ctx: TContext,
  tx: TDb,
  row: TAppointmentRow,
  facts: TLoadedFacts | null,
): Promise<TAppointmentView> {
  const participants = await listParticipants(tx, [row.id]);
  const person = row.personId
    ? ((
        await tx
          .select({ id: persons.id, firstName: persons.firstName, lastName: persons.lastName })
          .from(persons)
          .where(eq(persons.id, row.personId))
      )[0] ?? null)
    : null;
  const seesNotes =
    facts === null || decideAgenda(facts, { action: 'read', category: row.notesCategory }).allowed;
  const canEdit =
    facts === null || decideAgenda(facts, { action: 'write', category: 'administrative' }).allowed;
  const series = row.seriesId ? await findSeries(tx, row.seriesId) : undefined;
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    person,
    title: row.title,
    notes: seesNotes ? row.notes : null,
    notesHidden: !seesNotes && row.notes !== null,
    notesCategory: row.notesCategory,
    place: row.place,
    placeOrganisationId: row.placeOrganisationId,
    placeOrganisationName: await organisationName(tx, row.placeOrganisationId),
    placeText: row.placeText,
    startsAt: iso(row.startsAt),
    endsAt: iso(row.endsAt),
    seriesId: row.seriesId,
    seriesRule: series?.rrule ?? null,
    occurrenceStart: isoOrNull(row.occurrenceStart),
    organiserMemberId: row.organiserMemberId,
    participants: participants.map(({ memberId, name, organisations, response, attendance }) => ({
      memberId,
      name,
      organisations,
      response,
      attendance,
    })),
    statusReason: row.statusReason,
    statusChangedAt: isoOrNull(row.statusChangedAt),
    version: row.version,
    moves: canEdit ? appointmentMoves(row.status) : [],
    canEdit: canEdit && HOLDS_TIME.includes(row.status),
  };
}

const conflictView = (conflict: TConflict) => ({
  memberId: conflict.memberId,
  memberName: conflict.memberName,
  appointmentId: conflict.appointmentId,
  absent: conflict.absent,
  startsAt: iso(conflict.startsAt),
  endsAt: iso(conflict.endsAt),
});

const namesOf = (conflicts: readonly TConflict[]) =>
  [...new Set(conflicts.map((conflict) => conflict.memberName))].join(', ');

/** Start before end, at most 24 hours long (the conflicts' index range relies on it). */
function checkTimes(startsAt: Date, endsAt: Date): void {
  if (endsAt.getTime() <= startsAt.getTime())
    throw fieldError('endsAt', 'agenda.ends_before_start');
  if (endsAt.getTime() - startsAt.getTime() > MAX_APPOINTMENT_MS) {
    throw fieldError('endsAt', 'agenda.too_long');
  }
}

/** Participants exist and, for an appointment about a person, are in their care team (422). */
async function checkParticipants(tx: TDb, personId: string | null, memberIds: readonly string[]) {
  if ((await unknownMembers(tx, memberIds)).length > 0) {
    throw fieldError('participantIds', 'agenda.participant_unknown');
  }
  if (!personId) return;
  const outside = await membersOutsideTeam(tx, personId, memberIds);
  if (outside.length > 0) {
    throw new AppError(
      'unprocessable',
      'agenda.not_in_team',
      { names: outside.map((member) => member.name ?? member.id).join(', ') },
      {
        fields: [{ field: 'participantIds', message: 'agenda.not_in_team' }],
        memberIds: outside.map((member) => member.id),
      },
    );
  }
}

function checkPlace(place: string, placeOrganisationId: string | null | undefined) {
  if (place === 'organisation' && !placeOrganisationId) {
    throw fieldError('placeOrganisationId', 'agenda.place_organisation_required');
  }
}

/** A case conference is refused when a participant is taken; anything else is a warning. */
function refuseConference(kind: string, conflicts: readonly TConflict[]): void {
  if (kind === 'case_conference' && conflicts.length > 0) {
    throw new AppError(
      'conflict',
      'agenda.conference_conflict',
      { names: namesOf(conflicts) },
      { conflicts: conflicts.map(conflictView) },
    );
  }
}

/** The category a write is decided on: the notes' when it writes notes, else administrative. */
const writeCategory = (notes: string | null | undefined, category: TDataCategory): TDataCategory =>
  notes ? category : 'administrative';

/**
 * Writes the occurrences of a series in [from, until) from a template, with their conflicts
 * (a case conference with one is refused: the caller's transaction rolls back).
 */
async function materialise(
  tx: TDb,
  series: { id: string; rrule: string; timeZone: string; firstStart: Date; exdates: Date[] },
  template: Omit<TNewAppointment, 'startsAt' | 'endsAt'>,
  durationMs: number,
  participantIds: readonly string[],
  from: Date,
  until: Date,
): Promise<{ rows: TAppointmentRow[]; conflicts: TConflict[] }> {
  const rows: TAppointmentRow[] = [];
  const conflicts: TConflict[] = [];
  for (const start of occurrencesBetween(series, from, until)) {
    const endsAt = new Date(start.getTime() + durationMs);
    conflicts.push(
      ...(await findConflicts(tx, { memberIds: participantIds, startsAt: start, endsAt })),
    );
    rows.push(
      await insertAppointment(
        tx,
        {
          ...template,
          status: 'planned',
          statusReason: null,
          statusChangedAt: null,
          statusChangedByUserId: null,
          startsAt: start,
          endsAt,
          seriesId: series.id,
          occurrenceStart: start,
        },
        participantIds,
      ),
    );
  }
  refuseConference(template.kind, conflicts);
  return { rows, conflicts };
}

/**
 * Creates an appointment, or a recurring series with its occurrences up to the horizon; a
 * double-booked participant is a warning in the answer (a case conference: 409 naming them).
 */
export function createAppointment(ctx: TContext, input: TCreate) {
  return withTransaction(ctx.db, async (tx) => {
    const personId = input.personId ?? null;
    const notesCategory = input.notesCategory ?? 'administrative';
    let facts: TLoadedFacts | null = null;
    if (personId) {
      facts = await guardPerson(ctx, tx, {
        personId,
        action: 'write',
        category: writeCategory(input.notes, notesCategory),
        auditAction: 'appointment.create',
        details: { kind: input.kind, recurring: input.recurrence !== undefined },
      });
    } else requireAgendaRole(ctx);
    const startsAt = new Date(input.startsAt);
    const endsAt = new Date(input.endsAt);
    checkTimes(startsAt, endsAt);
    checkPlace(input.place, input.placeOrganisationId);
    await checkParticipants(tx, personId, input.participantIds);
    const template = {
      personId,
      kind: input.kind,
      title: input.title || null,
      notes: input.notes || null,
      notesCategory,
      place: input.place,
      placeOrganisationId: input.placeOrganisationId ?? null,
      placeText: input.placeText || null,
      organiserMemberId: ctx.actor.memberId,
      createdByUserId: ctx.actor.userId,
    } satisfies Omit<TNewAppointment, 'startsAt' | 'endsAt'>;
    let rows: TAppointmentRow[];
    let conflicts: TConflict[];
    if (input.recurrence) {
      const problem = ruleProblem(input.recurrence.rrule);
      if (problem) throw fieldError('recurrence.rrule', 'agenda.rrule_invalid');
      const until = horizonFrom(new Date());
      const series = await insertSeries(tx, {
        personId,
        rrule: input.recurrence.rrule,
        timeZone: ctx.config.timeZone,
        firstStart: startsAt,
        durationMinutes: Math.round((endsAt.getTime() - startsAt.getTime()) / 60_000),
        materialisedUntil: until,
        createdByUserId: ctx.actor.userId,
      });
      ({ rows, conflicts } = await materialise(
        tx,
        series,
        template,
        endsAt.getTime() - startsAt.getTime(),
        input.participantIds,
        startsAt,
        until,
      ));
      if (rows.length === 0) throw fieldError('recurrence.rrule', 'agenda.rrule_empty');
    } else {
      conflicts = await findConflicts(tx, { memberIds: input.participantIds, startsAt, endsAt });
      refuseConference(input.kind, conflicts);
      rows = [await insertAppointment(tx, { ...template, startsAt, endsAt }, input.participantIds)];
    }
    const first = rows[0]!;
    if (personId) {
      await recordPathwayEvent(tx, {
        personId,
        kind: 'appointment.planned',
        actorUserId: ctx.actor.userId,
        category: 'administrative',
        source: { table: 'appointments', id: first.id },
        data: { kind: input.kind, startsAt: iso(startsAt), recurring: rows.length > 1 },
      });
    }
    return {
      appointment: await viewOf(ctx, tx, first, facts),
      conflicts: conflicts.map(conflictView),
      occurrences: rows.length,
    };
  });
}

/** One appointment, for those who may read it (audited when it is about a person). */
export function getAppointment(ctx: TContext, options: { appointmentId: string }) {
  return withTransaction(ctx.db, async (tx) => {
    const { row, facts } = await access(ctx, tx, options.appointmentId, {
      action: 'read',
      auditAction: 'appointment.read',
      lock: false,
    });
    return viewOf(ctx, tx, row, facts);
  });
}

const sameTime = (a: Date | null, b: string | undefined) =>
  b === undefined || (a !== null && a.getTime() === new Date(b).getTime());

/** 409 on a stale version: the current appointment and which of the edits it contradicts. */
async function stale(
  ctx: TContext,
  tx: TDb,
  row: TAppointmentRow,
  facts: TLoadedFacts | null,
  edit: TEdit,
) {
  const current = await viewOf(ctx, tx, row, facts);
  const currentIds = current.participants.map((p) => p.memberId).sort();
  const differs = [
    !sameTime(row.startsAt, edit.startsAt) || !sameTime(row.endsAt, edit.endsAt) ? 'time' : null,
    edit.participantIds && edit.participantIds.slice().sort().join() !== currentIds.join()
      ? 'participants'
      : null,
    edit.kind !== undefined && edit.kind !== row.kind ? 'kind' : null,
    edit.place !== undefined && edit.place !== row.place ? 'place' : null,
    edit.title !== undefined && (edit.title || null) !== row.title ? 'title' : null,
    edit.notes !== undefined && (edit.notes || null) !== current.notes ? 'notes' : null,
  ].filter((field): field is string => field !== null);
  return new AppError(
    'conflict',
    'agenda.stale',
    { version: row.version },
    { currentVersion: row.version, current, differs },
  );
}

/** What an edit changes, checked (times, place, participants in the team). */
async function editedValues(tx: TDb, row: TAppointmentRow, edit: TEdit) {
  const startsAt = edit.startsAt ? new Date(edit.startsAt) : row.startsAt;
  const endsAt = edit.endsAt ? new Date(edit.endsAt) : row.endsAt;
  checkTimes(startsAt, endsAt);
  const place = edit.place ?? row.place;
  const placeOrganisationId =
    edit.placeOrganisationId !== undefined ? edit.placeOrganisationId : row.placeOrganisationId;
  checkPlace(place, placeOrganisationId);
  const participantIds = edit.participantIds ?? (await participantIdsOf(tx, row.id));
  if (edit.participantIds) await checkParticipants(tx, row.personId, edit.participantIds);
  const values: Partial<TNewAppointment> = {
    startsAt,
    endsAt,
    place,
    placeOrganisationId: place === 'organisation' ? placeOrganisationId : null,
    ...(edit.kind ? { kind: edit.kind } : {}),
    ...(edit.placeText !== undefined ? { placeText: edit.placeText || null } : {}),
    ...(edit.title !== undefined ? { title: edit.title || null } : {}),
    ...(edit.notes !== undefined ? { notes: edit.notes || null } : {}),
    ...(edit.notesCategory ? { notesCategory: edit.notesCategory } : {}),
  };
  return { values, participantIds, startsAt, endsAt, kind: edit.kind ?? row.kind };
}

const editCategory = (edit: TEdit) => (row: TAppointmentRow) =>
  writeCategory(edit.notes, edit.notesCategory ?? row.notesCategory);

/**
 * Edits an appointment on the version read: a stale version answers 409 with the current one;
 * a moved occurrence stays in its series (its occurrenceStart). Double-booking as on create.
 */
export function editAppointment(ctx: TContext, options: TEdit & { appointmentId: string }) {
  return withTransaction(ctx.db, async (tx) => {
    const { appointmentId, ...edit } = options;
    const { row, facts } = await access(ctx, tx, appointmentId, {
      action: 'write',
      category: editCategory(edit),
      auditAction: 'appointment.edit',
      lock: true,
    });
    if (row.version !== edit.version) throw await stale(ctx, tx, row, facts, edit);
    if (!HOLDS_TIME.includes(row.status)) {
      throw new AppError('conflict', 'agenda.closed', {
        state: APPOINTMENT_STATUS_LABELS[ctx.actor.locale][row.status],
      });
    }
    const next = await editedValues(tx, row, edit);
    const conflicts = await findConflicts(tx, {
      memberIds: next.participantIds,
      startsAt: next.startsAt,
      endsAt: next.endsAt,
      excludeAppointmentId: row.id,
    });
    refuseConference(next.kind, conflicts);
    const updated = await updateAppointment(tx, row.id, next.values);
    await syncParticipants(tx, updated, edit.participantIds);
    return {
      appointment: await viewOf(ctx, tx, updated, facts),
      conflicts: conflicts.map(conflictView),
      occurrences: 1,
    };
  });
}

/**
 * Moves an appointment through its states (agenda.states.ts): illegal → 409 in plain words; a
 * cancellation needs a reason; done or missed not before it starts. About a person: a pathway
 * event, and a missed visit recomputes the person's alerts (appointment_missed).
 */
export function moveAppointment(
  ctx: TContext,
  options: z.infer<typeof ZStatusRequest> & { appointmentId: string },
) {
  return withTransaction(ctx.db, async (tx) => {
    const { row, facts } = await access(ctx, tx, options.appointmentId, {
      action: 'write',
      auditAction: 'appointment.status',
      lock: true,
      details: { to: options.status },
    });
    if (row.version !== options.version) {
      throw await stale(ctx, tx, row, facts, { version: options.version });
    }
    const labels = APPOINTMENT_STATUS_LABELS[ctx.actor.locale];
    if (!canMoveAppointment(row.status, options.status)) {
      throw new AppError('conflict', 'agenda.illegal_move', {
        to: labels[options.status],
        state: labels[row.status],
      });
    }
    const reason = options.reason?.trim() || null;
    if (APPOINTMENT_TRANSITIONS[options.status].reasonRequired && !reason) {
      throw fieldError('reason', 'agenda.reason_required');
    }
    const now = new Date();
    if (
      (options.status === 'done' || options.status === 'missed') &&
      row.startsAt.getTime() > now.getTime() + CLOCK_SKEW_MS
    ) {
      throw fieldError('status', 'agenda.not_started');
    }
    const updated = await updateAppointment(tx, row.id, {
      status: options.status,
      statusReason: reason,
      statusChangedAt: now,
      statusChangedByUserId: ctx.actor.userId,
    });
    await syncParticipants(tx, updated);
    if (row.personId && options.status !== 'confirmed') {
      await recordPathwayEvent(tx, {
        personId: row.personId,
        kind: `appointment.${options.status}`,
        actorUserId: ctx.actor.userId,
        category: 'administrative',
        source: { table: 'appointments', id: row.id },
        data: { kind: row.kind, startsAt: iso(row.startsAt) },
      });
      await recomputePersonAlerts(tx, row.personId, now);
    }
    return viewOf(ctx, tx, updated, facts);
  });
}

async function requireSeries(tx: TDb, row: TAppointmentRow) {
  const series = row.seriesId ? await lockSeries(tx, row.seriesId) : undefined;
  if (!series || !row.occurrenceStart) throw new AppError('conflict', 'agenda.not_in_series');
  return series;
}

/** Takes one occurrence out of its series (an EXDATE): it is no longer in anyone's agenda. */
export function removeOccurrence(ctx: TContext, options: { appointmentId: string }) {
  return withTransaction(ctx.db, async (tx) => {
    const { row } = await access(ctx, tx, options.appointmentId, {
      action: 'write',
      auditAction: 'appointment.remove_occurrence',
      lock: true,
    });
    const series = await requireSeries(tx, row);
    await updateSeries(tx, series.id, { exdates: [...series.exdates, row.occurrenceStart!] });
    await deleteAppointments(tx, [row.id]);
  });
}

/**
 * "This and following": the series ends before this occurrence (UNTIL) and its occurrences
 * still planned from it on are removed; a new series starts from this occurrence with the
 * edits (time, participants, rule…), materialised up to the horizon.
 */
export function splitSeries(
  ctx: TContext,
  options: z.infer<typeof ZSplitSeries> & { appointmentId: string },
) {
  return withTransaction(ctx.db, async (tx) => {
    const { appointmentId, rrule, ...edit } = options;
    const { row, facts } = await access(ctx, tx, appointmentId, {
      action: 'write',
      category: editCategory(edit),
      auditAction: 'appointment.split_series',
      lock: true,
    });
    if (row.version !== edit.version) throw await stale(ctx, tx, row, facts, edit);
    const series = await requireSeries(tx, row);
    if (rrule && ruleProblem(rrule)) throw fieldError('rrule', 'agenda.rrule_invalid');
    const next = await editedValues(tx, row, edit);
    const from = row.occurrenceStart!;
    await updateSeries(tx, series.id, {
      rrule: ruleEndingBefore(series.rrule, series.timeZone, from),
      endedAt: new Date(),
    });
    const following = await occurrencesFrom(tx, series.id, from);
    await deleteAppointments(
      tx,
      following.filter((o) => HOLDS_TIME.includes(o.status)).map((o) => o.id),
    );
    const until = horizonFrom(new Date());
    const durationMs = next.endsAt.getTime() - next.startsAt.getTime();
    const created = await insertSeries(tx, {
      personId: row.personId,
      rrule: rrule ?? series.rrule,
      timeZone: series.timeZone,
      firstStart: next.startsAt,
      durationMinutes: Math.round(durationMs / 60_000),
      materialisedUntil: until,
      createdByUserId: ctx.actor.userId,
    });
    const { rows, conflicts } = await materialise(
      tx,
      created,
      {
        personId: row.personId,
        kind: next.kind,
        title: row.title,
        notes: row.notes,
        notesCategory: row.notesCategory,
        place: row.place,
        placeOrganisationId: row.placeOrganisationId,
        placeText: row.placeText,
        organiserMemberId: row.organiserMemberId,
        createdByUserId: ctx.actor.userId,
        ...next.values,
      },
      durationMs,
      next.participantIds,
      next.startsAt,
      until,
    );
    if (rows.length === 0) throw fieldError('rrule', 'agenda.rrule_empty');
    return {
      appointment: await viewOf(ctx, tx, rows[0]!, facts),
      conflicts: conflicts.map(conflictView),
      occurrences: rows.length,
    };
  });
}

/**
 * Writes the occurrences of every running series up to the horizon (the daily durable job,
 * decision 029), from each series' latest occurrence as the template; how many were written.
 */
export async function extendSeries(db: TDb, now: Date = new Date()): Promise<number> {
  const horizon = horizonFrom(now);
  let written = 0;
  for (const series of await seriesToExtend(db, horizon)) {
    await db.transaction(async (tx) => {
      const locked = await lockSeries(tx, series.id);
      if (!locked || locked.endedAt || locked.materialisedUntil >= horizon) return;
      const template = await latestOccurrence(tx, series.id);
      if (template) {
        const { id: _id, version: _version, createdAt: _c, updatedAt: _u, ...values } = template;
        const { rows } = await materialise(
          tx,
          locked,
          values,
          locked.durationMinutes * 60_000,
          await participantIdsOf(tx, template.id),
          locked.materialisedUntil,
          horizon,
        ).catch((error: unknown) => {
          // A recurring case conference now double-booked is written anyway: the job cannot ask.
          if (error instanceof AppError) return { rows: [] };
          throw error;
        });
        written += rows.length;
      }
      await updateSeries(tx, series.id, { materialisedUntil: horizon });
    });
  }
  return written;
}

/**
 * The calendar's entries from rows whose participants and facts are read: each appointment about
 * a person the guard lets the reader read is shown (and audited, in one insert), any other one the
 * reader may not use is a busy block.
 */
async function decideCalendar(
  ctx: TContext,
  tx: TDb,
  week: TMyWeek,
  options: { auditAction: string; busyFor?: readonly string[]; readable?: string },
): Promise<TCalendarEntry[]> {
  const { rows, participants, facts } = week;
  const decided = [...facts].map(([personId, personFacts]) => ({
    personId,
    facts: personFacts,
    decision: decideAgenda(personFacts, { action: 'read', category: 'administrative' }),
  }));
  const allowed = decided.filter((row) => row.decision.allowed);
  await auditPersonDecisions(ctx, tx, allowed, {
    action: 'read',
    category: 'administrative',
    auditAction: options.auditAction,
    resourceType: 'appointment',
  });
  const readablePersons = new Set(allowed.map((row) => row.personId));
  if (options.readable) readablePersons.add(options.readable);
  return rows.map((row) => {
    const own = participants.filter((p) => p.appointmentId === row.id);
    const readable = row.personId
      ? readablePersons.has(row.personId)
      : mayUseOwn(
          ctx,
          row,
          own.map((p) => p.memberId),
        );
    const base = {
      status: row.status,
      startsAt: iso(row.startsAt),
      endsAt: iso(row.endsAt),
    };
    if (!readable) {
      const busyFor = options.busyFor ?? (ctx.actor.memberId ? [ctx.actor.memberId] : []);
      return {
        ...base,
        id: null,
        busy: true,
        kind: null,
        title: null,
        person: null,
        place: null,
        seriesId: null,
        occurrenceStart: null,
        participants: own
          .filter((p) => busyFor.includes(p.memberId))
          .map(({ memberId, name }) => ({ memberId, name })),
      };
    }
    return {
      ...base,
      id: row.id,
      busy: false,
      kind: row.kind,
      title: row.title,
      person:
        row.personId && row.personFirstName !== null
          ? { id: row.personId, firstName: row.personFirstName, lastName: row.personLastName ?? '' }
          : null,
      place: row.place,
      seriesId: row.seriesId,
      occurrenceStart: isoOrNull(row.occurrenceStart),
      participants: own.map(({ memberId, name }) => ({ memberId, name })),
    };
  });
}

/** The window [from, from + days) of a calendar query. */
export function windowOf(from: string, days: number) {
  const start = new Date(from);
  return { from: start, to: new Date(start.getTime() + days * DAY_MS) };
}

/**
 * My day or week: the appointments I take part in. One statement (MY_WEEK: the rows, their
 * participants and the reader's facts for their persons), read with the session when the route
 * did (`readWithSession`, decision 019); no explicit transaction: answered once the audit rows of
 * the appointments about persons shown have committed (withAuditedRead).
 */
export function myCalendar(
  ctx: TContext,
  options: { from: string; days: number },
  readWithSession?: TMyWeek,
) {
  requireAgendaRole(ctx);
  const { from, to } = windowOf(options.from, options.days);
  return withAuditedRead(ctx.db, async (read) => ({
    from: iso(from),
    to: iso(to),
    timeZone: ctx.config.timeZone,
    items: await decideCalendar(
      ctx,
      read,
      readWithSession ?? (await loadMyWeek(read, ctx.actor, from, to)),
      { auditAction: 'appointment.calendar' },
    ),
  }));
}

/** The guard on a person read with the calendar around them (one statement: decision 044). */
async function guardCalendar(
  ctx: TContext,
  read: TDb,
  options: { personId: string; auditAction: string },
  load: () => Promise<TPersonCalendar | null>,
) {
  const request = { action: 'read', category: 'administrative' } as const;
  return requirePersonAccessWith(
    ctx,
    read,
    { ...request, ...options, resourceType: 'appointment' },
    load,
    (facts) => decideAgenda(facts, request),
  );
}

/**
 * A person's appointments (section of the person page), through the guard: the facts, the
 * appointments and their participants in one statement (PERSON_APPOINTMENTS, read with the session
 * when the route did: `readWithSession`), no explicit transaction (decision 019).
 */
export function personAppointments(
  ctx: TContext,
  options: { personId: string; from: Date; to: Date },
  readWithSession?: TPersonCalendar | null,
) {
  return withAuditedRead(ctx.db, async (read) => {
    const auditAction = 'appointment.list';
    const { data, facts } = await guardCalendar(
      ctx,
      read,
      { personId: options.personId, auditAction },
      async () =>
        readWithSession === undefined
          ? loadPersonCalendar(
              read,
              ctx.actor,
              'person',
              options.personId,
              options.from,
              options.to,
            )
          : readWithSession,
    );
    return {
      items: await decideCalendar(ctx, read, data, { auditAction, readable: options.personId }),
      canPlan: decideAgenda(facts, { action: 'write', category: 'administrative' }).allowed,
    };
  });
}

/** The window of a person's appointments: from 30 days ago unless said. */
export function personWindowOf(from: string | undefined, days: number) {
  return windowOf(from ?? iso(new Date(Date.now() - 30 * DAY_MS)), days);
}

/**
 * A care team's calendar: every appointment of the person's team members (and case manager)
 * in the window; appointments about persons the reader may not read are busy blocks. One
 * statement (TEAM_CALENDAR, with the session when the route read it), no explicit transaction.
 */
export function teamCalendar(
  ctx: TContext,
  options: { personId: string; from: Date; to: Date },
  readWithSession?: TPersonCalendar | null,
) {
  return withAuditedRead(ctx.db, async (read) => {
    const auditAction = 'appointment.team_calendar';
    const { data } = await guardCalendar(
      ctx,
      read,
      { personId: options.personId, auditAction },
      async () =>
        readWithSession === undefined
          ? loadPersonCalendar(read, ctx.actor, 'team', options.personId, options.from, options.to)
          : readWithSession,
    );
    return {
      from: iso(options.from),
      to: iso(options.to),
      timeZone: ctx.config.timeZone,
      members: [...data.team],
      items: await decideCalendar(ctx, read, data, {
        auditAction,
        busyFor: data.team.map((member) => member.memberId),
        readable: options.personId,
      }),
    };
  });
}
