import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { TAppDeps } from '../../server/app.js';
import { contextOf } from '../../server/auth.plugin.js';
import { sendAttachment } from '../attachments/attachments.routes.js';
import { UPLOAD_BODY_LIMIT } from '../attachments/attachments.schemas.js';
import { ZPersonId } from '../persons/persons.schemas.js';
import {
  ZAccountList,
  ZAddParticipants,
  ZCandidatesQuery,
  ZConversation,
  ZConversationId,
  ZCreateConversation,
  ZInbox,
  ZMessage,
  ZMessageAttachmentIds,
  ZMessagePage,
  ZMessagesQuery,
  ZPostMessage,
  ZUnread,
} from './messages.schemas.js';
import {
  addParticipants,
  createConversation,
  getConversation,
  getInbox,
  getMessageAttachment,
  getMessages,
  getPersonTeamAccounts,
  getUnread,
  postMessage,
  readConversation,
  searchCandidates,
} from './messages.service.js';

/** Secure messages between network members (decision 022). No edit route: a message stays as sent. */
export async function messageRoutes(app: FastifyInstance, deps: TAppDeps): Promise<void> {
  const { db, config } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['messages'];

  r.get(
    '/api/conversations',
    {
      schema: {
        tags,
        summary: 'My inbox: conversations by latest activity, last message, unread counts',
        response: { 200: ZInbox },
      },
    },
    (request) => getInbox(contextOf(request, db, config)),
  );

  r.get(
    '/api/conversations/unread',
    {
      schema: {
        tags,
        summary: 'How many messages I have not read (the navigation badge)',
        response: { 200: ZUnread },
      },
    },
    (request) => getUnread(contextOf(request, db, config)),
  );

  r.get(
    '/api/conversations/candidates',
    {
      schema: {
        tags,
        summary: 'Network member accounts whose name matches, to write to',
        querystring: ZCandidatesQuery,
        response: { 200: ZAccountList },
      },
    },
    (request) => searchCandidates(contextOf(request, db, config), request.query),
  );

  r.post(
    '/api/conversations',
    {
      schema: {
        tags,
        summary:
          "Start a conversation (about a person: the person's care team only, else 422 naming who)",
        body: ZCreateConversation,
        response: { 201: ZConversation },
      },
    },
    async (request, reply) => {
      const created = await createConversation(contextOf(request, db, config), request.body);
      return reply.status(201).send(created);
    },
  );

  r.get(
    '/api/conversations/:conversationId',
    {
      schema: {
        tags,
        summary: 'One conversation I take part in: participants, my unread count',
        params: ZConversationId,
        response: { 200: ZConversation },
      },
    },
    (request) => getConversation(contextOf(request, db, config), request.params),
  );

  r.get(
    '/api/conversations/:conversationId/messages',
    {
      schema: {
        tags,
        summary: 'Messages, newest first, paged by a cursor',
        params: ZConversationId,
        querystring: ZMessagesQuery,
        response: { 200: ZMessagePage },
      },
    },
    (request) =>
      getMessages(contextOf(request, db, config), { ...request.params, ...request.query }),
  );

  r.post(
    '/api/conversations/:conversationId/messages',
    {
      bodyLimit: UPLOAD_BODY_LIMIT,
      schema: {
        tags,
        summary: 'Send a message (with @mentions of participants and up to 3 files)',
        params: ZConversationId,
        body: ZPostMessage,
        response: { 201: ZMessage },
      },
    },
    async (request, reply) => {
      const posted = await postMessage(contextOf(request, db, config), {
        ...request.params,
        ...request.body,
      });
      return reply.status(201).send(posted);
    },
  );

  r.get(
    '/api/conversations/:conversationId/attachments/:attachmentId',
    {
      schema: {
        tags,
        summary: "Download a message's file (participants who may still read the conversation)",
        params: ZMessageAttachmentIds,
      },
    },
    async (request, reply) => {
      const file = await getMessageAttachment(contextOf(request, db, config), request.params);
      return sendAttachment(reply, file);
    },
  );

  r.post(
    '/api/conversations/:conversationId/read',
    {
      schema: {
        tags,
        summary: 'Mark the conversation read up to its newest message; my unread total after',
        params: ZConversationId,
        response: { 200: ZUnread },
      },
    },
    (request) => readConversation(contextOf(request, db, config), request.params),
  );

  r.post(
    '/api/conversations/:conversationId/participants',
    {
      schema: {
        tags,
        summary: 'Add participants to a group (about a person: its care team only)',
        params: ZConversationId,
        body: ZAddParticipants,
        response: { 200: ZConversation },
      },
    },
    (request) =>
      addParticipants(contextOf(request, db, config), { ...request.params, ...request.body }),
  );

  r.get(
    '/api/persons/:personId/conversation-team',
    {
      schema: {
        tags,
        summary: "The accounts of the person's care team, to open a conversation about them",
        params: ZPersonId,
        response: { 200: ZAccountList },
      },
    },
    (request) => getPersonTeamAccounts(contextOf(request, db, config), request.params),
  );
}
