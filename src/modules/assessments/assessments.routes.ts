import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { TAppDeps } from '../../server/app.js';
import { contextOf } from '../../server/auth.plugin.js';
import { ZPersonId } from '../persons/persons.schemas.js';
import {
  ZAssessmentDetail,
  ZAssessmentIds,
  ZAssessmentList,
  ZOverrideLevelRequest,
  ZPersonLevel,
  ZSaveAnswersRequest,
  ZStartAssessmentRequest,
} from './assessments.schemas.js';
import {
  completeAssessmentDraft,
  getAssessment,
  getPersonLevel,
  listAssessments,
  overridePersonLevel,
  saveAssessmentAnswers,
  startAssessment,
} from './assessments.service.js';

/** A person's assessments (drafts, completion, results) and their integration level. */
export async function assessmentRoutes(app: FastifyInstance, deps: TAppDeps): Promise<void> {
  const { db, config } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['assessments'];

  r.get(
    '/api/persons/:personId/assessments',
    {
      schema: {
        tags,
        summary: "A person's assessments, newest first",
        params: ZPersonId,
        response: { 200: ZAssessmentList },
      },
    },
    (request) => listAssessments(contextOf(request, db, config), request.params),
  );

  r.post(
    '/api/persons/:personId/assessments',
    {
      schema: {
        tags,
        summary: 'Start an assessment (a draft of the latest version of the instrument)',
        params: ZPersonId,
        body: ZStartAssessmentRequest,
        response: { 201: ZAssessmentDetail },
      },
    },
    async (request, reply) => {
      const created = await startAssessment(contextOf(request, db, config), {
        ...request.params,
        ...request.body,
      });
      return reply.status(201).send(created);
    },
  );

  r.get(
    '/api/persons/:personId/assessments/:assessmentId',
    {
      schema: {
        tags,
        summary: 'An assessment with the answers I may see, who gave each and when',
        params: ZAssessmentIds,
        response: { 200: ZAssessmentDetail },
      },
    },
    (request) => getAssessment(contextOf(request, db, config), request.params),
  );

  r.put(
    '/api/persons/:personId/assessments/:assessmentId/answers',
    {
      schema: {
        tags,
        summary: 'Save answers of a draft as they are typed (null clears one)',
        params: ZAssessmentIds,
        body: ZSaveAnswersRequest,
        response: { 200: ZAssessmentDetail },
      },
    },
    (request) =>
      saveAssessmentAnswers(contextOf(request, db, config), {
        ...request.params,
        ...request.body,
      }),
  );

  r.post(
    '/api/persons/:personId/assessments/:assessmentId/complete',
    {
      schema: {
        tags,
        summary: 'Complete a draft: checked, scored, immutable; supersedes the previous one',
        params: ZAssessmentIds,
        response: { 200: ZAssessmentDetail },
      },
    },
    (request) => completeAssessmentDraft(contextOf(request, db, config), request.params),
  );

  r.get(
    '/api/persons/:personId/level',
    {
      schema: {
        tags,
        summary: 'The integration level with its reasons, from the latest completed assessments',
        params: ZPersonId,
        response: { 200: ZPersonLevel },
      },
    },
    (request) => getPersonLevel(contextOf(request, db, config), request.params),
  );

  r.put(
    '/api/persons/:personId/level/override',
    {
      schema: {
        tags,
        summary:
          "The case manager overrides the integration level with a justification ('computed' removes it)",
        params: ZPersonId,
        body: ZOverrideLevelRequest,
        response: { 200: ZPersonLevel },
      },
    },
    (request) =>
      overridePersonLevel(contextOf(request, db, config), {
        ...request.params,
        ...request.body,
      }),
  );
}
