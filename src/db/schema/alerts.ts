import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './accounts.js';
import { organisations } from './directory.js';
import { persons } from './persons.js';

/** Where a person went when they left hospital (decision 024). */
export const DISCHARGE_DESTINATIONS = [
  'home',
  'rehabilitation',
  'other_hospital',
  'nursing_home',
  'died',
  'other',
] as const;

/**
 * A hospital stay (decision 024): an admission — a directory organisation or a facility named in
 * words, planned or not — and, once over, its discharge. At most one open stay a person (the
 * partial unique index). The reason is medical: only those who may read medical data see it.
 */
export const hospitalStays = pgTable(
  'hospital_stays',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    facilityOrganisationId: uuid('facility_organisation_id').references(() => organisations.id),
    facilityName: text('facility_name'),
    admittedAt: timestamp('admitted_at', { withTimezone: true }).notNull(),
    admissionPlanned: boolean('admission_planned').notNull(),
    reason: text('reason'),
    admittedByUserId: uuid('admitted_by_user_id').references(() => users.id),
    dischargedAt: timestamp('discharged_at', { withTimezone: true }),
    dischargeDestination: text('discharge_destination', { enum: DISCHARGE_DESTINATIONS }),
    dischargePlanned: boolean('discharge_planned'),
    dischargedByUserId: uuid('discharged_by_user_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('hospital_stays_person_idx').on(t.personId, t.admittedAt),
    uniqueIndex('hospital_stays_open_key')
      .on(t.personId)
      .where(sql`${t.dischargedAt} is null`),
  ],
);

/** The life of an alert: open → acknowledged → resolved, or cleared when its condition ends. */
export const ALERT_STATES = ['open', 'acknowledged', 'resolved', 'cleared'] as const;

/**
 * A pathway-break alert (decision 024), raised by a rule of alert-rules.ts for a source row (the
 * person, a stay, a plan, a case manager). At most one standing (open or acknowledged) alert a
 * kind and source; `episode` tells one occurrence of the condition from the next, so that a
 * resolved alert is not raised again while the same occurrence lasts.
 */
export const alerts = pgTable(
  'alerts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Null only for an alert about no one person (a caseload over its cap). */
    personId: uuid('person_id').references(() => persons.id),
    kind: text('kind').notNull(),
    /** Who answers for it; null: the coordination team. */
    ownerUserId: uuid('owner_user_id').references(() => users.id),
    sourceTable: text('source_table').notNull(),
    sourceId: text('source_id').notNull(),
    episode: text('episode').notNull(),
    raisedAt: timestamp('raised_at', { withTimezone: true }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }),
    state: text('state', { enum: ALERT_STATES }).notNull().default('open'),
    /** A few ids, counts or dates (never free text). */
    data: jsonb('data').$type<Record<string, string | number | boolean | null>>().notNull(),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    acknowledgedByUserId: uuid('acknowledged_by_user_id').references(() => users.id),
    acknowledgeNote: text('acknowledge_note'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolvedByUserId: uuid('resolved_by_user_id').references(() => users.id),
    resolveNote: text('resolve_note'),
    clearedAt: timestamp('cleared_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('alerts_standing_key')
      .on(t.kind, t.sourceTable, t.sourceId)
      .where(sql`${t.state} in ('open', 'acknowledged')`),
    index('alerts_source_episode_idx').on(t.kind, t.sourceTable, t.sourceId, t.episode),
    index('alerts_owner_state_idx').on(t.ownerUserId, t.state),
    index('alerts_person_state_idx').on(t.personId, t.state),
  ],
);
