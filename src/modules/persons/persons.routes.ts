import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TAppDeps } from '../../server/app.js';
import { contextOf, runWithSession } from '../../server/auth.plugin.js';
import {
  MY_PERSONS_WITH_SESSION,
  myPersonsOf,
  PERSON_PAGE_WITH_SESSION,
  personPageOf,
  type TMyPersonsRow,
  type TPageRow,
} from './persons-page.repository.js';
import {
  ZAddCareTeamMemberRequest,
  ZAuditQuery,
  ZAuditRow,
  ZBreakGlassRequest,
  ZBreakGlassResponse,
  ZBreakGlassCandidate,
  ZBreakGlassSearchRequest,
  ZCareTeamMembership,
  ZObjectionRequest,
  ZPlanCareTeamEndRequest,
  ZPalliativeCare,
  ZPersonDetail,
  ZPersonId,
  ZPersonMemberIds,
  ZPersonSummary,
} from './persons.schemas.js';
import {
  addCareTeamMember,
  breakTheGlass,
  getPerson,
  getPersonAuditTrail,
  listMyPersons,
  recordObjection,
  planCareTeamEnd,
  removeCareTeamMember,
  withdrawPersonObjection,
} from './persons.service.js';
import { searchBreakGlassCandidates } from './break-glass-search.js';
import { listCareTeam } from './care-team.service.js';
import { getPalliativeCare, setPalliativeCare } from './palliative-care.service.js';

/** People followed by the network: identity, care team, consent, audit trail, emergency access. */
export async function personRoutes(app: FastifyInstance, deps: TAppDeps): Promise<void> {
  const { db, config } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['persons'];

  r.get(
    '/api/persons',
    {
      schema: {
        tags,
        summary: 'The people I follow',
        response: { 200: z.object({ items: z.array(ZPersonSummary) }) },
      },
      // The session is read in the list's statement: one round trip (decision 019).
      config: { sessionInStatement: true },
    },
    async (request) => {
      const { ctx, rows } = await runWithSession(request, db, config, MY_PERSONS_WITH_SESSION, [
        new Date(),
      ]);
      return listMyPersons(ctx, myPersonsOf(ctx.actor, rows as TMyPersonsRow[]));
    },
  );

  r.get(
    '/api/persons/:personId',
    {
      schema: {
        tags,
        summary: 'A person, their case manager and care team',
        params: ZPersonId,
        response: { 200: ZPersonDetail },
      },
      // The session is read in the page's statement: one round trip (decision 019).
      config: { sessionInStatement: true },
    },
    async (request) => {
      const { ctx, rows } = await runWithSession(request, db, config, PERSON_PAGE_WITH_SESSION, [
        new Date(),
        request.params.personId,
      ]);
      const [row] = rows as TPageRow[];
      return getPerson(ctx, request.params, row ? personPageOf(ctx.actor, row) : null);
    },
  );

  r.post(
    '/api/persons/break-glass/search',
    {
      schema: {
        tags,
        summary:
          'Find a person outside my teams to open emergency access on (exact last name and birth date)',
        body: ZBreakGlassSearchRequest,
        response: { 200: z.object({ items: z.array(ZBreakGlassCandidate) }) },
      },
    },
    (request) => searchBreakGlassCandidates(contextOf(request, db, config), request.body),
  );

  r.post(
    '/api/persons/:personId/break-glass',
    {
      schema: {
        tags,
        summary: 'Emergency access outside the care team (reason required, 4 hours, flagged)',
        params: ZPersonId,
        body: ZBreakGlassRequest,
        response: { 201: ZBreakGlassResponse },
      },
    },
    async (request, reply) => {
      const result = await breakTheGlass(contextOf(request, db, config), {
        ...request.params,
        ...request.body,
      });
      return reply.status(201).send(result);
    },
  );

  r.get(
    '/api/persons/:personId/audit',
    {
      schema: {
        tags,
        summary: "Who accessed this person's data (the person and network staff)",
        params: ZPersonId,
        querystring: ZAuditQuery,
        response: { 200: z.object({ items: z.array(ZAuditRow) }) },
      },
    },
    (request) =>
      getPersonAuditTrail(contextOf(request, db, config), {
        ...request.params,
        ...request.query,
        before: request.query.before,
      }),
  );

  r.get(
    '/api/persons/:personId/care-team',
    {
      schema: {
        tags,
        summary: 'The care team with its history: role, start and end of each membership',
        params: ZPersonId,
        response: { 200: z.object({ items: z.array(ZCareTeamMembership) }) },
      },
    },
    (request) => listCareTeam(contextOf(request, db, config), request.params),
  );

  r.post(
    '/api/persons/:personId/care-team',
    {
      schema: {
        tags,
        summary: 'Add a member to the care team',
        params: ZPersonId,
        body: ZAddCareTeamMemberRequest,
      },
    },
    async (request, reply) => {
      await addCareTeamMember(contextOf(request, db, config), {
        ...request.params,
        ...request.body,
      });
      return reply.status(204).send();
    },
  );

  r.delete(
    '/api/persons/:personId/care-team/:memberId',
    {
      schema: { tags, summary: "End a member's place in the care team", params: ZPersonMemberIds },
    },
    async (request, reply) => {
      await removeCareTeamMember(contextOf(request, db, config), request.params);
      return reply.status(204).send();
    },
  );

  r.patch(
    '/api/persons/:personId/care-team/:memberId',
    {
      schema: {
        tags,
        summary:
          "Plan the end of a member's place in the care team: access until that day, none after",
        params: ZPersonMemberIds,
        body: ZPlanCareTeamEndRequest,
      },
    },
    async (request, reply) => {
      await planCareTeamEnd(contextOf(request, db, config), {
        ...request.params,
        ...request.body,
      });
      return reply.status(204).send();
    },
  );

  r.get(
    '/api/persons/:personId/palliative-care',
    {
      schema: {
        tags,
        summary: 'The palliative-care flag (medical readers only; decision 027)',
        params: ZPersonId,
        response: { 200: ZPalliativeCare },
      },
    },
    (request) => getPalliativeCare(contextOf(request, db, config), request.params),
  );

  r.put(
    '/api/persons/:personId/palliative-care',
    {
      schema: {
        tags,
        summary: 'Set or clear the palliative-care flag (medical writers only)',
        params: ZPersonId,
        body: ZPalliativeCare,
        response: { 200: ZPalliativeCare },
      },
    },
    (request) =>
      setPalliativeCare(contextOf(request, db, config), { ...request.params, ...request.body }),
  );

  r.post(
    '/api/persons/:personId/objections',
    {
      schema: {
        tags,
        summary: "Record the person's objection to sharing with a member",
        params: ZPersonId,
        body: ZObjectionRequest,
      },
    },
    async (request, reply) => {
      await recordObjection(contextOf(request, db, config), { ...request.params, ...request.body });
      return reply.status(204).send();
    },
  );

  r.delete(
    '/api/persons/:personId/objections/:memberId',
    {
      schema: { tags, summary: 'Withdraw an objection', params: ZPersonMemberIds },
    },
    async (request, reply) => {
      await withdrawPersonObjection(contextOf(request, db, config), request.params);
      return reply.status(204).send();
    },
  );
}
