import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TAppDeps } from '../../server/app.js';
import { contextOf } from '../../server/auth.plugin.js';
import { withTransaction } from '../../server/transaction.js';
import { checkAuditChain, lastAuditCheck, ZAuditCheck } from '../audit/audit.check.js';
import { appendAudit } from '../audit/audit.repository.js';
import { listOutbox, MAIL_MAX_ATTEMPTS, retryMail } from '../mail/mail.service.js';
import { getMfaRequiredRoles } from '../settings/settings.repository.js';
import { updateMfaRequiredRoles } from '../settings/settings.service.js';
import {
  ZAdminUser,
  ZInviteRequest,
  ZInviteResponse,
  ZOutboxMail,
  ZSettings,
  ZUserIdParams,
} from './accounts.schemas.js';
import { resetSecondFactor, setUserEnabled } from './admin-users.service.js';
import { inviteUser } from './invitations.service.js';
import { sendPasswordResetLink } from './password-reset.service.js';
import { listUsers, type TUserRow } from './users.repository.js';

const adminUserOf = (u: TUserRow) => ({
  id: u.id,
  email: u.email,
  displayName: u.displayName,
  role: u.role,
  status: u.status,
  mfaEnabled: u.totpEnabled,
  createdAt: u.createdAt.toISOString(),
});

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
      return { items: rows.map(adminUserOf) };
    },
  );

  for (const [action, enabled] of [
    ['disable', false],
    ['enable', true],
  ] as const) {
    r.post(
      `/api/admin/users/:userId/${action}`,
      {
        config: { roles: ADMIN },
        schema: {
          tags,
          summary: enabled
            ? 'Enable a disabled account again'
            : 'Disable an account: its sessions end at once, nothing is deleted',
          params: ZUserIdParams,
          response: { 200: ZAdminUser },
        },
      },
      async (request) =>
        adminUserOf(
          await setUserEnabled(contextOf(request, db, config), request.params.userId, enabled),
        ),
    );
  }

  r.post(
    '/api/admin/users/:userId/password-reset',
    {
      config: { roles: ADMIN },
      schema: {
        tags,
        summary: 'Mail the user a one-time link to choose a new password (valid one hour)',
        params: ZUserIdParams,
        response: { 202: z.object({ status: z.literal('sent') }) },
      },
    },
    async (request, reply) => {
      await sendPasswordResetLink(contextOf(request, db, config), request.params.userId);
      return reply.status(202).send({ status: 'sent' as const });
    },
  );

  r.post(
    '/api/admin/users/:userId/second-factor/reset',
    {
      config: { roles: ADMIN },
      schema: {
        tags,
        summary: "Remove a user's second factor (lost phone): they enrol again at next login",
        params: ZUserIdParams,
        response: { 200: ZAdminUser },
      },
    },
    async (request) =>
      adminUserOf(await resetSecondFactor(contextOf(request, db, config), request.params.userId)),
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

  r.get(
    '/api/admin/audit-check',
    {
      config: { roles: ADMIN },
      schema: {
        tags,
        summary: 'The last walk of the audit chain (daily, or asked by an admin); null before any',
        response: { 200: z.object({ check: ZAuditCheck.nullable() }) },
      },
    },
    async () => ({ check: await lastAuditCheck(db) }),
  );

  r.post(
    '/api/admin/audit-check',
    {
      config: { roles: ADMIN },
      schema: {
        tags,
        summary: 'Walk the whole audit chain now: every row linked, unaltered, none missing',
        response: { 200: z.object({ check: ZAuditCheck }) },
      },
    },
    async (request) => {
      const ctx = contextOf(request, db, config);
      const check = await checkAuditChain(db, { anchorFile: config.auditAnchorFile });
      await withTransaction(db, (tx) =>
        appendAudit(tx, {
          actorUserId: ctx.actor.userId,
          actorRole: ctx.actor.role,
          action: 'audit.verify',
          resourceType: 'audit_log',
          outcome: check.ok ? 'success' : 'failure',
          requestId: ctx.requestId,
          details: {
            checked: check.checked,
            problems: check.problemCount ?? check.problems.length,
          },
        }),
      );
      return { check };
    },
  );
}
