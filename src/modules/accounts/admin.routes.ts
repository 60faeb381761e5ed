import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TAppDeps } from '../../server/app.js';
import { contextOf } from '../../server/auth.plugin.js';
import { listOutbox, MAIL_MAX_ATTEMPTS, retryMail } from '../mail/mail.service.js';
import { getMfaRequiredRoles } from '../settings/settings.repository.js';
import { updateMfaRequiredRoles } from '../settings/settings.service.js';
import {
  ZAdminUser,
  ZInviteRequest,
  ZInviteResponse,
  ZOutboxMail,
  ZSettings,
} from './accounts.schemas.js';
import { inviteUser } from './invitations.service.js';
import { listUsers } from './users.repository.js';

const ADMIN = ['admin'] as const;

/** Network staff: users, invitations, outbox, network settings. */
export async function adminRoutes(app: FastifyInstance, deps: TAppDeps): Promise<void> {
  const { db, config } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['administration'];

  r.get(
    '/api/admin/users',
    {
      config: { roles: ADMIN },
      schema: {
        tags,
        summary: 'Every user account',
        response: { 200: z.object({ items: z.array(ZAdminUser) }) },
      },
    },
    async () => {
      const rows = await listUsers(db);
      return {
        items: rows.map((u) => ({
          id: u.id,
          email: u.email,
          displayName: u.displayName,
          role: u.role,
          status: u.status,
          mfaEnabled: u.totpEnabled,
          createdAt: u.createdAt.toISOString(),
        })),
      };
    },
  );

  r.post(
    '/api/admin/invitations',
    {
      config: { roles: ADMIN },
      schema: {
        tags,
        summary: 'Invite someone by e-mail (one-time link, 7 days)',
        body: ZInviteRequest,
        response: { 201: ZInviteResponse },
      },
    },
    async (request, reply) => {
      const result = await inviteUser(contextOf(request, db, config), request.body);
      return reply.status(201).send({ ...result, expiresAt: result.expiresAt.toISOString() });
    },
  );

  r.get(
    '/api/admin/outbox',
    {
      config: { roles: ADMIN },
      schema: {
        tags,
        summary: 'Mails queued or kept when no SMTP server is set',
        response: {
          200: z.object({
            delivery: z
              .enum(['smtp', 'none'])
              .describe('smtp: the mailer sends queued mails; none: they wait here to be read'),
            items: z.array(ZOutboxMail),
          }),
        },
      },
    },
    async () => {
      const rows = await listOutbox(db);
      return {
        delivery: config.smtpUrl ? ('smtp' as const) : ('none' as const),
        items: rows.map((m) => ({
          id: m.id,
          toAddress: m.toAddress,
          subject: m.subject,
          body: m.body,
          createdAt: m.createdAt.toISOString(),
          sentAt: m.sentAt?.toISOString() ?? null,
          attempts: m.attempts,
          maxAttempts: MAIL_MAX_ATTEMPTS,
          lastError: m.sentAt ? null : m.error,
          nextAttemptAt: m.sentAt || m.gaveUpAt ? null : (m.nextAttemptAt?.toISOString() ?? null),
          gaveUpAt: m.gaveUpAt?.toISOString() ?? null,
        })),
      };
    },
  );

  r.post(
    '/api/admin/outbox/:mailId/retry',
    {
      config: { roles: ADMIN },
      schema: {
        tags,
        summary: 'Try a mail that is not sent yet again now (after failures, or given up)',
        params: z.object({ mailId: z.uuid() }),
      },
    },
    async (request, reply) => {
      await retryMail(contextOf(request, db, config), request.params.mailId);
      return reply.status(204).send();
    },
  );

  r.get(
    '/api/admin/settings',
    {
      config: { roles: ADMIN },
      schema: { tags, summary: 'Network security settings', response: { 200: ZSettings } },
    },
    async () => ({ mfaRequiredRoles: await getMfaRequiredRoles(db) }),
  );

  r.put(
    '/api/admin/settings',
    {
      config: { roles: ADMIN },
      schema: {
        tags,
        summary: 'Change network security settings',
        body: ZSettings,
        response: { 200: ZSettings },
      },
    },
    async (request) => {
      const roles = await updateMfaRequiredRoles(
        contextOf(request, db, config),
        request.body.mfaRequiredRoles,
      );
      return { mfaRequiredRoles: roles };
    },
  );
}
