import type { TDb } from '../../db/client.js';
import type { TActor, TContext, TRole } from '../../server/context.js';
import { AppError, fieldError, notFound } from '../../server/errors.js';
import type { TMessageKey } from '../../server/messages.js';
import { withAuditedRead, withTransaction } from '../../server/transaction.js';
import {
  decideConversationAccess,
  mayUseMessages,
  type TAccessDecision,
} from '../access/access.policy.js';
import {
  accessFactsOf,
  factsParams,
  loadAccessFacts,
  type TFactsRow,
} from '../access/access.repository.js';
import { auditPersonDecisions, requireConversationAccess } from '../access/access.service.js';
import { checkUploads, insertAttachments, type TUpload } from '../attachments/attachments.js';
import { insertNotification } from '../notifications/notifications.repository.js';
import {
  findAccounts,
  findConversation,
  findDirect,
  findPersonName,
  hasUnreadNotification,
  findMessageAttachment,
  insertConversation,
  insertMessage,
  insertParticipants,
  listInbox,
  listMessages,
  listParticipants,
  listTeamAccounts,
  listUnread,
  markNotificationsRead,
  markRead,
  searchAccounts,
  unreadOf,
  type TConversationRow,
} from './messages.repository.js';
import type { TConversation, TInbox, TMessage } from './messages.schemas.js';

/** Where the web app opens a conversation (the link of its notifications). */
export const conversationLink = (id: string) => `/messages/${id}`;

/** Messages are for network members: a role that writes them and a directory profile. */
function requireMember(ctx: TContext): void {
  if (!mayUseMessages(ctx.actor.role) || !ctx.actor.memberId) {
    throw new AppError('forbidden', 'messages.no_member_profile');
  }
}

/** An account seen as the guard sees an actor: its own facts on the person. */
type TAccount = { id: string; role: TRole; memberId: string | null; displayName: string };
function asActor(account: TAccount): TActor {
  return {
    userId: account.id,
    role: account.role,
    memberId: account.memberId,
    personId: null,
    email: '',
    displayName: account.displayName,
    locale: 'fr',
  };
}

/** decideConversationAccess for another account (a participant, or one being added). */
async function decideFor(tx: TDb, account: TAccount, personId: string): Promise<TAccessDecision> {
  const facts = await loadAccessFacts(tx, asActor(account), personId);
  return facts
    ? decideConversationAccess(facts)
    : { allowed: false, reason: 'no such person', viaBreakGlass: false };
}

/** The message key telling why an account cannot be in a conversation about the person. */
function refusalKey(decision: TAccessDecision): TMessageKey {
  if (decision.reason.includes('objects')) return 'messages.objected';
  if (decision.reason.includes('no longer')) return 'messages.former_member';
  if (decision.reason.includes('network members')) return 'messages.not_member_account';
  return 'messages.not_in_team';
}

/**
 * Checks every account to be added: an active network member account, and — for a conversation
 * about a person — one the guard lets in (case manager or active care-team member, no objection).
 * The first refusal answers 422 naming who and why; nothing is written.
 */
async function checkNewParticipants(
  tx: TDb,
  userIds: string[],
  personId: string | null,
  field: string,
): Promise<void> {
  const accounts = await findAccounts(tx, userIds);
  const byId = new Map(accounts.map((account) => [account.id, account]));
  const personName = personId ? await findPersonName(tx, personId) : '';
  for (const userId of userIds) {
    const account = byId.get(userId);
    const refuse = (key: TMessageKey, name: string) =>
      new AppError(
        'unprocessable',
        key,
        { name, person: personName },
        { fields: [{ field, message: key }], userId },
      );
    if (
      !account ||
      account.status !== 'active' ||
      !account.memberId ||
      !mayUseMessages(account.role)
    ) {
      throw refuse('messages.not_member_account', account?.displayName ?? userId);
    }
    if (personId) {
      const decision = await decideFor(tx, account, personId);
      if (!decision.allowed) throw refuse(refusalKey(decision), account.displayName);
    }
  }
}

type TOpened = {
  conversation: TConversationRow;
  participants: Awaited<ReturnType<typeof listParticipants>>;
};

/**
 * Opens a conversation for the actor: a participant only (others: 404). About a person, the
 * guard decides on the actor's facts now and audits the decision either way (a participant who
 * left the person's care team meets a 404, audited).
 */
