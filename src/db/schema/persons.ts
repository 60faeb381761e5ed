import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { members } from './directory.js';

/** A person followed by the network (patient). Personal data: every access goes through the guard. */
export const persons = pgTable(
  'persons',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    birthDate: date('birth_date', { mode: 'string' }),
    commune: text('commune'),
    caseManagerId: uuid('case_manager_id').references(() => members.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // A case manager's home lists their caseload: found by index, not by reading every person.
  (t) => [index('persons_case_manager_idx').on(t.caseManagerId)],
);

/** The care team (cercle de soins): who follows the person, from when to when. */
export const careTeamMembers = pgTable(
  'care_team_members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id),
    roleTitle: text('role_title'),
    /** Social and home-care roles see medical entries only when granted. */
    medicalAccess: boolean('medical_access').notNull().default(false),
    since: timestamp('since', { withTimezone: true }).notNull().defaultNow(),
    until: timestamp('until', { withTimezone: true }),
  },
  (t) => [
    index('care_team_members_person_idx').on(t.personId),
    index('care_team_members_member_idx').on(t.memberId),
    uniqueIndex('care_team_members_active_key')
      .on(t.personId, t.memberId)
      .where(sql`${t.until} is null`),
  ],
);

/** The person objects to sharing their data with a given member. */
export const sharingObjections = pgTable(
  'sharing_objections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id),
    reason: text('reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('sharing_objections_active_key')
      .on(t.personId, t.memberId)
      .where(sql`${t.withdrawnAt} is null`),
  ],
);

/** Emergency access outside the care team: a reason, a time limit, always flagged in the audit. */
export const breakGlassGrants = pgTable(
  'break_glass_grants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    reason: text('reason').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('break_glass_user_person_idx').on(t.userId, t.personId)],
);
