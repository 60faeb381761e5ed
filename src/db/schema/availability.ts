import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.js';
import { members } from './directory.js';

/** Why a member is away (issue 16): never a medical reason, only what the network needs to plan. */
export const ABSENCE_KINDS = ['leave', 'training', 'other'] as const;
export type TAbsenceKind = (typeof ABSENCE_KINDS)[number];

/**
 * A member's usual working hours (decision 030): one row per range of a weekday, in local wall
 * time of the network's time zone (TZ_NETWORK), minutes since midnight; several ranges a day
 * (a morning and an afternoon). A member with no row works the default week (decision 030).
 */
export const workingHours = pgTable(
  'working_hours',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id),
    /** ISO weekday: 1 Monday … 7 Sunday. */
    weekday: integer('weekday').notNull(),
    startMinute: integer('start_minute').notNull(),
    endMinute: integer('end_minute').notNull(),
  },
  (t) => [
    index('working_hours_member_idx').on(t.memberId, t.weekday),
    check('working_hours_weekday', sql`${t.weekday} between 1 and 7`),
    check(
      'working_hours_range',
      sql`${t.startMinute} >= 0 and ${t.endMinute} <= 1440 and ${t.startMinute} < ${t.endMinute}`,
    ),
  ],
);

/**
 * A period a member is away: leave, training, other, with an optional short label that only
 * the member and network staff read (others see "absent"). Never a medical reason.
 */
export const absences = pgTable(
  'absences',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    kind: text('kind', { enum: ABSENCE_KINDS }).notNull(),
    label: text('label'),
    createdByUserId: uuid('created_by_user_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('absences_member_idx').on(t.memberId, t.startsAt),
    check('absences_range', sql`${t.startsAt} < ${t.endsAt}`),
  ],
);
