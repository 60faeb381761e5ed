import { index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** A structure of the territory (hospital, MSP, CPTS, home-care service…). Grown by the directory. */
export const organisations = pgTable('organisations', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  type: text('type').notNull(),
  commune: text('commune'),
  phone: text('phone'),
  email: text('email'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A professional of the network (a person in the directory). */
export const members = pgTable('members', {
  id: uuid('id').primaryKey().defaultRandom(),
  firstName: text('first_name').notNull(),
  lastName: text('last_name').notNull(),
  profession: text('profession').notNull(),
  email: text('email'),
  phone: text('phone'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Where a member works, and their role there. */
export const memberOrganisations = pgTable(
  'member_organisations',
  {
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    roleTitle: text('role_title'),
  },
  (t) => [
    primaryKey({ columns: [t.memberId, t.organisationId] }),
    index('member_organisations_org_idx').on(t.organisationId),
  ],
);
