import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TAppDeps } from '../../server/app.js';
import { contextOf } from '../../server/auth.plugin.js';
import {
  getReminderPreferences,
  REMINDER_LEADS,
  saveReminderPreferences,
} from './reminders.service.js';

const MEMBER_ROLES = ['admin', 'coordinator', 'professional', 'social'] as const;

const ZLead = z
  .union(
    REMINDER_LEADS.map((lead) => z.literal(lead)) as [
      z.ZodLiteral<number>,
      ...z.ZodLiteral<number>[],
    ],
  )
  .describe('Minutes before the appointment: 15, 60, 120 or 1440');
export const ZReminderPreferences = z.object({
  leadMinutes: z.array(z.number().int()),
  choices: z.array(z.number().int()),
});
export const ZSaveReminderPreferences = z
  .object({
    leadMinutes: z
      .array(ZLead)
      .max(2)
      .describe(
        'At most two reminders; none: no reminder (how they come: notification preferences)',
      ),
  })
  .strict();

/** Reminder preferences of the member (decision 031). */
export async function reminderRoutes(app: FastifyInstance, deps: TAppDeps): Promise<void> {
  const { db, config } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['reminders'];
  const roles = { roles: MEMBER_ROLES };
  r.get(
    '/api/reminders/preferences',
    {
      config: roles,
      schema: {
        tags,
        summary: 'How long before my appointments I am reminded',
        response: { 200: ZReminderPreferences },
      },
    },
    (request) => getReminderPreferences(contextOf(request, db, config)),
  );
  r.put(
    '/api/reminders/preferences',
    {
      config: roles,
      schema: {
        tags,
        summary: 'Choose how long before my appointments I am reminded',
        body: ZSaveReminderPreferences,
        response: { 200: ZReminderPreferences },
      },
    },
    (request) => saveReminderPreferences(contextOf(request, db, config), request.body.leadMinutes),
  );
}
