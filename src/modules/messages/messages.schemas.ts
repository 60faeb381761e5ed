import { z } from 'zod';
import { ZAttachment, ZUploads } from '../attachments/attachments.schemas.js';

export const ZConversationId = z.object({ conversationId: z.uuid() });

export const ZCreateConversation = z.object({
  kind: z.enum(['direct', 'group']),
  title: z.string().trim().max(120).optional().describe("A group's name (required for a group)"),
  personId: z
    .uuid()
    .optional()
    .describe("The person it is about: then every participant must be in that person's care team"),
  participantUserIds: z
    .array(z.uuid())
    .min(1)
    .max(50)
    .describe('The other participants (accounts); the author is added'),
});

export const ZAddParticipants = z.object({ userIds: z.array(z.uuid()).min(1).max(50) });

export const ZPostMessage = z.object({
  body: z.string().trim().min(1).max(5000),
  mentionUserIds: z
    .array(z.uuid())
    .max(50)
    .optional()
    .describe('Participants chosen in the UI; @Name in the text is also recognised'),
  attachments: ZUploads(),
});

export const ZMessageAttachmentIds = z.object({
  conversationId: z.uuid(),
  attachmentId: z.uuid(),
});

export const ZMessagesQuery = z.object({
  before: z
    .uuid()
    .optional()
    .describe('The cursor: messages older than this one (nextCursor of the previous page)'),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

export const ZCandidatesQuery = z.object({
  q: z.string().trim().min(2).max(80).describe('Part of a name'),
});

const ZPersonRef = z.object({ id: z.uuid(), name: z.string() });

export const ZInboxItem = z.object({
  id: z.uuid(),
  kind: z.enum(['direct', 'group']),
  title: z.string().nullable(),
  person: ZPersonRef.nullable(),
  others: z.string().describe('The other participants, by name'),
  lastMessage: z
    .object({ body: z.string(), authorName: z.string(), at: z.iso.datetime() })
    .nullable(),
  lastActivityAt: z.iso.datetime(),
  unread: z.number().int(),
});

export const ZInbox = z.object({
  items: z.array(ZInboxItem),
  unread: z.number().int().describe('Unread messages in all conversations, for the badge'),
});

export const ZUnread = z.object({
  total: z.number().int(),
  conversations: z.number().int().describe('Conversations with something unread'),
});

export const ZParticipant = z.object({
  userId: z.uuid(),
  name: z.string(),
  lastReadAt: z.iso.datetime().nullable(),
  hasAccess: z.boolean().describe('False when they left the care team of the person'),
});

export const ZConversation = z.object({
  id: z.uuid(),
  kind: z.enum(['direct', 'group']),
  title: z.string().nullable(),
  person: ZPersonRef.nullable(),
  participants: z.array(ZParticipant),
  unread: z.number().int(),
  createdAt: z.iso.datetime(),
});

export const ZMessage = z.object({
  id: z.uuid(),
  authorUserId: z.uuid(),
  authorName: z.string(),
  body: z.string(),
  mentions: z.array(z.uuid()),
  attachments: z.array(ZAttachment),
  createdAt: z.iso.datetime(),
});

export const ZMessagePage = z.object({
  items: z.array(ZMessage),
  nextCursor: z.uuid().nullable().describe('Pass as `before` for the next page'),
});

export const ZAccount = z.object({
  userId: z.uuid(),
  name: z.string(),
  role: z.string().describe('Account role, or care-team role code for a team'),
});

export const ZAccountList = z.object({ items: z.array(ZAccount) });

export type TInbox = z.infer<typeof ZInbox>;
export type TConversation = z.infer<typeof ZConversation>;
export type TMessage = z.infer<typeof ZMessage>;
