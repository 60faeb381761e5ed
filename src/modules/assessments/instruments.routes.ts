import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { TAppDeps } from '../../server/app.js';
import { ZAggirScoreRequest, ZAggirScoreResponse, ZInstrumentList } from './instruments.schemas.js';
import { scoreAggirCodes } from './instruments/aggir.js';
import { currentInstruments } from './instruments/registry.js';

/**
 * The instruments and the GIR calculator: definitions and arithmetic, no personal data, so any
 * logged-in user may use them and nothing is audited.
 */
export async function instrumentRoutes(app: FastifyInstance, _deps: TAppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['instruments'];

  r.get(
    '/api/instruments',
    {
      schema: {
        tags,
        summary: 'The assessment instruments (latest versions), to build the forms',
        response: { 200: ZInstrumentList },
      },
    },
    // The response schema strips each definition's scoring function.
    () => ({ items: currentInstruments() }),
  );

  r.post(
    '/api/instruments/aggir/score',
    {
      schema: {
        tags,
        summary: 'GIR calculator: the eight weighted AGGIR codes → GIR, rank and deciding group',
        body: ZAggirScoreRequest,
        response: { 200: ZAggirScoreResponse },
      },
    },
    (request) => {
      const { gir, rank, group } = scoreAggirCodes(request.body.codes);
      return { gir, rank, group };
    },
  );
}
