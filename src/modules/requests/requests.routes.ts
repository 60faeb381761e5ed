import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TAppDeps } from '../../server/app.js';
import { anonymousContextOf, contextOf } from '../../server/auth.plugin.js';
import { TRIAGE_ROLES } from '../access/access.policy.js';
import {
  ZAcceptRequest,
  ZAssessor,
  ZChallenge,
  ZDeclineRequest,
  ZFiledRequest,
  ZFileRequest,
  ZMyRequest,
  ZPublicFiledRequest,
  ZPublicRequest,
  ZQueueQuery,
  ZRedirectRequest,
  ZRequestDetail,
  ZRequestId,
  ZRequestSummary,
} from './requests.schemas.js';
import {
  fileRequest,
  filePublicRequest,
  getChallenge,
  getRequest,
  listMyRequests,
} from './requests.service.js';
import { listAssessors, listQueue, triageRequest } from './triage.service.js';

/** Requests for support (demandes d'appui): filing, the public form, the triage queue. */
export async function requestRoutes(app: FastifyInstance, deps: TAppDeps): Promise<void> {
  const { db, config } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['requests'];
  const triage = { roles: TRIAGE_ROLES };

  r.post(
    '/api/requests',
    {
      schema: {
        tags,
        summary: 'Ask the network for support for a person (followed or new); consent required',
        body: ZFileRequest,
        response: { 201: ZFiledRequest },
      },
    },
    async (request, reply) => {
      const filed = await fileRequest(contextOf(request, db, config), request.body);
      return reply.status(201).send(filed);
    },
  );

  r.get(
    '/api/requests/mine',
    {
      config: { roles: ['admin', 'coordinator', 'professional', 'social', 'patient'] },
      schema: {
        tags,
        summary: 'The requests I filed: state and answer',
        response: { 200: z.object({ items: z.array(ZMyRequest) }) },
      },
    },
    (request) => listMyRequests(contextOf(request, db, config)),
  );

  r.get(
    '/api/requests',
    {
      config: triage,
      schema: {
        tags,
        summary: 'The triage queue of the coordination team',
        querystring: ZQueueQuery,
        response: { 200: z.object({ items: z.array(ZRequestSummary) }) },
      },
    },
    (request) => listQueue(contextOf(request, db, config), request.query),
  );

  r.get(
    '/api/requests/assessors',
    {
      config: triage,
      schema: {
        tags,
        summary: 'Who may be named to assess an accepted request',
        response: { 200: z.object({ items: z.array(ZAssessor) }) },
      },
    },
    (request) => listAssessors(contextOf(request, db, config)),
  );

  r.get(
    '/api/requests/:requestId',
    {
      schema: {
        tags,
        summary: 'One request (coordination team, or its requester)',
        params: ZRequestId,
        response: { 200: ZRequestDetail },
      },
    },
    (request) => getRequest(contextOf(request, db, config), request.params),
  );

  r.post(
    '/api/requests/:requestId/accept',
    {
      config: triage,
      schema: {
        tags,
        summary: "Accept: open the person's pathway and name who assesses",
        description:
          'For a person new to the network the duplicate check runs first: with candidates, 409 ' +
          'with details.candidates (those the caller may see) and details.notice; send again with ' +
          'personId (one of them) or confirmNotDuplicate: true.',
        params: ZRequestId,
        body: ZAcceptRequest,
        response: { 200: ZRequestDetail },
      },
    },
    (request) =>
      triageRequest(contextOf(request, db, config), request.params.requestId, {
        decision: 'accept',
        ...request.body,
      }),
  );

  r.post(
    '/api/requests/:requestId/redirect',
    {
      config: triage,
      schema: {
        tags,
        summary: 'Redirect to a directory service (kept as a referral to follow up)',
        params: ZRequestId,
        body: ZRedirectRequest,
        response: { 200: ZRequestDetail },
      },
    },
    (request) =>
      triageRequest(contextOf(request, db, config), request.params.requestId, {
        decision: 'redirect',
        ...request.body,
      }),
  );

  r.post(
    '/api/requests/:requestId/decline',
    {
      config: triage,
      schema: {
        tags,
        summary: 'Decline with a reason, sent to the requester',
        params: ZRequestId,
        body: ZDeclineRequest,
        response: { 200: ZRequestDetail },
      },
    },
    (request) =>
      triageRequest(contextOf(request, db, config), request.params.requestId, {
        decision: 'decline',
        ...request.body,
      }),
  );

  r.get(
    '/api/public/requests/challenge',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: "The public form's human check: a question and its signed token",
        response: { 200: ZChallenge },
      },
    },
    (request) => getChallenge(anonymousContextOf(request, db, config), request.locale),
  );

  r.post(
    '/api/public/requests',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'Ask the network for support without an account (the person or a caregiver)',
        body: ZPublicRequest,
        response: { 201: ZPublicFiledRequest },
      },
    },
    async (request, reply) => {
      const filed = await filePublicRequest(
        anonymousContextOf(request, db, config),
        request.body,
        request.locale,
      );
      return reply.status(201).send(filed);
    },
  );
}
