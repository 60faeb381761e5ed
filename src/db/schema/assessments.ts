import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './accounts.js';
import { persons } from './persons.js';

/**
 * One assessment of a person with one version of an instrument (its definition lives in code:
 * src/modules/assessments/instruments/). draft → completed (immutable, result stored) →
 * superseded by the next completed one of the same instrument. Personal data: through the guard.
 */
export const assessments = pgTable(
  'assessments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    instrumentId: text('instrument_id').notNull(),
    instrumentVersion: integer('instrument_version').notNull(),
    state: text('state', { enum: ['draft', 'completed', 'superseded'] }).notNull(),
    startedBy: uuid('started_by')
      .notNull()
      .references(() => users.id),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    completedBy: uuid('completed_by').references(() => users.id),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    /** The score computed at completion, with the definition of that version. */
    result: jsonb('result'),
    supersededBy: uuid('superseded_by'),
  },
  (t) => [
    index('assessments_person_idx').on(t.personId, t.instrumentId, t.completedAt),
    // One draft per person and instrument: a second start resumes the first.
    uniqueIndex('assessments_one_draft_key')
      .on(t.personId, t.instrumentId)
      .where(sql`${t.state} = 'draft'`),
    check('assessments_state_check', sql`${t.state} in ('draft', 'completed', 'superseded')`),
    check(
      'assessments_completed_check',
      sql`(${t.state} = 'draft') = (${t.completedAt} is null) and (${t.completedAt} is null) = (${t.completedBy} is null)`,
    ),
  ],
);

/** The current answer to one item of an assessment, who gave it and when. */
export const assessmentAnswers = pgTable(
  'assessment_answers',
  {
    assessmentId: uuid('assessment_id')
      .notNull()
      .references(() => assessments.id),
    itemId: text('item_id').notNull(),
    value: jsonb('value').notNull(),
    answeredBy: uuid('answered_by')
      .notNull()
      .references(() => users.id),
    answeredAt: timestamp('answered_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.assessmentId, t.itemId] })],
);

/**
 * The case manager's override of a person's computed integration level, with a written
 * justification (issue 13, decision 010). Rows are kept: the latest one applies until a newer
 * completed assessment or a newer override; a row with no level brings back the computed one.
 */
export const integrationLevelOverrides = pgTable(
  'integration_level_overrides',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    /** null: back to the computed level. */
    level: text('level', { enum: ['liaison', 'coordination', 'integration'] }),
    justification: text('justification').notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('integration_level_overrides_person_idx').on(t.personId, t.createdAt),
    check(
      'integration_level_overrides_level_check',
      sql`${t.level} is null or ${t.level} in ('liaison', 'coordination', 'integration')`,
    ),
    check(
      'integration_level_overrides_justification_check',
      sql`char_length(${t.justification}) >= 10`,
    ),
  ],
);
