import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TDb } from '../../db/client.js';
import type { TAppDeps } from '../../server/app.js';
import {
  anonymousContextOf,
  clearSessionCookie,
  contextOf,
  setSessionCookie,
} from '../../server/auth.plugin.js';
import type { TConfig } from '../../server/config.js';
import { AppError } from '../../server/errors.js';
import {
  changePassword,
  disableTotp,
  enableTotp,
  startTotpSetup,
  updateProfile,
} from './account.service.js';
import {
  ZAcceptInvitationRequest,
  ZChangePasswordRequest,
  ZFactorProof,
  ZInvitationToken,
  ZInvitationView,
  ZLoginRequest,
  ZLoginResponse,
  ZPasswordResetRequest,
  ZPasswordResetView,
  ZSession,
  ZTotpCode,
  ZTotpSetup,
  ZUpdateAccountRequest,
  ZUser,
} from './accounts.schemas.js';
import { acceptInvitation, describeInvitation } from './invitations.service.js';
import { completeMfa, login } from './login.service.js';
import {
  completePasswordReset,
  describePasswordReset,
  requestPasswordReset,
} from './password-reset.service.js';
import { closeSession, resolveSession, type TResolvedSession } from './sessions.service.js';
import type { TUserRow } from './users.repository.js';

/** The session document the web app works from. */
export function sessionView(session: TResolvedSession) {
  return {
    user: {
      id: session.actor.userId,
      email: session.actor.email,
      displayName: session.actor.displayName,
      locale: session.actor.locale,
      role: session.actor.role,
      mfaEnabled: session.mfaEnabled,
      memberId: session.actor.memberId,
    },
    csrfToken: session.csrfToken,
    mfaPending: session.mfaPending,
    mfaSetupRequired: session.mfaSetupRequired,
  };
}

function userView(user: TUserRow) {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    locale: user.locale === 'en' ? ('en' as const) : ('fr' as const),
    role: user.role,
    mfaEnabled: user.totpEnabled,
    memberId: user.memberId,
  };
}

/** Sets the cookie of a new session and answers with its session document. */
async function startSession(reply: FastifyReply, db: TDb, config: TConfig, token: string) {
  setSessionCookie(reply, config, token);
  const session = await resolveSession(db, token, config.sessionSecret);
  if (!session) throw new Error('a session opened a moment ago could not be read back');
  return sessionView(session);
}

