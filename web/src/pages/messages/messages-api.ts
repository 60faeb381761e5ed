/**
 * The secure messages' calls (decision 022), typed from the server's zod schemas like the rest of
 * the client (web/src/api.ts), kept beside their screens.
 */
import type { z } from 'zod';
import type * as schemas from '../../../../src/modules/messages/messages.schemas';
import { request } from '../../api';

export type Inbox = z.output<typeof schemas.ZInbox>;
export type InboxItem = Inbox['items'][number];
export type Unread = z.output<typeof schemas.ZUnread>;
export type Conversation = z.output<typeof schemas.ZConversation>;
export type Message = z.output<typeof schemas.ZMessage>;
export type MessagePage = z.output<typeof schemas.ZMessagePage>;
export type Account = z.output<typeof schemas.ZAccount>;
export type NewConversation = z.input<typeof schemas.ZCreateConversation>;

const one = (id: string) => `/api/conversations/${encodeURIComponent(id)}`;

export const messagesApi = {
  inbox: () => request<Inbox>('GET', '/api/conversations'),
  unread: () => request<Unread>('GET', '/api/conversations/unread'),
  candidates: (q: string) =>
    request<{ items: Account[] }>(
      'GET',
      `/api/conversations/candidates?q=${encodeURIComponent(q)}`,
    ),
  personTeam: (personId: string) =>
    request<{ items: Account[] }>(
      'GET',
      `/api/persons/${encodeURIComponent(personId)}/conversation-team`,
    ),
  create: (body: NewConversation) => request<Conversation>('POST', '/api/conversations', body),
  get: (id: string) => request<Conversation>('GET', one(id)),
  messages: (id: string, before?: string) =>
    request<MessagePage>(
      'GET',
      `${one(id)}/messages?limit=30${before ? `&before=${encodeURIComponent(before)}` : ''}`,
    ),
  post: (id: string, body: z.input<typeof schemas.ZPostMessage>) =>
    request<Message>('POST', `${one(id)}/messages`, body),
  fileUrl: (id: string, attachmentId: string) =>
    `${one(id)}/attachments/${encodeURIComponent(attachmentId)}`,
  read: (id: string) => request<Unread>('POST', `${one(id)}/read`),
  addParticipants: (id: string, userIds: string[]) =>
    request<Conversation>('POST', `${one(id)}/participants`, { userIds }),
};