async function openConversation(
  ctx: TContext,
  tx: TDb,
  conversationId: string,
  access: { action: 'read' | 'write'; auditAction: string },
): Promise<TOpened> {
  const conversation = await findConversation(tx, conversationId);
  if (!conversation) throw notFound('conversation');
  const participants = await listParticipants(tx, conversationId);
  const participant = participants.some((p) => p.userId === ctx.actor.userId);
  if (conversation.personId) {
    await requireConversationAccess(ctx, tx, {
      personId: conversation.personId,
      action: access.action,
      category: 'social',
      auditAction: access.auditAction,
      resourceType: 'conversation',
      resourceId: conversationId,
      participant,
    });
  } else if (!participant) {
    throw notFound('conversation');
  }
  return { conversation, participants };
}

/** Which participants may still read a conversation (all, unless it is about a person). */
async function accessOf(tx: TDb, opened: TOpened): Promise<Map<string, boolean>> {
  const access = new Map<string, boolean>();
  const personId = opened.conversation.personId;
  for (const p of opened.participants) {
    access.set(
      p.userId,
      personId
        ? (await decideFor(tx, { ...p, id: p.userId, role: p.role }, personId)).allowed
        : p.status !== 'disabled',
    );
  }
  return access;
}

async function conversationView(ctx: TContext, tx: TDb, opened: TOpened): Promise<TConversation> {
  const { conversation, participants } = opened;
  const access = await accessOf(tx, opened);
  return {
    id: conversation.id,
    kind: conversation.kind,
    title: conversation.title,
    person: conversation.personId
      ? { id: conversation.personId, name: await findPersonName(tx, conversation.personId) }
      : null,
    participants: participants.map((p) => ({
      userId: p.userId,
      name: p.displayName,
      lastReadAt: p.lastReadAt?.toISOString() ?? null,
      hasAccess: access.get(p.userId) ?? false,
    })),
    unread: await unreadOf(tx, conversation.id, ctx.actor.userId),
    createdAt: conversation.createdAt.toISOString(),
  };
}

const personDecision = (actor: TActor, row: TFactsRow) =>
  decideConversationAccess(accessFactsOf(actor, row));

/**
 * The inbox in one statement; each conversation about a person is decided by the guard from
 * that statement's facts and audited (allowed or not), and the refused ones are left out.
 */
export function getInbox(ctx: TContext): Promise<TInbox> {
  requireMember(ctx);
  return withAuditedRead(ctx.db, async (read) => {
    const rows = await listInbox(read, factsParams(ctx.actor, new Date()), 200);
    const decided = rows.map((row) => ({
      row,
      decision: row.person_id ? personDecision(ctx.actor, row) : null,
    }));
    await auditPersonDecisions(
      ctx,
      read,
      decided.flatMap(({ row, decision }) =>
        row.person_id && decision
          ? [{ personId: row.person_id, facts: accessFactsOf(ctx.actor, row), decision }]
          : [],
      ),
      {
        action: 'read',
        category: 'social',
        auditAction: 'conversation.list',
        resourceType: 'conversation',
      },
    );
    const items = decided
      .filter(({ decision }) => decision === null || decision.allowed)
      .map(({ row }) => ({
        id: row.id,
        kind: row.kind,
        title: row.title,
        person: row.person_id
          ? {
              id: row.person_id,
              name: `${row.person_first_name ?? ''} ${row.person_last_name ?? ''}`.trim(),
            }
          : null,
        others: row.others ?? '',
        lastMessage:
          row.last_at && row.last_body !== null
            ? {
                body: row.last_body,
                authorName: row.last_author ?? '',
                at: row.last_at.toISOString(),
              }
            : null,
        lastActivityAt: row.last_message_at.toISOString(),
        unread: row.unread,
      }));
    return { items, unread: items.reduce((sum, item) => sum + item.unread, 0) };
  });
}

/**
 * The badge: unread messages in the conversations the actor may still read (same decision, not
 * audited: a count tells nothing of a person or of a message).
 */
export async function getUnread(ctx: TContext) {
  requireMember(ctx);
  const rows = await listUnread(ctx.db, factsParams(ctx.actor, new Date()));
  const counted = rows.filter(
    (row) => row.unread > 0 && (!row.person_id || personDecision(ctx.actor, row).allowed),
  );
  return {
    total: counted.reduce((sum, row) => sum + row.unread, 0),
    conversations: counted.length,
  };
}

