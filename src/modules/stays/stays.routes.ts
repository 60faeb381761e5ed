import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { TAppDeps } from '../../server/app.js';
import { contextOf } from '../../server/auth.plugin.js';
import { ZPersonId } from '../persons/persons.schemas.js';
import { ZAdmitRequest, ZDischargeRequest, ZPersonStayIds, ZStays } from './stays.schemas.js';
import { admitToHospital, dischargeFromHospital, getStays } from './stays.service.js';

/** A person's hospital stays: admissions and discharges (decision 024). */
export async function staysRoutes(app: FastifyInstance, deps: TAppDeps): Promise<void> {
  const { db, config } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['stays'];

  r.get(
    '/api/persons/:personId/stays',
    {
      schema: {
        tags,
        summary: "The person's hospital stays, newest first",
        params: ZPersonId,
        response: { 200: ZStays },
      },
    },
    (request) => getStays(contextOf(request, db, config), request.params),
  );

  r.post(
    '/api/persons/:personId/stays',
    {
      schema: {
        tags,
        summary: 'Record an admission to hospital (409 while another stay is open)',
        params: ZPersonId,
        body: ZAdmitRequest,
        response: { 201: ZStays },
      },
    },
    async (request, reply) => {
      const view = await admitToHospital(contextOf(request, db, config), {
        ...request.params,
        ...request.body,
      });
      return reply.status(201).send(view);
    },
  );

  r.post(
    '/api/persons/:personId/stays/:stayId/discharge',
    {
      schema: {
        tags,
        summary: 'Record the discharge: the team is told, a follow-up is due within 48 hours',
        params: ZPersonStayIds,
        body: ZDischargeRequest,
        response: { 200: ZStays },
      },
    },
    (request) =>
      dischargeFromHospital(contextOf(request, db, config), {
        ...request.params,
        ...request.body,
      }),
  );
}
