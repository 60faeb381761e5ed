import { sql } from 'drizzle-orm';
import { index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.js';
import { persons } from './persons.js';

/**
 * Secure messages (decision 022): a conversation between network members, direct (two) or a named
 * group, optionally about a person — then only that person's care team may be in it, decided by
 * the guard (decideConversationAccess) at every read and write.
 */
export const conversations = pgTable(
  'conversations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: ['direct', 'group'] }).notNull(),
    /** A group's name (null for a direct conversation). */
    title: text('title'),
    /** The person the conversation is about, if any: its reads and writes are then audited. */
    personId: uuid('person_id').references(() => persons.id),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** The newest message's time (or the creation), kept with each message: the inbox's order. */
    lastMessageAt: timestamp('last_message_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('conversations_person_idx')
      .on(t.personId)
      .where(sql`${t.personId} is not null`),
  ],
);

/** Who is in a conversation, and how far they have read it (their read marker). */
export const conversationParticipants = pgTable(
  'conversation_participants',
  {
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow(),
    /** Messages after this time (by others) are unread; null: nothing read yet. */
    lastReadAt: timestamp('last_read_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.conversationId, t.userId] }),
    // The inbox: a user's conversations.
    index('conversation_participants_user_idx').on(t.userId, t.conversationId),
  ],
);

/** One message: never edited in place (no update route); text and the participants it mentions. */
export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id),
    authorUserId: uuid('author_user_id')
      .notNull()
      .references(() => users.id),
    body: text('body').notNull(),
    /** The users mentioned (participants only), resolved when posted. */
    mentions: uuid('mentions')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // A conversation's messages newest first, keyset-paged on (created_at, id); unread counts.
    index('messages_conversation_created_idx').on(t.conversationId, t.createdAt, t.id),
  ],
);
