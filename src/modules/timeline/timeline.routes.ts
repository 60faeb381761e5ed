import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { TAppDeps } from '../../server/app.js';
import { contextOf } from '../../server/auth.plugin.js';
import { ZPersonId } from '../persons/persons.schemas.js';
import { ZTimelinePage, ZTimelineQuery } from './timeline.schemas.js';
import { getTimeline } from './timeline.service.js';

/** A person's timeline: one feed of typed pathway events, paged by time (decision 018). */
export async function timelineRoutes(app: FastifyInstance, deps: TAppDeps): Promise<void> {
  const { db, config } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/persons/:personId/timeline',
    {
      schema: {
        tags: ['persons'],
        summary: "A person's pathway, newest first, in the categories the reader may see",
        params: ZPersonId,
        querystring: ZTimelineQuery,
        response: { 200: ZTimelinePage },
      },
    },
    (request) =>
      getTimeline(contextOf(request, db, config), {
        ...request.params,
        limit: request.query.limit,
        before: request.query.before,
      }),
  );
}
