import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { TAppDeps } from '../../server/app.js';
import { contextOf } from '../../server/auth.plugin.js';
import type { TRole } from '../../server/context.js';
import {
  ZCreatePersonRequest,
  ZCreatePersonResponse,
  ZDuplicateCheckRequest,
  ZDuplicateCheckResponse,
  ZMergeRequest,
  ZMergeResponse,
  ZUpdateIdentityRequest,
} from './person-identity.schemas.js';
import { ZPersonId } from './persons.schemas.js';
import { createPerson } from './persons-create.service.js';
import { checkDuplicates } from './persons-duplicates.js';
import { mergePersons } from './persons-merge.service.js';
import { updatePersonIdentityOf } from './persons-update.service.js';

/**
 * Who may register a person directly (decision 011): network staff, case managers and health
 * professionals. Social and home-care roles, patients and steering ask the network through a
 * request for support instead.
 */
export const PERSON_CREATORS: TRole[] = ['admin', 'coordinator', 'professional'];

/** A person's identity: duplicate check, creation, identity edit, merge of two records. */
export async function personIdentityRoutes(app: FastifyInstance, deps: TAppDeps): Promise<void> {
  const { db, config } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['persons'];

  r.post(
    '/api/persons/duplicates',
    {
      config: { roles: PERSON_CREATORS },
      schema: {
        tags,
        summary: 'Records that may already be this person (before creating one)',
        body: ZDuplicateCheckRequest,
        response: { 200: ZDuplicateCheckResponse },
      },
    },
    (request) => checkDuplicates(contextOf(request, db, config), request.body),
  );

  r.post(
    '/api/persons',
    {
      config: { roles: PERSON_CREATORS },
      schema: {
        tags,
        summary: 'Register a person (duplicate check first; confirmNotDuplicate to go on)',
        body: ZCreatePersonRequest,
        response: { 201: ZCreatePersonResponse },
      },
    },
    async (request, reply) => {
      const created = await createPerson(contextOf(request, db, config), request.body);
      return reply.status(201).send(created);
    },
  );

  r.patch(
    '/api/persons/:personId',
    {
      schema: {
        tags,
        summary: "Change a person's identity (case manager, network staff; version required)",
        params: ZPersonId,
        body: ZUpdateIdentityRequest,
        response: { 200: ZCreatePersonResponse },
      },
    },
    (request) =>
      updatePersonIdentityOf(contextOf(request, db, config), {
        personId: request.params.personId,
        input: request.body,
      }),
  );

  r.post(
    '/api/persons/:personId/merge',
    {
      schema: {
        tags,
        summary: 'Merge a duplicate record into this one (network staff)',
        params: ZPersonId,
        body: ZMergeRequest,
        response: { 200: ZMergeResponse },
      },
    },
    (request) =>
      mergePersons(contextOf(request, db, config), {
        personId: request.params.personId,
        duplicatePersonId: request.body.duplicatePersonId,
      }),
  );
}
