import QRCode from 'qrcode';
import type { TDb } from '../../db/client.js';
import type { TContext } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { withTransaction } from '../../server/transaction.js';
import { appendAudit } from '../audit/audit.repository.js';
import { getMfaRequiredRoles } from '../settings/settings.repository.js';
import { queueMail } from '../mail/mail.service.js';
import { factorChangeMail, type TFactorChange } from './factor-change.mail.js';
import { assertPasswordPolicy, hashPassword } from './passwords.js';
import { revokeUserSessions } from './sessions.repository.js';
import { confirmSignInFactors, lockUnchangedUser } from './sign-in-checks.js';
import { newTotpSecret, totpFor, totpStepOf } from './totp.js';
import { claimTotpStep, findUserById, updateUser, type TUserRow } from './users.repository.js';

async function currentUser(ctx: TContext): Promise<TUserRow> {
  const user = await findUserById(ctx.db, ctx.actor.userId);
  if (!user) throw new AppError('unauthenticated', 'auth.required');
  return user;
}

function securityAudit(ctx: TContext, action: string) {
  return {
    actorUserId: ctx.actor.userId,
    actorRole: ctx.actor.role,
    action,
    resourceType: 'user',
    resourceId: ctx.actor.userId,
    outcome: 'success' as const,
    requestId: ctx.requestId,
  };
}

/** Changes the display name and/or language of the logged-in user. */
export function updateProfile(
  ctx: TContext,
  options: { displayName?: string; locale?: 'fr' | 'en' },
): Promise<TUserRow> {
  return withTransaction(ctx.db, async (tx) => {
    const user = await updateUser(tx, ctx.actor.userId, options);
    await appendAudit(tx, {
      ...securityAudit(ctx, 'account.update'),
      details: { fields: Object.keys(options) },
    });
    return user;
  });
}

/** Tells the user by mail that a sign-in factor changed (queued in the change's transaction). */
function mailFactorChange(ctx: TContext, tx: TDb, user: TUserRow, change: TFactorChange) {
  return queueMail(tx, factorChangeMail(user, change, new Date(), ctx.config.timeZone));
}

/** What a signed-in user gives to change a sign-in factor (see confirmSignInFactors). */
type TProof = { ip: string; code?: string | undefined };

/**
 * Changes the password after checking the current one (and the current code when the account has
 * a second factor); every other session is closed, the user is told by mail.
 */
export async function changePassword(
  ctx: TContext,
  options: TProof & { currentPassword: string; newPassword: string; sessionTokenHash: string },
): Promise<void> {
  const user = await currentUser(ctx);
  // The new password's rules first: a refused new password costs no attempt.
  assertPasswordPolicy(options.newPassword, user.email, 'newPassword');
  await confirmSignInFactors(ctx, user, {
    ip: options.ip,
    action: 'account.password_change',
    password: options.currentPassword,
    passwordField: 'currentPassword',
    code: options.code,
    codeField: 'code',
  });
  const passwordHash = await hashPassword(options.newPassword);
  await withTransaction(ctx.db, async (tx) => {
    const locked = await lockUnchangedUser(tx, user);
    await updateUser(tx, locked.id, { passwordHash });
    await revokeUserSessions(tx, locked.id, options.sessionTokenHash);
    await appendAudit(tx, securityAudit(ctx, 'account.password_change'));
    await mailFactorChange(ctx, tx, locked, 'password_changed');
  });
}

/**
 * Starts TOTP enrolment: a new secret, not active until a code proves the app has it. Needs the
 * password (and the current code when a second factor is on: starting over replaces it, and the
 * old one stops at once — a stolen session could otherwise switch the second factor off).
 */
export async function startTotpSetup(
  ctx: TContext,
  options: TProof & { password: string },
): Promise<{ secret: string; otpauthUrl: string; qrSvg: string }> {
  const user = await currentUser(ctx);
  await confirmSignInFactors(ctx, user, {
    ip: options.ip,
    action: 'account.totp_setup',
    password: options.password,
    passwordField: 'password',
    code: options.code,
    codeField: 'code',
  });
  const secret = newTotpSecret();
  await withTransaction(ctx.db, async (tx) => {
    const locked = await lockUnchangedUser(tx, user);
    await updateUser(tx, locked.id, {
      totpSecret: secret,
      totpEnabled: false,
      totpLastStep: null,
    });
    await appendAudit(tx, {
      ...securityAudit(ctx, 'account.totp_setup'),
      details: { replacing: locked.totpEnabled },
    });
    if (locked.totpEnabled) await mailFactorChange(ctx, tx, locked, 'totp_replacing');
  });
  const otpauthUrl = totpFor(secret, ctx.actor.email).toString();
  // The code a phone scans: drawn here so the secret never leaves for a third-party service.
  const qrSvg = await QRCode.toString(otpauthUrl, {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: 2,
  });
  return { secret, otpauthUrl, qrSvg };
}

/**
 * Turns TOTP on once the user types a valid code from their app. The password was given to start
 * the enrolment (startTotpSetup): the secret being confirmed was only ever shown after it.
 */
export async function enableTotp(ctx: TContext, options: { code: string }): Promise<void> {
  const user = await currentUser(ctx);
  if (!user.totpSecret || user.totpEnabled) {
    throw new AppError('unprocessable', 'account.totp_not_started');
  }
  const step = totpStepOf(user.totpSecret, options.code);
  if (step === null) {
    throw new AppError(
      'unprocessable',
      'auth.mfa_code_invalid',
      {},
      {
        fields: [{ field: 'code', message: 'auth.mfa_code_invalid' }],
      },
    );
  }
  await withTransaction(ctx.db, async (tx) => {
    const locked = await lockUnchangedUser(tx, user);
    // the enrolment code cannot serve again to log in
    await claimTotpStep(tx, locked.id, step);
    await updateUser(tx, locked.id, { totpEnabled: true });
    await appendAudit(tx, securityAudit(ctx, 'account.totp_enable'));
    await mailFactorChange(ctx, tx, locked, 'totp_enabled');
  });
}

/**
 * Turns TOTP off (password and current code required), unless the network requires it for the
 * role.
 */
export async function disableTotp(
  ctx: TContext,
  options: TProof & { password: string },
): Promise<void> {
  const user = await currentUser(ctx);
  if ((await getMfaRequiredRoles(ctx.db)).includes(user.role)) {
    throw new AppError('unprocessable', 'account.totp_required_by_role');
  }
  await confirmSignInFactors(ctx, user, {
    ip: options.ip,
    action: 'account.totp_disable',
    password: options.password,
    passwordField: 'password',
    code: options.code,
    codeField: 'code',
  });
  await withTransaction(ctx.db, async (tx) => {
    const locked = await lockUnchangedUser(tx, user);
    await updateUser(tx, locked.id, { totpEnabled: false, totpSecret: null, totpLastStep: null });
    await appendAudit(tx, securityAudit(ctx, 'account.totp_disable'));
    await mailFactorChange(ctx, tx, locked, 'totp_disabled');
  });
}
