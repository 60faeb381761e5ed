import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TAppDeps } from '../../server/app.js';
import { contextOf } from '../../server/auth.plugin.js';
import { AVAILABILITY_READERS } from './availability.policy.js';
import {
  ZAbsence,
  ZAbsenceInput,
  ZAbsenceParams,
  ZAvailability,
  ZAvailabilityQuery,
  ZFreeSlotRequest,
  ZFreeSlots,
  ZMemberParam,
  ZWorkingHoursInput,
  ZWorkingRange,
} from './availability.schemas.js';
import {
  addAbsence,
  getAvailability,
  removeAbsence,
  setWorkingHours,
} from './availability.service.js';
import { searchFreeSlots } from './free-slots.service.js';

const ZWeekSaved = z.object({
  memberId: z.uuid(),
  usesDefaultWeek: z.boolean(),
  week: z.array(ZWorkingRange),
});

/** Members' working hours and absences, and the free-slot search (decision 030). */
export async function availabilityRoutes(app: FastifyInstance, deps: TAppDeps): Promise<void> {
  const { db, config } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['availability'];
  const readers = { roles: AVAILABILITY_READERS };

  r.get(
    '/api/availability/members/:memberId',
    {
      config: readers,
      schema: {
        tags,
        summary: "A member's working week and absences (labels only for the member and staff)",
        params: ZMemberParam,
        querystring: ZAvailabilityQuery,
        response: { 200: ZAvailability },
      },
    },
    (request) =>
      getAvailability(contextOf(request, db, config), request.params.memberId, request.query),
  );

  r.put(
    '/api/availability/members/:memberId/working-hours',
    {
      config: readers,
      schema: {
        tags,
        summary:
          "Replace a member's working week (the member, their organisation's editors, staff)",
        params: ZMemberParam,
        body: ZWorkingHoursInput,
        response: { 200: ZWeekSaved },
      },
    },
    (request) =>
      setWorkingHours(contextOf(request, db, config), request.params.memberId, request.body),
  );

  r.post(
    '/api/availability/members/:memberId/absences',
    {
      config: readers,
      schema: {
        tags,
        summary: 'Record an absence of a member (never a medical reason)',
        params: ZMemberParam,
        body: ZAbsenceInput,
        response: { 201: ZAbsence },
      },
    },
    async (request, reply) => {
      const absence = await addAbsence(
        contextOf(request, db, config),
        request.params.memberId,
        request.body,
      );
      return reply.code(201).send(absence);
    },
  );

  r.delete(
    '/api/availability/members/:memberId/absences/:absenceId',
    {
      config: readers,
      schema: {
        tags,
        summary: 'Remove an absence of a member',
        params: ZAbsenceParams,
      },
    },
    async (request, reply) => {
      await removeAbsence(
        contextOf(request, db, config),
        request.params.memberId,
        request.params.absenceId,
      );
      return reply.status(204).send();
    },
  );

  r.post(
    '/api/availability/free-slots',
    {
      config: readers,
      schema: {
        tags,
        summary: 'Times when all chosen members are free, within working hours, outside absences',
        body: ZFreeSlotRequest,
        response: { 200: ZFreeSlots },
      },
    },
    (request) => searchFreeSlots(contextOf(request, db, config), request.body),
  );
}
