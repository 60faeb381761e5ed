import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TAppDeps } from '../../server/app.js';
import { contextOf } from '../../server/auth.plugin.js';
import { AppError } from '../../server/errors.js';
import {
  appointmentIcs,
  createFeed,
  getFeedStatus,
  renderFeed,
  revokeFeed,
} from './calendar-feed.service.js';

/** Member accounts: the feed lists the appointments of one's directory profile. */
const MEMBER_ROLES = ['admin', 'coordinator', 'professional', 'social'] as const;

const ZFeedStatus = z.object({
  active: z.boolean(),
  createdAt: z.iso.datetime().nullable(),
});
const ZNewFeed = ZFeedStatus.extend({
  url: z.string().describe('The private address to subscribe to; shown this once only'),
});
const ICS = 'text/calendar; charset=utf-8';

/** The private iCalendar feed (decision 031) and the .ics of one appointment. */
export async function calendarFeedRoutes(app: FastifyInstance, deps: TAppDeps): Promise<void> {
  const { db, config } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['calendar'];
  const roles = { roles: MEMBER_ROLES };

  // Public: the token in the address is the credential (calendar applications send no cookie).
  // Unknown, revoked or malformed: the same 404 as any missing page.
  r.get(
    '/ical/:file',
    {
      config: { auth: 'none' },
      schema: {
        tags,
        summary: "A member's private calendar feed (RFC 5545): /ical/<token>.ics",
        params: z.object({ file: z.string().max(120) }),
      },
    },
    async (request, reply) => {
      const match = /^([\w-]+)\.ics$/.exec(request.params.file);
      const text = match ? await renderFeed(db, config, match[1]!) : null;
      if (text === null) throw new AppError('not_found', 'route.not_found');
      return reply
        .header('cache-control', 'private, no-store')
        .header('x-robots-tag', 'noindex')
        .type(ICS)
        .send(text);
    },
  );

  r.get(
    '/api/account/calendar-feed',
    {
      config: roles,
      schema: {
        tags,
        summary: 'Whether I have a calendar feed, and since when',
        response: { 200: ZFeedStatus },
      },
    },
    (request) => getFeedStatus(contextOf(request, db, config)),
  );

  r.post(
    '/api/account/calendar-feed',
    {
      config: roles,
      schema: {
        tags,
        summary: 'Make a new private feed address (the former one stops working)',
        response: { 201: ZNewFeed },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createFeed(contextOf(request, db, config))),
  );

  r.delete(
    '/api/account/calendar-feed',
    {
      config: roles,
      schema: { tags, summary: 'Revoke my feed address: it answers 404 from now on' },
    },
    async (request, reply) => {
      await revokeFeed(contextOf(request, db, config));
      return reply.status(204).send();
    },
  );

  // Every role reaches the guard, which decides and audits (as for a person's other data).
  r.get(
    '/api/agenda/appointments/:appointmentId/ics',
    {
      schema: {
        tags,
        summary: 'One appointment as an .ics file, as I may read it',
        params: z.object({ appointmentId: z.uuid() }),
      },
    },
    async (request, reply) => {
      const text = await appointmentIcs(contextOf(request, db, config), {
        id: request.params.appointmentId,
      });
      return reply
        .type(ICS)
        .header('content-disposition', 'attachment; filename="rendez-vous.ics"')
        .send(text);
    },
  );
}
