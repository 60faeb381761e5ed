import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { TAppDeps } from '../../server/app.js';
import { contextOf, runWithSession } from '../../server/auth.plugin.js';
import { ZPersonId } from '../persons/persons.schemas.js';
import {
  ZAppointment,
  ZAppointmentId,
  ZAppointmentWritten,
  ZCalendar,
  ZCreateAppointment,
  ZEditAppointment,
  ZPersonAppointments,
  ZPersonWindowQuery,
  ZSplitSeries,
  ZStatusRequest,
  ZTeamCalendar,
  ZWindowQuery,
} from './agenda.schemas.js';
import {
  createAppointment,
  editAppointment,
  getAppointment,
  moveAppointment,
  myCalendar,
  personAppointments,
  removeOccurrence,
  splitSeries,
  personWindowOf,
  teamCalendar,
  windowOf,
  AGENDA_ROLES,
} from './agenda.service.js';
import {
  MY_WEEK_WITH_SESSION,
  myWeekOf,
  PERSON_APPOINTMENTS,
  personCalendarOf,
  TEAM_CALENDAR,
  type TPersonCalendarRow,
} from './agenda.repository.js';

/** The shared agenda (decision 029): appointments, series, and the calendars. */
export async function agendaRoutes(app: FastifyInstance, deps: TAppDeps): Promise<void> {
  const { db, config } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['agenda'];
  const one = '/api/agenda/appointments/:appointmentId';

  r.post(
    '/api/agenda/appointments',
    {
      schema: {
        tags,
        summary:
          'Plan an appointment (or a recurring series): double-booking is a warning, refused for a case conference',
        body: ZCreateAppointment,
        response: { 201: ZAppointmentWritten },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createAppointment(contextOf(request, db, config), request.body)),
  );

  r.get(
    one,
    {
      schema: {
        tags,
        summary: 'One appointment',
        params: ZAppointmentId,
        response: { 200: ZAppointment },
      },
    },
    (request) => getAppointment(contextOf(request, db, config), request.params),
  );

  r.patch(
    one,
    {
      schema: {
        tags,
        summary: 'Edit an appointment on the version read (409 with the current one if stale)',
        params: ZAppointmentId,
        body: ZEditAppointment,
        response: { 200: ZAppointmentWritten },
      },
    },
    (request) =>
      editAppointment(contextOf(request, db, config), { ...request.params, ...request.body }),
  );

  r.post(
    `${one}/status`,
    {
      schema: {
        tags,
        summary: 'Confirm, mark done or missed, or cancel (with a reason)',
        params: ZAppointmentId,
        body: ZStatusRequest,
        response: { 200: ZAppointment },
      },
    },
    (request) =>
      moveAppointment(contextOf(request, db, config), { ...request.params, ...request.body }),
  );

  r.delete(
    `${one}/occurrence`,
    {
      schema: {
        tags,
        summary: 'Take this occurrence out of its series (an EXDATE)',
        params: ZAppointmentId,
      },
    },
    async (request, reply) => {
      await removeOccurrence(contextOf(request, db, config), request.params);
      return reply.status(204).send();
    },
  );

  r.post(
    `${one}/following`,
    {
      schema: {
        tags,
        summary: 'Change this occurrence and the following ones: the series is split here',
        params: ZAppointmentId,
        body: ZSplitSeries,
        response: { 201: ZAppointmentWritten },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await splitSeries(contextOf(request, db, config), { ...request.params, ...request.body }),
        ),
  );

  r.get(
    '/api/agenda/mine',
    {
      // The session is read in the week's one statement (decision 019, issue 16).
      config: { roles: AGENDA_ROLES, sessionInStatement: true },
      schema: {
        tags,
        summary: 'My day or week: the appointments I take part in',
        querystring: ZWindowQuery,
        response: { 200: ZCalendar },
      },
    },
    async (request) => {
      const { from, to } = windowOf(request.query.from, request.query.days);
      const { ctx, rows } = await runWithSession(request, db, config, MY_WEEK_WITH_SESSION, [
        new Date(),
        from,
        to,
      ]);
      return myCalendar(ctx, request.query, myWeekOf(ctx.actor, rows));
    },
  );

  r.get(
    '/api/persons/:personId/appointments',
    {
      // The session is read in the list's one statement (decisions 019, 044).
      config: { sessionInStatement: true },
      schema: {
        tags,
        summary: "The person's appointments (from 30 days ago by default)",
        params: ZPersonId,
        querystring: ZPersonWindowQuery,
        response: { 200: ZPersonAppointments },
      },
    },
    async (request) => {
      const { personId } = request.params;
      const { from, to } = personWindowOf(request.query.from, request.query.days);
      const { ctx, rows } = await runWithSession(
        request,
        db,
        config,
        PERSON_APPOINTMENTS.withSession,
        [new Date(), personId, from, to],
      );
      const [row] = rows as TPersonCalendarRow[];
      return personAppointments(
        ctx,
        { personId, from, to },
        row ? personCalendarOf(ctx.actor, row) : null,
      );
    },
  );

  r.get(
    '/api/persons/:personId/team-calendar',
    {
      // The session is read in the calendar's one statement (decisions 019, 044).
      config: { sessionInStatement: true },
      schema: {
        tags,
        summary: "The care team's calendar: what the reader may not read is a busy block",
        params: ZPersonId,
        querystring: ZWindowQuery,
        response: { 200: ZTeamCalendar },
      },
    },
    async (request) => {
      const { personId } = request.params;
      const { from, to } = windowOf(request.query.from, request.query.days);
      const { ctx, rows } = await runWithSession(request, db, config, TEAM_CALENDAR.withSession, [
        new Date(),
        personId,
        from,
        to,
      ]);
      const [row] = rows as TPersonCalendarRow[];
      return teamCalendar(
        ctx,
        { personId, from, to },
        row ? personCalendarOf(ctx.actor, row) : null,
      );
    },
  );
}