/** Starts a conversation (or gives back the direct one that already exists between the two). */
export function createConversation(
  ctx: TContext,
  input: {
    kind: 'direct' | 'group';
    title?: string | undefined;
    personId?: string | undefined;
    participantUserIds: string[];
  },
) {
  requireMember(ctx);
  return withTransaction(ctx.db, async (tx) => {
    const others = [...new Set(input.participantUserIds)].filter((id) => id !== ctx.actor.userId);
    if (input.kind === 'direct' && others.length !== 1) {
      throw fieldError('participantUserIds', 'messages.direct_one_other');
    }
    if (input.kind === 'group' && !input.title)
      throw fieldError('title', 'messages.title_required');
    if (others.length === 0) throw fieldError('participantUserIds', 'messages.direct_one_other');
    const personId = input.personId ?? null;
    if (personId) {
      await requireConversationAccess(ctx, tx, {
        personId,
        action: 'write',
        category: 'social',
        auditAction: 'conversation.create',
        resourceType: 'conversation',
        participant: true,
      });
    }
    await checkNewParticipants(tx, others, personId, 'participantUserIds');
    const existing =
      input.kind === 'direct'
        ? await findDirect(tx, ctx.actor.userId, others[0]!, personId)
        : undefined;
    let id = existing?.id;
    if (!id) {
      const conversation = await insertConversation(tx, {
        kind: input.kind,
        title: input.kind === 'group' ? (input.title ?? null) : null,
        personId,
        createdBy: ctx.actor.userId,
      });
      id = conversation.id;
      await insertParticipants(tx, id, [ctx.actor.userId, ...others]);
    }
    const conversation = (await findConversation(tx, id))!;
    return conversationView(ctx, tx, {
      conversation,
      participants: await listParticipants(tx, id),
    });
  });
}

/** One conversation: its participants (and who still has access), the actor's unread count. */
export function getConversation(ctx: TContext, options: { conversationId: string }) {
  return withTransaction(ctx.db, async (tx) => {
    const opened = await openConversation(ctx, tx, options.conversationId, {
      action: 'read',
      auditAction: 'conversation.read',
    });
    return conversationView(ctx, tx, opened);
  });
}

