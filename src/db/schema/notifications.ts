import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
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
