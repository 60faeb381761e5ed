import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { TAppDeps } from '../../server/app.js';
import { contextOf } from '../../server/auth.plugin.js';
import { sendAttachment } from '../attachments/attachments.routes.js';
import { UPLOAD_BODY_LIMIT } from '../attachments/attachments.schemas.js';
import { ZPersonId } from '../persons/persons.schemas.js';
import {
  ZLogbookIds,
  ZLogbookPage,
  ZLogbookQuery,
  ZMarkedRead,
  ZMarkRead,
  ZNewLogbookEntry,
  ZPostedEntry,
} from './logbook.schemas.js';
import {
  getAttachment,
  getLogbookPage,
  markLogbookRead,
  postLogbookEntry,
} from './logbook.service.js';

/** The person's logbook (transmissions): its page, posting, read receipts, attachments. */
export async function logbookRoutes(app: FastifyInstance, deps: TAppDeps): Promise<void> {
  const { db, config } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['logbook'];

  r.get(
    '/api/persons/:personId/logbook',
    {
      schema: {
        tags,
        summary:
          "A person's logbook, newest first, only the categories I may read, with my unread count",
        params: ZPersonId,
        querystring: ZLogbookQuery,
        response: { 200: ZLogbookPage },
      },
    },
    (request) =>
      getLogbookPage(contextOf(request, db, config), {
        ...request.params,
        category: request.query.category,
        before: request.query.before,
        limit: request.query.limit,
      }),
  );

  r.post(
    '/api/persons/:personId/logbook',
    {
      bodyLimit: UPLOAD_BODY_LIMIT,
      schema: {
        tags,
        summary:
          'Post an entry (a reply with replyToId, a correction with correctsId), files in base64',
        params: ZPersonId,
        body: ZNewLogbookEntry,
        response: { 201: ZPostedEntry },
      },
    },
    async (request, reply) => {
      const posted = await postLogbookEntry(
        contextOf(request, db, config),
        request.params.personId,
        request.body,
      );
      return reply.code(201).send(posted);
    },
  );

  r.post(
    '/api/persons/:personId/logbook/read',
    {
      schema: {
        tags,
        summary: 'My read receipts on the entries shown to me',
        params: ZPersonId,
        body: ZMarkRead,
        response: { 200: ZMarkedRead },
      },
    },
    (request) =>
      markLogbookRead(
        contextOf(request, db, config),
        request.params.personId,
        request.body.entryIds,
      ),
  );

  r.get(
    '/api/persons/:personId/logbook/attachments/:attachmentId',
    {
      schema: {
        tags,
        summary: "Download a logbook entry's file (same visibility as its entry)",
        params: ZLogbookIds,
      },
    },
    async (request, reply) => {
      const file = await getAttachment(
        contextOf(request, db, config),
        request.params.personId,
        request.params.attachmentId,
      );
      return sendAttachment(reply, file);
    },
  );
}
