import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './accounts.js';
import { persons } from './persons.js';

/**
 * A person's personalised coordination plan (PPCS, decision 017): one per person, pointing at its
 * current version. The version number moves by one at each save: a save names the version it was
 * made on and is refused (409) when someone saved since.
 */
export const carePlans = pgTable(
  'care_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    currentVersion: integer('current_version').notNull(),
    /** The latest save marked as a review with the person (the first save counts as one). */
    lastReviewedAt: timestamp('last_reviewed_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('care_plans_person_key').on(t.personId),
    check('care_plans_version_check', sql`${t.currentVersion} >= 1`),
  ],
);

/**
 * Every saved version of a plan, never updated nor deleted: the whole content as one JSON document
 * validated by ZPlanContent on write and read (decision 017 says why a document and not rows).
 */
export const carePlanVersions = pgTable(
  'care_plan_versions',
  {
    planId: uuid('plan_id')
      .notNull()
      .references(() => carePlans.id),
    version: integer('version').notNull(),
    content: jsonb('content').notNull(),
    isReview: boolean('is_review').notNull().default(false),
    savedBy: uuid('saved_by')
      .notNull()
      .references(() => users.id),
    savedAt: timestamp('saved_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.planId, t.version] }),
    index('care_plan_versions_saved_by_idx').on(t.savedBy),
    check('care_plan_versions_version_check', sql`${t.version} >= 1`),
  ],
);
