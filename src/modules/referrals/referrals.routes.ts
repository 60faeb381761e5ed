import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { TAppDeps } from '../../server/app.js';
import { contextOf } from '../../server/auth.plugin.js';
import { sendAttachment } from '../attachments/attachments.routes.js';
import { UPLOAD_BODY_LIMIT } from '../attachments/attachments.schemas.js';
import { ZPersonId } from '../persons/persons.schemas.js';
import {
  ZAnswerRequest,
  ZCloseRequest,
  ZInfoAnswerRequest,
  ZRecipientIds,
  ZReferral,
  ZReferralAttachmentIds,
  ZReferralId,
  ZReferralList,
  ZSendReferralRequest,
  ZUsualProviders,
} from './referrals.schemas.js';
import {
  answerInfoRequest,
  answerReferral,
  closeReferral,
  getReferral,
  getReferralAttachment,
  listInbox,
  listPersonReferrals,
  listUsualProviders,
  sendReferral,
} from './referrals.service.js';

/** The network members who send and answer referrals. */
const MEMBER_ROLES = ['admin', 'coordinator', 'professional', 'social'] as const;

/** Closed-loop referrals (adressage, decision 023). */
export async function referralRoutes(app: FastifyInstance, deps: TAppDeps): Promise<void> {
  const { db, config } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['referrals'];
  // the person's referrals go through the guard, which decides and audits for every role
  const roles = { roles: MEMBER_ROLES };

  r.get(
    '/api/persons/:personId/referrals',
    {
      schema: {
        tags,
        summary: "The person's referrals and their timed steps",
        params: ZPersonId,
        response: { 200: ZReferralList },
      },
    },
    (request) => listPersonReferrals(contextOf(request, db, config), request.params),
  );

  r.post(
    '/api/persons/:personId/referrals',
    {
      bodyLimit: UPLOAD_BODY_LIMIT,
      schema: {
        tags,
        summary: 'Refer the person to one or several services or members at once',
        params: ZPersonId,
        body: ZSendReferralRequest,
        response: { 201: ZReferral },
      },
    },
    async (request, reply) => {
      const view = await sendReferral(contextOf(request, db, config), {
        ...request.params,
        ...request.body,
      });
      return reply.status(201).send(view);
    },
  );

  r.get(
    '/api/persons/:personId/usual-providers',
    {
      schema: {
        tags,
        summary: "The person's usual providers (care team and their services), offered first",
        params: ZPersonId,
        response: { 200: ZUsualProviders },
      },
    },
    (request) => listUsualProviders(contextOf(request, db, config), request.params),
  );

  r.get(
    '/api/referrals/inbox',
    {
      config: roles,
      schema: {
        tags,
        summary: 'The referrals addressed to me or to the services of my structures',
        response: { 200: ZReferralList },
      },
    },
    (request) => listInbox(contextOf(request, db, config)),
  );

  r.get(
    '/api/referrals/:referralId',
    {
      schema: {
        tags,
        summary: 'One referral: all of it for the care team, what to decide on for a recipient',
        params: ZReferralId,
        response: { 200: ZReferral },
      },
    },
    (request) => getReferral(contextOf(request, db, config), request.params),
  );

  r.get(
    '/api/referrals/:referralId/attachments/:attachmentId',
    {
      schema: {
        tags,
        summary: 'Download a file sent with a referral (whoever may read the referral)',
        params: ZReferralAttachmentIds,
      },
    },
    async (request, reply) => {
      const file = await getReferralAttachment(contextOf(request, db, config), request.params);
      return sendAttachment(reply, file);
    },
  );

  r.post(
    '/api/referrals/:referralId/recipients/:recipientId/answer',
    {
      schema: {
        tags,
        summary: 'A recipient accepts, declines or asks for information (409 once filled)',
        params: ZRecipientIds,
        body: ZAnswerRequest,
        response: { 200: ZReferral },
      },
    },
    (request) =>
      answerReferral(contextOf(request, db, config), { ...request.params, ...request.body }),
  );

  r.post(
    '/api/referrals/:referralId/recipients/:recipientId/info-answer',
    {
      schema: {
        tags,
        summary: "The requester answers a recipient's question",
        params: ZRecipientIds,
        body: ZInfoAnswerRequest,
        response: { 200: ZReferral },
      },
    },
    (request) =>
      answerInfoRequest(contextOf(request, db, config), { ...request.params, ...request.body }),
  );

  r.post(
    '/api/referrals/:referralId/complete',
    {
      schema: {
        tags,
        summary: 'Complete a filled referral with its outcome',
        params: ZReferralId,
        body: ZCloseRequest,
        response: { 200: ZReferral },
      },
    },
    (request) =>
      closeReferral(contextOf(request, db, config), {
        ...request.params,
        ...request.body,
        move: 'complete',
      }),
  );

  r.post(
    '/api/referrals/:referralId/cancel',
    {
      schema: {
        tags,
        summary: 'Cancel a referral, with a reason',
        params: ZReferralId,
        body: ZCloseRequest,
        response: { 200: ZReferral },
      },
    },
    (request) =>
      closeReferral(contextOf(request, db, config), {
        ...request.params,
        ...request.body,
        move: 'cancel',
      }),
  );
}
