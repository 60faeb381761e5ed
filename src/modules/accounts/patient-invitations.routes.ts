import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TAppDeps } from '../../server/app.js';
import { contextOf } from '../../server/auth.plugin.js';
import { ZInviteResponse, ZPatientInviteRequest } from './accounts.schemas.js';
import { invitePatient } from './invitations.service.js';

/** A followed person's own account, given by their case manager (decision 008). */
export async function patientInvitationRoutes(app: FastifyInstance, deps: TAppDeps): Promise<void> {
  const { db, config } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/persons/:personId/account-invitation',
    {
      schema: {
        tags: ['persons'],
        summary:
          "Invite the person (or their caregiver) to their own account, by e-mail only: the person's case manager alone may (audited)",
        params: z.object({ personId: z.uuid() }),
        body: ZPatientInviteRequest,
        response: { 201: ZInviteResponse },
      },
    },
    async (request, reply) => {
      const result = await invitePatient(contextOf(request, db, config), {
        personId: request.params.personId,
        ...request.body,
      });
      return reply.status(201).send({ ...result, expiresAt: result.expiresAt.toISOString() });
    },
  );
}
