import type { TDb } from '../../db/client.js';
import type { TAnonymousContext, TContext } from '../../server/context.js';
import { AppError, notFound } from '../../server/errors.js';
import { withTransaction } from '../../server/transaction.js';
import { appendAudit } from '../audit/audit.repository.js';
import { OUTBOX_LINK_MARK, queueMail } from '../mail/mail.service.js';
import {
  findInvitationByDigest,
  insertInvitation,
  markInvitationAccepted,
  revokeOpenInvitations,
} from './invitations.repository.js';
import { factorChangeMail } from './factor-change.mail.js';
import { assertPasswordPolicy, hashPassword } from './passwords.js';
import { revokeUserSessions } from './sessions.repository.js';
import { clearThrottle, takeThrottleSlot } from './throttle.repository.js';
import { emailKey } from './sign-in-checks.js';
import { digestToken, newToken } from './tokens.js';
import { findUserByEmail, lockUserById, updateUser, type TUserRow } from './users.repository.js';

/** A password-reset link stays valid this long (it opens an account: short on purpose). */
export const RESET_TTL_MS = 60 * 60 * 1000;
/** Reset requests per e-mail address, and per network address, in a window. */
export const RESET_MAX_PER_EMAIL = 3;
export const RESET_MAX_PER_ADDRESS = 20;
export const RESET_WINDOW_MS = 60 * 60 * 1000;

function resetMail(user: TUserRow, link: string, byAdmin: string | null) {
  if (user.locale === 'en') {
    return {
      subject: 'Choose a new Maillon password',
      body: `Hello ${user.displayName},\n\n${byAdmin ? `${byAdmin} sent you` : 'Someone (you, we hope) asked for'} a link to choose a new password for Maillon.\nIt is valid for one hour and can be used once:\n\n${link}\n\nIf you did not ask for it, ignore this message: your password stays as it is.`,
    };
  }
  return {
    subject: 'Choisir un nouveau mot de passe Maillon',
    body: `Bonjour ${user.displayName},\n\n${byAdmin ? `${byAdmin} vous envoie` : 'Quelqu’un (vous, espérons-le) a demandé'} un lien pour choisir un nouveau mot de passe Maillon.\nIl est valable une heure et utilisable une seule fois :\n\n${link}\n\nSi vous n’avez rien demandé, ignorez ce message : votre mot de passe reste le même.`,
  };
}

/** Replaces the user's open reset link by a new one and mails it. */
async function issueResetLink(
  tx: TDb,
  publicUrl: string,
  user: TUserRow,
  requestedBy: { userId: string; displayName: string } | null,
): Promise<void> {
  await revokeOpenInvitations(tx, user.id, 'password_reset');
  const token = newToken();
  const link = await insertInvitation(tx, {
    userId: user.id,
    tokenHash: digestToken(token),
    invitedBy: requestedBy?.userId ?? null,
    expiresAt: new Date(Date.now() + RESET_TTL_MS),
    purpose: 'password_reset',
  });
  // The link is kept apart from the body: only the mailer reads it, for the recipient alone
  // (an admin reading the outbox sees its state, never the link: issue 10, finding 1).
  const mail = resetMail(user, OUTBOX_LINK_MARK, requestedBy?.displayName ?? null);
  await queueMail(tx, {
    to: user.email,
    ...mail,
    link: { url: `${publicUrl}/password-reset/${token}`, invitationId: link.id },
  });
}

/**
 * "Forgot my password": mails a one-time link when an active account has this address. The answer
 * is the same whether or not it has one (nothing to learn about who is in the network); the
 * request is throttled per address and per e-mail, and audited with what really happened.
 */
