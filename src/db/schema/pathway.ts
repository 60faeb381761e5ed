import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './accounts.js';
import { members } from './directory.js';
import { persons } from './persons.js';
import { supportRequests } from './requests.js';

/** The states of a pathway (decision 016); the allowed moves are in pathway.states.ts. */
export const PATHWAY_STATES = ['requested', 'assessing', 'active', 'suspended', 'closed'] as const;
/** Why a pathway was closed (decision 016). */
export const CLOSE_REASONS = [
  'goals_met',
  'moved_away',
  'nursing_home',
  'died',
  'declined',
  'transferred',
] as const;

/**
 * A person's pathway (parcours): opened when a request is accepted, in the 'assessing' state with
 * the member who assesses, then moved through its states (decision 016). The columns hold the
 * current state; its history is the pathway events ('pathway.transition').
 */
export const pathways = pgTable(
  'pathways',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    state: text('state', { enum: PATHWAY_STATES }).notNull().default('assessing'),
    assessorMemberId: uuid('assessor_member_id').references(() => members.id),
    supportRequestId: uuid('support_request_id').references(() => supportRequests.id),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
    openedByUserId: uuid('opened_by_user_id').references(() => users.id),
    /** Optimistic concurrency: a transition names the version it read. */
    version: integer('version').notNull().default(1),
    /** When the current state began, who moved it there, and why. */
    stateSince: timestamp('state_since', { withTimezone: true }).notNull().defaultNow(),
    stateByUserId: uuid('state_by_user_id').references(() => users.id),
    stateReason: text('state_reason'),
    /** Suspended: the expected end of the suspension (e.g. a long hospital stay). */
    expectedEnd: date('expected_end', { mode: 'string' }),
    /** Closed: why, from CLOSE_REASONS. */
    closeReason: text('close_reason', { enum: CLOSE_REASONS }),
    /** Active: the integration level in force when it became active. */
    level: text('level', { enum: ['liaison', 'coordination', 'integration'] }),
    /** At the liaison level, a referent professional (a care-team member) may stand in for a case manager. */
    referentMemberId: uuid('referent_member_id').references(() => members.id),
  },
  (t) => [
    uniqueIndex('pathways_person_key').on(t.personId),
    index('pathways_state_idx').on(t.state),
    // A referent's list of the people they answer for (decision 027): only named referents.
    index('pathways_referent_idx')
      .on(t.referentMemberId)
      .where(sql`${t.referentMemberId} IS NOT NULL`),
  ],
);

/**
 * One typed row per change to a person's pathway, written in the transaction of the change
 * (docs: pathway-design.md): the timeline, alerts, notifications and indicators read this.
 */
export const pathwayEvents = pgTable(
  'pathway_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** Null only for a request about a person not yet in the network (until accepted). */
    personId: uuid('person_id').references(() => persons.id),
    kind: text('kind').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid('actor_user_id').references(() => users.id),
    category: text('category', {
      enum: ['identity', 'medical', 'social', 'administrative'],
    }).notNull(),
    /** The source row: its table and id. */
    sourceTable: text('source_table').notNull(),
    sourceId: text('source_id').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    // The timeline: one person's events, newest first, paged by (at, id) (decision 018).
    index('pathway_events_person_at_idx').on(t.personId, t.at, t.id),
    index('pathway_events_source_idx').on(t.sourceTable, t.sourceId),
    // The level in force: each person's latest level event in one probe, not a read of their
    // whole timeline (caseload, board; issue 14). Same kinds as LEVEL_EVENT_SQL.
    index('pathway_events_level_idx')
      .on(t.personId, t.at, t.id)
      .where(sql`kind IN ('level.computed', 'level.overridden', 'level.override_removed')`),
  ],
);

/**
 * Each person's level in force — their latest level event by (at, id) — kept by database triggers
 * on pathway_events (migration caseload_levels, decision 026), never written by the application:
 * the workload board counts every managed person's level by joining it (one row a person) instead
 * of probing each person's timeline. `level` is null when the latest event names none.
 */
export const personLevels = pgTable('person_levels', {
  personId: uuid('person_id')
    .primaryKey()
    .references(() => persons.id, { onDelete: 'cascade' }),
  level: text('level'),
  at: timestamp('at', { withTimezone: true }).notNull(),
  eventId: bigint('event_id', { mode: 'number' }).notNull(),
});

/** A case manager's own cap on their caseload, over the network's caseload_cap (decision 016). */
export const caseloadCaps = pgTable('caseload_caps', {
  memberId: uuid('member_id')
    .primaryKey()
    .references(() => members.id),
  cap: integer('cap').notNull(),
  setByUserId: uuid('set_by_user_id').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The history of who answers for a person and of their pathway's states: each transition, each
 * case-manager assignment or handover, each referent named, with who, when and why in words
 * (the pathway events point here and carry no free text). Kept for ever; moves with a merge.
 */
export const pathwayHistory = pgTable(
  'pathway_history',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    /** transition / case_manager / referent */
    kind: text('kind', { enum: ['transition', 'case_manager', 'referent'] }).notNull(),
    fromState: text('from_state', { enum: PATHWAY_STATES }),
    toState: text('to_state', { enum: PATHWAY_STATES }),
    fromMemberId: uuid('from_member_id').references(() => members.id),
    toMemberId: uuid('to_member_id').references(() => members.id),
    reason: text('reason'),
    expectedEnd: date('expected_end', { mode: 'string' }),
    closeReason: text('close_reason', { enum: CLOSE_REASONS }),
    level: text('level', { enum: ['liaison', 'coordination', 'integration'] }),
    /** A case manager given more people than their cap by the coordination team. */
    forced: boolean('forced').notNull().default(false),
    byUserId: uuid('by_user_id').references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('pathway_history_person_at_idx').on(t.personId, t.at)],
);
