import { and, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { TDb } from '../../db/client.js';
import { DOWNLOAD_COLUMNS } from '../attachments/attachments.js';
import { runStatement, statement } from '../../db/statements.js';
import {
  attachments,
  conversationParticipants,
  conversations,
  messages,
  notifications,
  persons,
  users,
} from '../../db/schema/index.js';
import { ACCESS_FACT_COLUMNS, type TFactsRow } from '../access/access.repository.js';

export type TConversationRow = typeof conversations.$inferSelect;

/** One row of the inbox: a conversation with its last message, unread count and access facts. */
export type TInboxRow = TFactsRow & {
  id: string;
  kind: 'direct' | 'group';
  title: string | null;
  last_message_at: Date;
  person_first_name: string | null;
  person_last_name: string | null;
  last_body: string | null;
  last_author: string | null;
  last_at: Date | null;
  others: string | null;
  unread: number;
};

/**
 * The inbox in ONE statement (decision 022): the actor's conversations, newest activity first,
 * each with its last message (a lateral index probe), the count of messages by others after the
 * actor's read marker, the other participants' names, and — for a conversation about a person —
 * the actor's access facts on that person, so the guard decides each row from the same snapshot.
 * $1 user, $2 member, $3 now (factsParams), $4 limit.
 */
const INBOX = statement(
  'messages_inbox',
  `SELECT c.id, c.kind, c.title, c.last_message_at,
     p.first_name AS person_first_name, p.last_name AS person_last_name,
     lm.body AS last_body, lm.created_at AS last_at, lu.display_name AS last_author,
     (SELECT string_agg(u.display_name, ', ' ORDER BY u.display_name)
        FROM conversation_participants op JOIN users u ON u.id = op.user_id
        WHERE op.conversation_id = c.id AND op.user_id <> $1::uuid) AS others,
     (SELECT count(*)::int FROM messages m
        WHERE m.conversation_id = c.id AND m.author_user_id <> $1::uuid
          AND (pp.last_read_at IS NULL OR m.created_at > pp.last_read_at)) AS unread,
     ${ACCESS_FACT_COLUMNS}
   FROM conversation_participants pp
   JOIN conversations c ON c.id = pp.conversation_id
   LEFT JOIN persons p ON p.id = c.person_id
   LEFT JOIN LATERAL (
     SELECT m.body, m.created_at, m.author_user_id FROM messages m
     WHERE m.conversation_id = c.id ORDER BY m.created_at DESC, m.id DESC LIMIT 1
   ) lm ON true
   LEFT JOIN users lu ON lu.id = lm.author_user_id
   WHERE pp.user_id = $1::uuid
   ORDER BY c.last_message_at DESC, c.id DESC
   LIMIT $4`,
);

/** The actor's inbox rows (the caller decides and audits the person-linked ones). */
export function listInbox(db: TDb, params: [string, string | null, Date], limit: number) {
  return runStatement<TInboxRow>(db, INBOX, [...params, limit]);
}

/** Unread counts only, with the same facts: the badge (no content, nothing of the person). */
const UNREAD = statement(
  'messages_unread',
  `SELECT c.id,
     (SELECT count(*)::int FROM messages m
        WHERE m.conversation_id = c.id AND m.author_user_id <> $1::uuid
          AND (pp.last_read_at IS NULL OR m.created_at > pp.last_read_at)) AS unread,
     ${ACCESS_FACT_COLUMNS}
   FROM conversation_participants pp
   JOIN conversations c ON c.id = pp.conversation_id
   LEFT JOIN persons p ON p.id = c.person_id
   WHERE pp.user_id = $1::uuid AND c.last_message_at > COALESCE(pp.last_read_at, '-infinity')`,
);

export function listUnread(db: TDb, params: [string, string | null, Date]) {
  return runStatement<TFactsRow & { id: string; unread: number }>(db, UNREAD, params);
}

export async function findConversation(db: TDb, id: string) {
  const [row] = await db.select().from(conversations).where(eq(conversations.id, id));
  return row;
}

/** The participants of a conversation with their account, newest read marker included. */
export function listParticipants(db: TDb, conversationId: string) {
  return db
    .select({
      userId: conversationParticipants.userId,
      lastReadAt: conversationParticipants.lastReadAt,
      displayName: users.displayName,
      role: users.role,
      memberId: users.memberId,
      status: users.status,
    })
    .from(conversationParticipants)
    .innerJoin(users, eq(users.id, conversationParticipants.userId))
    .where(eq(conversationParticipants.conversationId, conversationId))
    .orderBy(users.displayName);
}

/** Accounts by id, to check who is added (active network member accounts only pass). */
export function findAccounts(db: TDb, ids: string[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .select({
      id: users.id,
      displayName: users.displayName,
      role: users.role,
      memberId: users.memberId,
      status: users.status,
      email: users.email,
      locale: users.locale,
    })
    .from(users)
    .where(inArray(users.id, ids));
}

export async function insertConversation(db: TDb, values: typeof conversations.$inferInsert) {
  const [row] = await db.insert(conversations).values(values).returning();
  return row!;
}

/** Adds participants; one already in is left as is. */
export async function insertParticipants(db: TDb, conversationId: string, userIds: string[]) {
  if (!userIds.length) return;
  await db
    .insert(conversationParticipants)
    .values(userIds.map((userId) => ({ conversationId, userId })))
    .onConflictDoNothing();
}

/** An existing direct conversation between two users about nothing (or the same person). */
export async function findDirect(db: TDb, a: string, b: string, personId: string | null) {
  const [row] = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(
      and(
        eq(conversations.kind, 'direct'),
        personId ? eq(conversations.personId, personId) : isNull(conversations.personId),
        sql`(SELECT count(*) FROM conversation_participants cp WHERE cp.conversation_id = ${conversations.id} AND cp.user_id IN (${a}, ${b})) = 2`,
      ),
    )
    .limit(1);
  return row;
}

type TMessageRow = {
  id: string;
  author_user_id: string;
  author_name: string;
  body: string;
  mentions: string[];
  files: { id: string; fileName: string; mimeType: string; size: number }[];
  created_at: Date;
};

const MESSAGE_COLUMNS = `m.id, m.author_user_id, u.display_name AS author_name, m.body, m.mentions, m.created_at,
  (SELECT COALESCE(json_agg(json_build_object('id', a.id, 'fileName', a.file_name,
            'mimeType', a.mime_type, 'size', a.size) ORDER BY a.created_at, a.file_name), '[]')
     FROM attachments a WHERE a.owner_table = 'messages' AND a.owner_id = m.id) AS files`;
const FIRST_PAGE = statement(
  'messages_first_page',
  `SELECT ${MESSAGE_COLUMNS} FROM messages m JOIN users u ON u.id = m.author_user_id
   WHERE m.conversation_id = $1 ORDER BY m.created_at DESC, m.id DESC LIMIT $2`,
);
// The cursor is a message id whose (created_at, id) is read back in SQL: microseconds never pass
// through JavaScript, so ties page without loss or repeat (as the timeline, decision 018).
const NEXT_PAGE = statement(
  'messages_next_page',
  `SELECT ${MESSAGE_COLUMNS} FROM messages m JOIN users u ON u.id = m.author_user_id
   WHERE m.conversation_id = $1
     AND (m.created_at, m.id) < (SELECT c.created_at, c.id FROM messages c
                                 WHERE c.id = $3 AND c.conversation_id = $1)
   ORDER BY m.created_at DESC, m.id DESC LIMIT $2`,
);

/** One page of a conversation's messages, newest first, older than the message `before`. */
export function listMessages(
  db: TDb,
  options: { conversationId: string; before?: string | undefined; limit: number },
) {
  return options.before === undefined
    ? runStatement<TMessageRow>(db, FIRST_PAGE, [options.conversationId, options.limit])
    : runStatement<TMessageRow>(db, NEXT_PAGE, [
        options.conversationId,
        options.limit,
        options.before,
      ]);
}

/** Stores one message (never updated afterwards) and moves the conversation up the inbox. */
export async function insertMessage(
  db: TDb,
  values: { conversationId: string; authorUserId: string; body: string; mentions: string[] },
) {
  const [row] = await db.insert(messages).values(values).returning();
  await db
    .update(conversations)
    .set({ lastMessageAt: row!.createdAt })
    .where(eq(conversations.id, values.conversationId));
  return row!;
}

/** Moves a participant's read marker to the conversation's newest message (never backwards). */
export async function markRead(db: TDb, conversationId: string, userId: string) {
  await db
    .update(conversationParticipants)
    .set({
      lastReadAt: sql`GREATEST(COALESCE(${conversationParticipants.lastReadAt}, '-infinity'),
        (SELECT COALESCE(max(m.created_at), '-infinity') FROM messages m WHERE m.conversation_id = ${conversationId}))`,
    })
    .where(
      and(
        eq(conversationParticipants.conversationId, conversationId),
        eq(conversationParticipants.userId, userId),
      ),
    );
}

/** The unread count of one participant in one conversation. */
export async function unreadOf(db: TDb, conversationId: string, userId: string) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(messages)
    .innerJoin(
      conversationParticipants,
      and(
        eq(conversationParticipants.conversationId, messages.conversationId),
        eq(conversationParticipants.userId, userId),
      ),
    )
    .where(
      and(
        eq(messages.conversationId, conversationId),
        ne(messages.authorUserId, userId),
        sql`(${conversationParticipants.lastReadAt} IS NULL OR ${messages.createdAt} > ${conversationParticipants.lastReadAt})`,
      ),
    );
  return row?.n ?? 0;
}

/** Whether the user already has an unread notification of this kind for this link. */
export async function hasUnreadNotification(db: TDb, userId: string, kind: string, link: string) {
  const [row] = await db
    .select({ id: notifications.id })
    .from(notifications)
    .where(
      and(
        eq(notifications.userId, userId),
        eq(notifications.kind, kind),
        eq(notifications.link, link),
        isNull(notifications.readAt),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/** Marks read the user's notifications that open this conversation (it has been read). */
export async function markNotificationsRead(db: TDb, userId: string, link: string) {
  await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(
      and(
        eq(notifications.userId, userId),
        eq(notifications.link, link),
        isNull(notifications.readAt),
      ),
    );
}

/** Network member accounts whose name matches, for picking participants. */
export function searchAccounts(db: TDb, query: string, excludeUserId: string) {
  const pattern = `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .select({ id: users.id, displayName: users.displayName, role: users.role })
    .from(users)
    .where(
      and(
        sql`${users.displayName} ILIKE ${pattern}`,
        eq(users.status, 'active'),
        sql`${users.memberId} IS NOT NULL`,
        inArray(users.role, ['admin', 'coordinator', 'professional', 'social']),
        ne(users.id, excludeUserId),
      ),
    )
    .orderBy(users.displayName)
    .limit(20);
}

/**
 * The accounts of a person's case manager and active care-team members (the team a conversation
 * about the person is opened with), with their care-team role code.
 */
export async function listTeamAccounts(db: TDb, personId: string) {
  const result = (await db.execute(sql`
    SELECT u.id, u.display_name, u.role AS account_role, t.role AS team_role, t.is_case_manager
    FROM (
      SELECT p.case_manager_id AS member_id, 'case_manager' AS role, true AS is_case_manager
        FROM persons p WHERE p.id = ${personId} AND p.case_manager_id IS NOT NULL
      UNION ALL
      SELECT m.member_id, m.role, false FROM care_team_members m
        WHERE m.person_id = ${personId} AND (m.until IS NULL OR m.until > now())
    ) t
    JOIN users u ON u.member_id = t.member_id AND u.status = 'active'
      AND u.role IN ('admin', 'coordinator', 'professional', 'social')
    ORDER BY t.is_case_manager DESC, u.display_name`)) as {
    rows: {
      id: string;
      display_name: string;
      account_role: string;
      team_role: string;
      is_case_manager: boolean;
    }[];
  };
  const seen = new Set<string>();
  return result.rows.filter((row) => !seen.has(row.id) && seen.add(row.id));
}

/** The person's name, for messages naming who cannot join their conversation. */
export async function findPersonName(db: TDb, personId: string) {
  const [row] = await db
    .select({ firstName: persons.firstName, lastName: persons.lastName })
    .from(persons)
    .where(eq(persons.id, personId));
  return row ? `${row.firstName} ${row.lastName}` : '';
}

/** Moves a duplicate record's conversations to the kept one (person merge, decision 011). */
export async function moveConversations(db: TDb, duplicateId: string, keptId: string) {
  const moved = await db
    .update(conversations)
    .set({ personId: keptId })
    .where(eq(conversations.personId, duplicateId))
    .returning({ id: conversations.id });
  return moved.length;
}

/** A file of one of the conversation's messages (bytes included), or nothing. */
export async function findMessageAttachment(db: TDb, conversationId: string, attachmentId: string) {
  const [row] = await db
    .select(DOWNLOAD_COLUMNS)
    .from(attachments)
    .innerJoin(messages, eq(messages.id, attachments.ownerId))
    .where(
      and(
        eq(attachments.id, attachmentId),
        eq(attachments.ownerTable, 'messages'),
        eq(messages.conversationId, conversationId),
      ),
    );
  return row;
}
