import { sql } from 'drizzle-orm';
import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.js';
import { members, organisations } from './directory.js';
import { persons } from './persons.js';

/** What an appointment is (issue 16); a case conference gathers a care team about several persons. */
export const APPOINTMENT_KINDS = [
  'home_visit',
  'consultation',
  'assessment',
  'case_conference',
  'meeting',
] as const;
export type TAppointmentKind = (typeof APPOINTMENT_KINDS)[number];

/** The life of an appointment: planned → confirmed → done | missed, or cancelled with a reason. */
export const APPOINTMENT_STATUSES = [
  'planned',
  'confirmed',
  'done',
  'missed',
  'cancelled',
] as const;
export type TAppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

/** Where it takes place: the person's home, an organisation of the directory, remote, elsewhere. */
export const APPOINTMENT_PLACES = ['home', 'organisation', 'remote', 'other'] as const;

/** A participant's answer (iCalendar PARTSTAT) and, once it happened, whether they came. */
export const PARTICIPANT_RESPONSES = ['needs_action', 'accepted', 'declined'] as const;
export const PARTICIPANT_ATTENDANCE = ['present', 'absent', 'excused'] as const;

/**
 * A recurring intervention (a nurse every weekday morning): an RFC 5545 rule read in the series'
 * time zone from its first local start, the occurrences it has produced so far (as appointments,
 * materialised up to `materialisedUntil`, so that a week and a free-slot search read one table),
 * and the occurrences taken out of it (EXDATE, as the original UTC starts). A moved or cancelled
 * occurrence stays an appointment of the series with its `occurrenceStart`.
 */
export const appointmentSeries = pgTable('appointment_series', {
  id: uuid('id').primaryKey().defaultRandom(),
  personId: uuid('person_id').references(() => persons.id),
  /** RRULE body, e.g. `FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR`, read from `firstStart` in `timeZone`. */
  rrule: text('rrule').notNull(),
  timeZone: text('time_zone').notNull(),
  firstStart: timestamp('first_start', { withTimezone: true }).notNull(),
  durationMinutes: integer('duration_minutes').notNull(),
  exdates: timestamp('exdates', { withTimezone: true })
    .array()
    .notNull()
    .default(sql`'{}'::timestamptz[]`),
  materialisedUntil: timestamp('materialised_until', { withTimezone: true }).notNull(),
  endedAt: timestamp('ended_at', { withTimezone: true }),
  createdByUserId: uuid('created_by_user_id').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * An appointment or intervention (issue 16), about a person or not. `title` and `notes` are
 * written by professionals and may say something medical: they never leave Maillon in an
 * iCalendar feed, and a reader sees `notes` only if the guard lets them read `notesCategory`
 * for the person. `version` guards concurrent edits (409 on a stale version).
 */
export const appointments = pgTable(
  'appointments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id').references(() => persons.id),
    kind: text('kind', { enum: APPOINTMENT_KINDS }).notNull(),
    status: text('status', { enum: APPOINTMENT_STATUSES }).notNull().default('planned'),
    title: text('title'),
    notes: text('notes'),
    notesCategory: text('notes_category', {
      enum: ['medical', 'social', 'administrative', 'daily_life'],
    })
      .notNull()
      .default('administrative'),
    place: text('place', { enum: APPOINTMENT_PLACES }).notNull(),
    placeOrganisationId: uuid('place_organisation_id').references(() => organisations.id),
    placeText: text('place_text'),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    seriesId: uuid('series_id').references(() => appointmentSeries.id),
    /** For an occurrence of a series: the start the rule gave it (RECURRENCE-ID), even if moved. */
    occurrenceStart: timestamp('occurrence_start', { withTimezone: true }),
    /** The member who organises it (a case conference: only people in the organiser's teams). */
    organiserMemberId: uuid('organiser_member_id').references(() => members.id),
    statusReason: text('status_reason'),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }),
    statusChangedByUserId: uuid('status_changed_by_user_id').references(() => users.id),
    createdByUserId: uuid('created_by_user_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('appointments_person_idx').on(t.personId, t.startsAt),
    index('appointments_series_idx').on(t.seriesId, t.occurrenceStart),
    // The missed-visit sweep and reminders: what is still planned or confirmed, by start.
    index('appointments_open_start_idx')
      .on(t.startsAt)
      .where(sql`${t.status} in ('planned', 'confirmed')`),
    // The appointment_missed alert rule (decision 029): the missed visits of the last month.
    index('appointments_missed_start_idx')
      .on(t.startsAt)
      .where(sql`${t.status} = 'missed'`),
  ],
);

/**
 * Who takes part: directory members (with or without an account). Start, end and status are
 * copied from the appointment (kept by the service in the same transaction) so that a member's
 * week and a free-slot search over several members are one index range each.
 */
export const appointmentParticipants = pgTable(
  'appointment_participants',
  {
    appointmentId: uuid('appointment_id')
      .notNull()
      .references(() => appointments.id),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    status: text('status', { enum: APPOINTMENT_STATUSES }).notNull().default('planned'),
    response: text('response', { enum: PARTICIPANT_RESPONSES }).notNull().default('needs_action'),
    attendance: text('attendance', { enum: PARTICIPANT_ATTENDANCE }),
  },
  (t) => [
    primaryKey({ columns: [t.appointmentId, t.memberId] }),
    // INCLUDE (ends_at, status, appointment_id) in migration 0040: drizzle cannot declare it.
    index('appointment_participants_member_idx').on(t.memberId, t.startsAt),
  ],
);
