import {
  bigint,
  index,
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

/**
 * A person's pathway (parcours), minimal for now: opened when a request is accepted, in the
 * 'assessing' state with the member who assesses. The case-management issue extends it.
 */
export const pathways = pgTable(
  'pathways',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    state: text('state', { enum: ['assessing'] })
      .notNull()
      .default('assessing'),
    assessorMemberId: uuid('assessor_member_id').references(() => members.id),
    supportRequestId: uuid('support_request_id').references(() => supportRequests.id),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
    openedByUserId: uuid('opened_by_user_id').references(() => users.id),
  },
  (t) => [uniqueIndex('pathways_person_key').on(t.personId)],
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
  ],
);
