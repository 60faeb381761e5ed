import { sql } from 'drizzle-orm';
import {
  boolean,
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
 * In-app notifications (decision 018): one row per user told of something, e.g. they joined a
 * person's care team. It holds no personal data beyond the person's id: the page it links to is
 * read through the guard.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    /** What happened, e.g. 'care_team.joined'. */
    kind: text('kind').notNull(),
    personId: uuid('person_id').references(() => persons.id),
    /** Where the web app opens it (a path of the app, e.g. /persons/…). */
    link: text('link'),
    /** Urgent (an urgent logbook entry…): may be e-mailed at once (decision 025). */
    urgent: boolean('urgent').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    index('notifications_user_created_idx').on(t.userId, t.createdAt),
    index('notifications_user_unread_idx')
      .on(t.userId)
      .where(sql`${t.readAt} is null`),
  ],
);

/**
 * What a member wants to hear of, per family of kinds (decision 025): in the app, by e-mail at
 * once (urgent items only), in the daily digest. No row: the family's defaults.
 */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    /** A family of kinds: care_team, logbook_urgent, messages, referrals, hospital, alerts. */
    family: text('family').notNull(),
    inApp: boolean('in_app').notNull(),
    emailNow: boolean('email_now').notNull(),
    digest: boolean('digest').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.family] })],
);

/**
 * Durable jobs (decision 025): work to run at a time, once, whichever server process takes it.
 * (kind, key) is unique: the daily digest of a given day exists once, so it is sent once.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** What to run, e.g. 'notifications.digest'. */
    kind: text('kind').notNull(),
    /** Which occurrence, e.g. the digest's day '2026-12-05'. */
    key: text('key').notNull(),
    /** Ids and codes only (no personal data). */
    payload: jsonb('payload').notNull().default({}),
    runAt: timestamp('run_at', { withTimezone: true }).notNull(),
    /** A process is running it until then (its lease); another one leaves it alone. */
    claimedUntil: timestamp('claimed_until', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    doneAt: timestamp('done_at', { withTimezone: true }),
    /** Set after too many failures; an admin may look at last_error. */
    gaveUpAt: timestamp('gave_up_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('jobs_kind_key_idx').on(t.kind, t.key),
    index('jobs_due_idx')
      .on(t.runAt)
      .where(sql`${t.doneAt} is null and ${t.gaveUpAt} is null`),
  ],
);
