import { sql } from 'drizzle-orm';
import {
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './accounts.js';
import { appointments } from './agenda.js';
import { persons } from './persons.js';

/**
 * The agenda of a case conference (concertation pluriprofessionnelle, issue 16): the persons to
 * discuss, in order, and for each the decision taken. Only persons whose care team includes the
 * organiser (or whom the organiser manages) are added. Once written back, the plan version that
 * carries the decision is kept (decision 031).
 */
export const conferenceItems = pgTable(
  'conference_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    appointmentId: uuid('appointment_id')
      .notNull()
      .references(() => appointments.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    position: integer('position').notNull(),
    /** The decision taken about the person (free text: social data of the person at least). */
    decision: text('decision'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedByUserId: uuid('decided_by_user_id').references(() => users.id),
    /** The plan version the decision was written into (null: not written back yet). */
    planVersion: integer('plan_version'),
    /**
     * The plan action the decision became (its id in the plan's content, decision 044); null when
     * written back as a line of the priorities, or not written back yet.
     */
    planActionId: uuid('plan_action_id'),
    writtenBackAt: timestamp('written_back_at', { withTimezone: true }),
    addedByUserId: uuid('added_by_user_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('conference_items_person_key').on(t.appointmentId, t.personId),
    index('conference_items_person_idx').on(t.personId),
  ],
);

/**
 * A member's private iCalendar feed (issue 16): the URL holds a random token; only its SHA-256
 * is stored. One feed per user: regenerating replaces the row (the old URL answers 404),
 * revoking deletes it.
 */
export const calendarFeeds = pgTable('calendar_feeds', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** How long before an appointment a member wants a reminder, in minutes (default: 60). */
export const reminderPreferences = pgTable('reminder_preferences', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id),
  leadMinutes: integer('lead_minutes')
    .array()
    .notNull()
    .default(sql`'{60}'::integer[]`),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The reminders sent: one per appointment, user, lead and start. The sweep inserts here first
 * (ON CONFLICT DO NOTHING) and tells only for the rows it inserted, so two server processes never
 * send the same reminder; a moved appointment has a new start, hence its own reminder.
 */
export const appointmentReminders = pgTable(
  'appointment_reminders',
  {
    appointmentId: uuid('appointment_id')
      .notNull()
      .references(() => appointments.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    leadMinutes: integer('lead_minutes').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.appointmentId, t.userId, t.leadMinutes, t.startsAt] })],
);
