import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { TAppDeps } from '../../server/app.js';
import { contextOf } from '../../server/auth.plugin.js';
import { z } from 'zod';
import { ZPersonId } from '../persons/persons.schemas.js';
import { getEmergencySheetPdf } from './emergency-sheet.service.js';
import { planVocabulary } from './plan-vocabulary.js';
import {
  ZPlan,
  ZPlanDiff,
  ZPlanDiffIds,
  ZPlanVersion,
  ZPlanVersionIds,
  ZPlanVersionList,
  ZPlanVocabulary,
  ZSavePlanRequest,
} from './plans.schemas.js';
import {
  diffPlanVersions,
  getPlan,
  getPlanPdf,
  getPlanVersion,
  listPlanVersions,
  savePlan,
} from './plans.service.js';

const ZPdfQuery = z.object({
  lang: z.enum(['fr', 'en']).optional().describe('Language (default: mine)'),
});

/** The personalised coordination plan (PPCS): current version, save, versions and their diff. */
export async function planRoutes(app: FastifyInstance, deps: TAppDeps): Promise<void> {
  const { db, config } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['plans'];

  r.get(
    '/api/plans/vocabulary',
    {
      schema: {
        tags,
        summary: 'The code lists of the plan (Omaha System subset) with French and English labels',
        response: { 200: ZPlanVocabulary },
      },
    },
    () => planVocabulary(),
  );

  r.get(
    '/api/persons/:personId/plan',
    {
      schema: {
        tags,
        summary: "The person's current plan, its review date, without items I may not see",
        params: ZPersonId,
        response: { 200: ZPlan },
      },
    },
    (request) => getPlan(contextOf(request, db, config), request.params),
  );

  r.put(
    '/api/persons/:personId/plan',
    {
      schema: {
        tags,
        summary: 'Save a new version on baseVersion; 409 with what changed if someone saved since',
        params: ZPersonId,
        body: ZSavePlanRequest,
        response: { 200: ZPlan },
      },
    },
    (request) => savePlan(contextOf(request, db, config), { ...request.params, ...request.body }),
  );

  r.get(
    '/api/persons/:personId/plan/versions',
    {
      schema: {
        tags,
        summary: 'Every saved version of the plan, newest first',
        params: ZPersonId,
        response: { 200: ZPlanVersionList },
      },
    },
    (request) => listPlanVersions(contextOf(request, db, config), request.params),
  );

  r.get(
    '/api/persons/:personId/plan/versions/:version',
    {
      schema: {
        tags,
        summary: 'One saved version of the plan, without items I may not see',
        params: ZPlanVersionIds,
        response: { 200: ZPlanVersion },
      },
    },
    (request) => getPlanVersion(contextOf(request, db, config), request.params),
  );

  r.get(
    '/api/persons/:personId/plan/versions/:from/diff/:to',
    {
      schema: {
        tags,
        summary: 'What changed from one version to another (0: the empty plan)',
        params: ZPlanDiffIds,
        response: { 200: ZPlanDiff },
      },
    },
    (request) => diffPlanVersions(contextOf(request, db, config), request.params),
  );

  /** A document for the home, as a PDF in the reader's language (or ?lang=). */
  const pdfRoute = (url: string, summary: string, filename: string, render: typeof getPlanPdf) =>
    r.get(
      url,
      { schema: { tags, summary, params: ZPersonId, querystring: ZPdfQuery } },
      async (request, reply) => {
        const pdf = await render(contextOf(request, db, config), {
          ...request.params,
          ...request.query,
        });
        return reply
          .type('application/pdf')
          .header('content-disposition', `inline; filename="${filename}"`)
          .send(pdf);
      },
    );

  pdfRoute(
    '/api/persons/:personId/plan/pdf',
    'The current plan as a PDF for the home, without items I may not see',
    'plan-de-coordination.pdf',
    getPlanPdf,
  );
  pdfRoute(
    '/api/persons/:personId/emergency-sheet.pdf',
    'The emergency liaison sheet for the home (HAS DLU-Dom) as a PDF, without items I may not see',
    'fiche-de-liaison-urgence.pdf',
    getEmergencySheetPdf,
  );
}
