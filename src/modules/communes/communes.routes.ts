import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { TAppDeps } from '../../server/app.js';
import { anonymousContextOf } from '../../server/auth.plugin.js';
import { ZCommuneList, ZCommuneQuery } from './communes.schemas.js';
import { findCommunes } from './communes.service.js';

/** The French communes (reference data, decision 015): the picker of the forms, public form included. */
export async function communeRoutes(app: FastifyInstance, deps: TAppDeps): Promise<void> {
  const { db, config } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/communes',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['communes'],
        summary:
          'Communes by name (its beginning, accents aside), postcode or INSEE code: 10 at most; without a session, limited per address',
        querystring: ZCommuneQuery,
        response: { 200: ZCommuneList },
      },
    },
    (request) =>
      findCommunes(anonymousContextOf(request, db, config), request.query.q, {
        loggedIn: Boolean(request.session && !request.session.mfaPending),
      }),
  );
}