/** Login, second factor, logout, own account, invitation acceptance. */
export async function accountRoutes(app: FastifyInstance, deps: TAppDeps): Promise<void> {
  const { db, config } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['accounts'];

  r.get(
    '/api/auth/session',
    {
      config: { auth: 'pending', allowDuringMfaSetup: true },
      schema: { tags, summary: 'The current session', response: { 200: ZSession } },
    },
    async (request) => {
      if (!request.session) throw new AppError('unauthenticated', 'auth.required');
      return sessionView(request.session);
    },
  );

  r.post(
    '/api/auth/login',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'Log in with e-mail and password',
        body: ZLoginRequest,
        response: { 200: ZLoginResponse },
      },
    },
    async (request, reply) => {
      const result = await login(anonymousContextOf(request, db, config), request.body);
      const session = await startSession(reply, db, config, result.token);
      return { status: result.mfaPending ? ('mfa_required' as const) : ('ok' as const), session };
    },
  );

  r.post(
    '/api/auth/totp',
    {
      config: { auth: 'pending' },
      schema: {
        tags,
        summary: 'Give the second factor after the password',
        body: ZTotpCode,
        response: { 200: ZLoginResponse },
      },
    },
    async (request, reply) => {
      const current = request.session;
      if (!current) throw new AppError('unauthenticated', 'auth.required');
      const token = await completeMfa(anonymousContextOf(request, db, config), {
        userId: current.actor.userId,
        tokenHash: current.tokenHash,
        code: request.body.code,
      });
      return { status: 'ok' as const, session: await startSession(reply, db, config, token) };
    },
  );

  r.post(
    '/api/auth/logout',
    {
      config: { auth: 'pending', allowDuringMfaSetup: true },
      schema: { tags, summary: 'Log out (ends the session on the server)' },
    },
    async (request, reply) => {
      if (request.session) await closeSession(db, request.session.tokenHash);
      clearSessionCookie(reply);
      return reply.status(204).send();
    },
  );

  r.patch(
    '/api/account',
    {
      config: { allowDuringMfaSetup: true },
      schema: {
        tags,
        summary: 'Change my name or language',
        body: ZUpdateAccountRequest,
        response: { 200: z.object({ user: ZUser }) },
      },
    },
    async (request) => {
      const user = await updateProfile(contextOf(request, db, config), request.body);
      return { user: userView(user) };
    },
  );

  r.post(
    '/api/account/password',
    {
      config: { allowDuringMfaSetup: true },
      schema: {
        tags,
        summary:
          'Change my password (current password, and current code when two-factor is on; other sessions are closed, the user is told by mail)',
        body: ZChangePasswordRequest,
      },
    },
    async (request, reply) => {
      await changePassword(contextOf(request, db, config), {
        ...request.body,
        ip: request.ip,
        sessionTokenHash: request.session?.tokenHash ?? '',
      });
      return reply.status(204).send();
    },
  );

  r.post(
    '/api/account/totp/setup',
    {
      config: { allowDuringMfaSetup: true },
      schema: {
        tags,
        summary:
          'Start two-factor enrolment (current password, and current code when replacing a second factor)',
        body: ZFactorProof,
        response: { 200: ZTotpSetup },
      },
    },
    (request) =>
      startTotpSetup(contextOf(request, db, config), { ...request.body, ip: request.ip }),
  );

  r.post(
    '/api/account/totp/enable',
    {
      config: { allowDuringMfaSetup: true },
      schema: { tags, summary: 'Confirm two-factor enrolment with a code', body: ZTotpCode },
    },
    async (request, reply) => {
      await enableTotp(contextOf(request, db, config), request.body);
      return reply.status(204).send();
    },
  );

  r.post(
    '/api/account/totp/disable',
    {
      config: { allowDuringMfaSetup: true },
      schema: {
        tags,
        summary: 'Turn two-factor authentication off (current password and code)',
        body: ZFactorProof,
      },
    },
    async (request, reply) => {
      await disableTotp(contextOf(request, db, config), { ...request.body, ip: request.ip });
      return reply.status(204).send();
    },
  );

  r.get(
    '/api/invitations/:token',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'Who an invitation link is for',
        params: ZInvitationToken,
        response: { 200: ZInvitationView },
      },
    },
    async (request) => {
      const view = await describeInvitation(db, request.params.token);
      return { ...view, expiresAt: view.expiresAt.toISOString() };
    },
  );

  r.post(
    '/api/invitations/:token/accept',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'Accept an invitation by choosing a password',
        params: ZInvitationToken,
        body: ZAcceptInvitationRequest,
        response: { 200: ZLoginResponse },
      },
    },
    async (request, reply) => {
      const { sessionToken } = await acceptInvitation(anonymousContextOf(request, db, config), {
        token: request.params.token,
        password: request.body.password,
      });
      return {
        status: 'ok' as const,
        session: await startSession(reply, db, config, sessionToken),
      };
    },
  );

  r.post(
    '/api/auth/password-reset',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary:
          'Forgot my password: mail a one-time link (same answer whether the account exists)',
        body: ZPasswordResetRequest,
        response: { 202: z.object({ status: z.literal('sent') }) },
      },
    },
    async (request, reply) => {
      await requestPasswordReset(anonymousContextOf(request, db, config), request.body.email);
      return reply.status(202).send({ status: 'sent' as const });
    },
  );

  r.get(
    '/api/password-resets/:token',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'Whose password a reset link changes',
        params: ZInvitationToken,
        response: { 200: ZPasswordResetView },
      },
    },
    async (request) => {
      const view = await describePasswordReset(db, request.params.token);
      return { ...view, expiresAt: view.expiresAt.toISOString() };
    },
  );

  r.post(
    '/api/password-resets/:token',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'Choose a new password through a reset link (ends every session of the account)',
        params: ZInvitationToken,
        body: ZAcceptInvitationRequest,
      },
    },
    async (request, reply) => {
      await completePasswordReset(anonymousContextOf(request, db, config), {
        token: request.params.token,
        password: request.body.password,
      });
      return reply.status(204).send();
    },
  );
}