export async function requestPasswordReset(ctx: TAnonymousContext, email: string): Promise<void> {
  const now = new Date();
  await withTransaction(ctx.db, async (tx) => {
    const address = await takeThrottleSlot(tx, `reset-ip:${ctx.ip}`, RESET_WINDOW_MS, now);
    const perEmail = await takeThrottleSlot(tx, `reset:${emailKey(email)}`, RESET_WINDOW_MS, now);
    const limited = address.count > RESET_MAX_PER_ADDRESS ? address : perEmail;
    if (address.count > RESET_MAX_PER_ADDRESS || perEmail.count > RESET_MAX_PER_EMAIL) {
      const seconds = Math.ceil((limited.windowEnds.getTime() - now.getTime()) / 1000);
      throw new AppError(
        'too_many_requests',
        'auth.reset_throttled',
        { minutes: Math.ceil(seconds / 60) },
        { retryAfterSeconds: seconds },
      );
    }
  });
  await withTransaction(ctx.db, async (tx) => {
    // The user row first (as every sign-in write): no deadlock with a disable or an acceptance.
    const found = await findUserByEmail(tx, email.trim());
    const user = found ? await lockUserById(tx, found.id) : undefined;
    const isActive = user?.status === 'active';
    if (user && isActive) await issueResetLink(tx, ctx.config.publicUrl, user, null);
    await appendAudit(tx, {
      actorUserId: null,
      actorRole: null,
      action: 'auth.password_reset_request',
      resourceType: 'user',
      resourceId: user?.id ?? null,
      outcome: isActive ? 'success' : 'failure',
      reason: !user ? 'unknown account' : isActive ? 'link sent' : `account ${user.status}`,
      requestId: ctx.requestId,
    });
  });
}

/** The open reset link behind a token; 404 unknown, 410 used, expired or the account disabled. */
async function openResetLink(db: TDb, token: string) {
  const row = await findInvitationByDigest(db, digestToken(token), 'password_reset');
  if (!row) throw new AppError('not_found', 'password_reset.not_found');
  if (row.invitation.acceptedAt) throw new AppError('gone', 'password_reset.used');
  if (
    row.invitation.revokedAt ||
    row.invitation.expiresAt.getTime() <= Date.now() ||
    row.user.status !== 'active'
  ) {
    throw new AppError('gone', 'password_reset.expired');
  }
  return row;
}

/** What the reset page shows before the person chooses a password. */
export async function describePasswordReset(db: TDb, token: string) {
  const { invitation, user } = await openResetLink(db, token);
  return { email: user.email, displayName: user.displayName, expiresAt: invitation.expiresAt };
}

/**
 * The person chooses a new password through the link: every session of the account ends, and a
 * lock from failed logins is lifted. No session opens here: they log in with the new password
 * (and their second factor, if they have one).
 */
export async function completePasswordReset(
  ctx: TAnonymousContext,
  options: { token: string; password: string },
): Promise<void> {
  const { invitation, user } = await openResetLink(ctx.db, options.token);
  assertPasswordPolicy(options.password, user.email);
  const passwordHash = await hashPassword(options.password);
  await withTransaction(ctx.db, async (tx) => {
    // The user row first, as login, second factor and disable do (one lock order: no deadlock),
    // and its status again: an account disabled during the hashing keeps no usable link.
    const locked = await lockUserById(tx, user.id);
    if (locked?.status !== 'active') throw new AppError('gone', 'password_reset.expired');
    if (!(await markInvitationAccepted(tx, invitation.id))) {
      throw new AppError('gone', 'password_reset.used');
    }
    await updateUser(tx, user.id, { passwordHash });
    await revokeUserSessions(tx, user.id);
    // Lifts a lock from wrong passwords; the second-factor counter stays (a link proves no code).
    await clearThrottle(tx, emailKey(user.email));
    await queueMail(
      tx,
      factorChangeMail(locked, 'password_reset', new Date(), ctx.config.timeZone),
    );
    await appendAudit(tx, {
      actorUserId: user.id,
      actorRole: user.role,
      action: 'account.password_reset',
      resourceType: 'user',
      resourceId: user.id,
      outcome: 'success',
      requestId: ctx.requestId,
    });
  });
}

/** An admin sends a user a reset link (forgotten password, suspected leak). Audited. */
export async function sendPasswordResetLink(ctx: TContext, userId: string): Promise<void> {
  await withTransaction(ctx.db, async (tx) => {
    const user = await lockUserById(tx, userId);
    if (!user) throw notFound('user');
    if (user.status !== 'active') {
      throw new AppError(
        'conflict',
        user.status === 'invited' ? 'admin.reset_invited' : 'admin.reset_disabled',
      );
    }
    await issueResetLink(tx, ctx.config.publicUrl, user, {
      userId: ctx.actor.userId,
      displayName: ctx.actor.displayName,
    });
    await appendAudit(tx, {
      actorUserId: ctx.actor.userId,
      actorRole: ctx.actor.role,
      action: 'user.password_reset_link',
      resourceType: 'user',
      resourceId: user.id,
      outcome: 'success',
      requestId: ctx.requestId,
    });
  });
}