/** A page of messages, newest first; `nextCursor` pages on to older ones. */
export function getMessages(
  ctx: TContext,
  options: { conversationId: string; before?: string | undefined; limit: number },
) {
  return withTransaction(ctx.db, async (tx) => {
    await openConversation(ctx, tx, options.conversationId, {
      action: 'read',
      auditAction: 'conversation.messages',
    });
    const rows = await listMessages(tx, { ...options, limit: options.limit + 1 });
    const page = rows.slice(0, options.limit);
    return {
      items: page.map((row): TMessage => ({
        id: row.id,
        authorUserId: row.author_user_id,
        authorName: row.author_name,
        body: row.body,
        mentions: row.mentions,
        attachments: row.files,
        createdAt: row.created_at.toISOString(),
      })),
      nextCursor: rows.length > options.limit ? (page.at(-1)?.id ?? null) : null,
    };
  });
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The participants named as @Display Name in the text (case and accents as typed). */
export function mentionedIn(body: string, participants: { userId: string; name: string }[]) {
  return participants
    .filter(({ name }) =>
      new RegExp(`(^|[^\\p{L}\\p{N}])@${escapeRegExp(name)}(?![\\p{L}\\p{N}])`, 'iu').test(body),
    )
    .map(({ userId }) => userId);
}

/**
 * Posts a message. Mentions are participants only (chosen ones that are not: 422; @Names in the
 * text match participants only). Each other participant who may still read the conversation is
 * told once per conversation until they read it (`message.new`), a mentioned one by
 * `message.mention` for each mention instead.
 */
export function postMessage(
  ctx: TContext,
  input: {
    conversationId: string;
    body: string;
    mentionUserIds?: string[] | undefined;
    attachments?: TUpload[] | undefined;
  },
) {
  return withTransaction(ctx.db, async (tx) => {
    const opened = await openConversation(ctx, tx, input.conversationId, {
      action: 'write',
      auditAction: 'message.post',
    });
    const others = opened.participants.filter((p) => p.userId !== ctx.actor.userId);
    const otherIds = new Set(others.map((p) => p.userId));
    const chosen = [...new Set(input.mentionUserIds ?? [])].filter((id) => id !== ctx.actor.userId);
    if (chosen.some((id) => !otherIds.has(id))) {
      throw fieldError('mentionUserIds', 'messages.mention_not_participant');
    }
    const mentions = [
      ...new Set([
        ...chosen,
        ...mentionedIn(
          input.body,
          others.map((p) => ({ userId: p.userId, name: p.displayName })),
        ),
      ]),
    ];
    const message = await insertMessage(tx, {
      conversationId: input.conversationId,
      authorUserId: ctx.actor.userId,
      body: input.body,
      mentions,
    });
    // Every file is checked before anything is written (decision 021): one bad file, none kept.
    const files = await checkUploads(input.attachments ?? []);
    const stored = await insertAttachments(
      tx,
      {
        personId: opened.conversation.personId,
        table: 'messages',
        id: message.id,
        userId: ctx.actor.userId,
      },
      files,
    );
    await markRead(tx, input.conversationId, ctx.actor.userId);
    const access = await accessOf(tx, opened);
    const link = conversationLink(input.conversationId);
    const personId = opened.conversation.personId;
    for (const p of others) {
      if (!access.get(p.userId)) continue;
      if (mentions.includes(p.userId)) {
        await insertNotification(tx, { userId: p.userId, kind: 'message.mention', personId, link });
      } else if (!(await hasUnreadNotification(tx, p.userId, 'message.new', link))) {
        await insertNotification(tx, { userId: p.userId, kind: 'message.new', personId, link });
      }
    }
    return {
      id: message.id,
      authorUserId: message.authorUserId,
      authorName: ctx.actor.displayName,
      body: message.body,
      mentions: message.mentions,
      attachments: stored,
      createdAt: message.createdAt.toISOString(),
    };
  });
}

/**
 * A file of a message, for a participant who may still read the conversation (the guard decides
 * again for a conversation about a person, audited either way); 404 for anyone else.
 */
export function getMessageAttachment(
  ctx: TContext,
  options: { conversationId: string; attachmentId: string },
) {
  return withTransaction(ctx.db, async (tx) => {
    await openConversation(ctx, tx, options.conversationId, {
      action: 'read',
      auditAction: 'message.attachment_download',
    });
    const file = await findMessageAttachment(tx, options.conversationId, options.attachmentId);
    if (!file) throw notFound('attachment');
    return file;
  });
}

/** Moves the actor's read marker to the newest message; their notifications of it are read. */
export async function readConversation(ctx: TContext, options: { conversationId: string }) {
  await withTransaction(ctx.db, async (tx) => {
    await openConversation(ctx, tx, options.conversationId, {
      action: 'read',
      auditAction: 'conversation.mark_read',
    });
    await markRead(tx, options.conversationId, ctx.actor.userId);
    await markNotificationsRead(tx, ctx.actor.userId, conversationLink(options.conversationId));
  });
  return mayUseMessages(ctx.actor.role) && ctx.actor.memberId
    ? getUnread(ctx)
    : { total: 0, conversations: 0 };
}

/** Adds participants to a group (one already in stays as is); a direct conversation stays two. */
export function addParticipants(
  ctx: TContext,
  input: { conversationId: string; userIds: string[] },
) {
  return withTransaction(ctx.db, async (tx) => {
    const opened = await openConversation(ctx, tx, input.conversationId, {
      action: 'write',
      auditAction: 'conversation.participants.add',
    });
    const present = new Set(opened.participants.map((p) => p.userId));
    const added = [...new Set(input.userIds)].filter((id) => !present.has(id));
    if (added.length && opened.conversation.kind === 'direct') {
      throw fieldError('userIds', 'messages.direct_closed');
    }
    await checkNewParticipants(tx, added, opened.conversation.personId, 'userIds');
    await insertParticipants(tx, input.conversationId, added);
    return conversationView(ctx, tx, {
      conversation: opened.conversation,
      participants: await listParticipants(tx, input.conversationId),
    });
  });
}

/** Network member accounts by name, to pick participants. */
export async function searchCandidates(ctx: TContext, options: { q: string }) {
  requireMember(ctx);
  const rows = await searchAccounts(ctx.db, options.q, ctx.actor.userId);
  return { items: rows.map((row) => ({ userId: row.id, name: row.displayName, role: row.role })) };
}

/**
 * The accounts of a person's team (case manager first), to open a conversation about them
 * with the team pre-filled: for those who may be in such a conversation (guarded, audited).
 */
export function getPersonTeamAccounts(ctx: TContext, options: { personId: string }) {
  return withTransaction(ctx.db, async (tx) => {
    await requireConversationAccess(ctx, tx, {
      personId: options.personId,
      action: 'read',
      category: 'social',
      auditAction: 'conversation.team',
      resourceType: 'person',
      participant: true,
    });
    const rows = await listTeamAccounts(tx, options.personId);
    return {
      items: rows
        .filter((row) => row.id !== ctx.actor.userId)
        .map((row) => ({ userId: row.id, name: row.display_name, role: row.team_role })),
    };
  });
}
