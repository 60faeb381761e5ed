import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getNoContactDays } from '../alerts/alert-settings.js';
import type { TAppDeps } from '../../server/app.js';
import { getCaseloadCap } from '../pathway/caseload.repository.js';
import { contextOf } from '../../server/auth.plugin.js';
import { withTransaction } from '../../server/transaction.js';
import { checkAuditChain, lastAuditCheck, ZAuditCheck } from '../audit/audit.check.js';
import { appendAudit } from '../audit/audit.repository.js';
import {
  linkStateOf,
  MAIL_MAX_ATTEMPTS,
  OUTBOX_LINK_MARK,
  readOutbox,
  retryMail,
  type TOutboxRow,
} from '../mail/mail.service.js';
import { getMfaRequiredRoles, getNetworkName } from '../settings/settings.repository.js';
import { updateNetworkSettings } from '../settings/settings.service.js';
import { getStaleDays } from '../directory/directory.freshness.js';
import { getLevelSettings } from '../assessments/level-settings.repository.js';
import {
  ZAdminUser,
  ZInviteRequest,
  ZInviteResponse,
  ZOutbox,
  ZRevealedLink,
  ZSettings,
  ZSettingsUpdate,
  ZUserIdParams,
} from './accounts.schemas.js';
import { resetSecondFactor, setUserEnabled } from './admin-users.service.js';
import { inviteUser, revealInvitationLink } from './invitations.service.js';
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

/** An outbox row as admins read it: the state of its one-time link, never the link. */
function outboxMailOf(m: TOutboxRow, delivery: 'smtp' | 'none', readerId: string) {
  const state = linkStateOf(m);
  return {
    id: m.id,
    toAddress: m.toAddress,
    subject: m.subject,
    body: m.body.replaceAll(OUTBOX_LINK_MARK, '[…]'),
    oneTimeLink:
      state && m.linkPurpose
        ? {
            purpose: m.linkPurpose,
            state,
            // a hint for the screen; the reveal itself checks everything again (holdings too)
            revealable:
              delivery === 'none' &&
              m.linkPurpose === 'invitation' &&
              state === 'open' &&
              m.linkUserStatus === 'invited' &&
              m.linkUserPersonId === null &&
              m.linkInvitedBy === readerId,
            sentByReader: m.linkInvitedBy === readerId,
            mailOnly: m.linkUserPersonId !== null,
          }
        : null,
    createdAt: m.createdAt.toISOString(),
    sentAt: m.sentAt?.toISOString() ?? null,
    attempts: m.attempts,
    maxAttempts: MAIL_MAX_ATTEMPTS,
    lastError: m.sentAt ? null : m.error,
    nextAttemptAt: m.sentAt || m.gaveUpAt ? null : (m.nextAttemptAt?.toISOString() ?? null),
    gaveUpAt: m.gaveUpAt?.toISOString() ?? null,
  };
}

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
        response: { 200: ZOutbox },
      },
    },
    async (request) => {
      const ctx = contextOf(request, db, config);
      const rows = await readOutbox(ctx);
      const delivery = config.smtpUrl ? ('smtp' as const) : ('none' as const);
      return { delivery, items: rows.map((m) => outboxMailOf(m, delivery, ctx.actor.userId)) };
    },
  );

  r.post(
    '/api/admin/outbox/:mailId/link',
    {
      config: { roles: ADMIN },
      schema: {
        tags,
        summary:
          'Read the link of an open invitation to hand it over, when no mail server is set (audited; never a password-reset link, never an account that already holds data)',
        params: z.object({ mailId: z.uuid() }),
        response: { 200: ZRevealedLink },
      },
    },
    async (request) => {
      const result = await revealInvitationLink(
        contextOf(request, db, config),
        request.params.mailId,
      );
      return { link: result.link, expiresAt: result.expiresAt.toISOString() };
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

  const settingsOf = async () => ({
    mfaRequiredRoles: await getMfaRequiredRoles(db),
    directoryStaleDays: await getStaleDays(db),
    integrationLevels: await getLevelSettings(db),
    caseloadCap: await getCaseloadCap(db),
    noContactDays: await getNoContactDays(db),
    networkName: await getNetworkName(db),
  });

  r.get(
    '/api/admin/settings',
    {
      config: { roles: ADMIN },
      schema: { tags, summary: 'Network settings', response: { 200: ZSettings } },
    },
    settingsOf,
  );

  r.put(
    '/api/admin/settings',
    {
      config: { roles: ADMIN },
      schema: {
        tags,
        summary: 'Change network settings (only those given)',
        body: ZSettingsUpdate,
        response: { 200: ZSettings },
      },
    },
    async (request) => {
      await updateNetworkSettings(contextOf(request, db, config), request.body);
      return settingsOf();
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
