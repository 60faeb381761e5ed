import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { TAppDeps } from '../../server/app.js';
import { contextOf } from '../../server/auth.plugin.js';
import {
  ZAddConferenceItem,
  ZCandidateQuery,
  ZConference,
  ZConferenceCandidates,
  ZConferenceId,
  ZConferenceItemIds,
  ZConferenceParticipantIds,
  ZReorderConference,
  ZSetAttendance,
  ZSetDecision,
  ZWriteBack,
} from './conferences.schemas.js';
import {
  addConferenceItem,
  getConference,
  removeConferenceItem,
  reorderConference,
  setConferenceAttendance,
  setConferenceDecision,
  writeBackDecision,
} from './conferences.service.js';
import { searchConferenceCandidates } from './conference-candidates.service.js';

/** Network members who take part in case conferences (decision 031). */
const MEMBER_ROLES = ['admin', 'coordinator', 'professional', 'social'] as const;

/** Case conferences (concertation pluriprofessionnelle): agenda, attendance, decisions. */
export async function conferenceRoutes(app: FastifyInstance, deps: TAppDeps): Promise<void> {
  const { db, config } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['conferences'];
  const roles = { roles: MEMBER_ROLES };
  const ok = { 200: ZConference };

  r.get(
    '/api/conferences/:appointmentId',
    {
      config: roles,
      schema: {
        tags,
        summary: 'A case conference: participants, attendance, the persons to discuss',
        params: ZConferenceId,
        response: ok,
      },
    },
    (request) => getConference(contextOf(request, db, config), request.params),
  );

  r.get(
    '/api/conferences/:appointmentId/candidates',
    {
      config: roles,
      schema: {
        tags,
        summary:
          "Find a person of the organiser's care teams to put on the agenda (name words, birth date)",
        params: ZConferenceId,
        querystring: ZCandidateQuery,
        response: { 200: ZConferenceCandidates },
      },
    },
    (request) =>
      searchConferenceCandidates(contextOf(request, db, config), {
        ...request.params,
        ...request.query,
      }),
  );

  r.post(
    '/api/conferences/:appointmentId/items',
    {
      config: roles,
      schema: {
        tags,
        summary: "Put a person of the organiser's care teams on the agenda",
        params: ZConferenceId,
        body: ZAddConferenceItem,
        response: { 201: ZConference },
      },
    },
    async (request, reply) => {
      const view = await addConferenceItem(contextOf(request, db, config), {
        ...request.params,
        ...request.body,
      });
      return reply.status(201).send(view);
    },
  );

  r.delete(
    '/api/conferences/:appointmentId/items/:itemId',
    {
      config: roles,
      schema: {
        tags,
        summary: 'Take a person off the agenda (not once the decision is in the plan)',
        params: ZConferenceItemIds,
        response: ok,
      },
    },
    (request) => removeConferenceItem(contextOf(request, db, config), request.params),
  );

  r.put(
    '/api/conferences/:appointmentId/order',
    {
      config: roles,
      schema: {
        tags,
        summary: 'Reorder the agenda',
        params: ZConferenceId,
        body: ZReorderConference,
        response: ok,
      },
    },
    (request) =>
      reorderConference(contextOf(request, db, config), { ...request.params, ...request.body }),
  );

  r.put(
    '/api/conferences/:appointmentId/participants/:memberId/attendance',
    {
      config: roles,
      schema: {
        tags,
        summary: "Record a participant's attendance",
        params: ZConferenceParticipantIds,
        body: ZSetAttendance,
        response: ok,
      },
    },
    (request) =>
      setConferenceAttendance(contextOf(request, db, config), {
        ...request.params,
        ...request.body,
      }),
  );

  r.put(
    '/api/conferences/:appointmentId/items/:itemId/decision',
    {
      config: roles,
      schema: {
        tags,
        summary: 'Write the decision taken about a person',
        params: ZConferenceItemIds,
        body: ZSetDecision,
        response: ok,
      },
    },
    (request) =>
      setConferenceDecision(contextOf(request, db, config), {
        ...request.params,
        ...request.body,
      }),
  );

  r.post(
    '/api/conferences/:appointmentId/items/:itemId/write-back',
    {
      config: roles,
      schema: {
        tags,
        summary:
          "Carry the decision into the person's coordination plan (as an action, or in words) and timeline",
        params: ZConferenceItemIds,
        body: ZWriteBack,
        response: ok,
      },
    },
    (request) =>
      writeBackDecision(contextOf(request, db, config), {
        ...request.params,
        action: request.body.action,
      }),
  );
}
