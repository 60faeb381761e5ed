import QRCode from 'qrcode';
import type { TContext } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { withTransaction } from '../../server/transaction.js';
import { appendAudit } from '../audit/audit.repository.js';
import { getMfaRequiredRoles } from '../settings/settings.repository.js';
import { assertPasswordPolicy, hashPassword, verifyPassword } from './passwords.js';
import { revokeUserSessions } from './sessions.repository.js';
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

/** Changes the password after checking the current one; every other session is closed. */
export async function changePassword(
  ctx: TContext,
  options: { currentPassword: string; newPassword: string; sessionTokenHash: string },
): Promise<void> {
  const user = await currentUser(ctx);
  if (!(await verifyPassword(user.passwordHash, options.currentPassword))) {
    throw new AppError(
      'unprocessable',
      'account.wrong_password',
      {},
      {
        fields: [{ field: 'currentPassword', message: 'account.wrong_password' }],
      },
    );
  }
  assertPasswordPolicy(options.newPassword, user.email, 'newPassword');
  const passwordHash = await hashPassword(options.newPassword);
  await withTransaction(ctx.db, async (tx) => {
    await updateUser(tx, user.id, { passwordHash });
    await revokeUserSessions(tx, user.id, options.sessionTokenHash);
    await appendAudit(tx, securityAudit(ctx, 'account.password_change'));
  });
}

/** Starts TOTP enrolment: a new secret, not active until a code proves the app has it. */
export async function startTotpSetup(
  ctx: TContext,
): Promise<{ secret: string; otpauthUrl: string; qrSvg: string }> {
  const secret = newTotpSecret();
  await withTransaction(ctx.db, async (tx) => {
    await updateUser(tx, ctx.actor.userId, {
      totpSecret: secret,
      totpEnabled: false,
      totpLastStep: null,
    });
    await appendAudit(tx, securityAudit(ctx, 'account.totp_setup'));
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

/** Turns TOTP on once the user types a valid code from their app. */
export async function enableTotp(ctx: TContext, options: { code: string }): Promise<void> {
  const user = await currentUser(ctx);
  if (!user.totpSecret) throw new AppError('unprocessable', 'account.totp_not_started');
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
    // the enrolment code cannot serve again to log in
    await claimTotpStep(tx, user.id, step);
    await updateUser(tx, user.id, { totpEnabled: true });
    await appendAudit(tx, securityAudit(ctx, 'account.totp_enable'));
  });
}

/** Turns TOTP off (password required), unless the network requires it for the role. */
export async function disableTotp(ctx: TContext, options: { password: string }): Promise<void> {
  const user = await currentUser(ctx);
  if ((await getMfaRequiredRoles(ctx.db)).includes(user.role)) {
    throw new AppError('unprocessable', 'account.totp_required_by_role');
  }
  if (!(await verifyPassword(user.passwordHash, options.password))) {
    throw new AppError(
      'unprocessable',
      'account.wrong_password',
      {},
      {
        fields: [{ field: 'password', message: 'account.wrong_password' }],
      },
    );
  }
  await withTransaction(ctx.db, async (tx) => {
    await updateUser(tx, user.id, { totpEnabled: false, totpSecret: null, totpLastStep: null });
    await appendAudit(tx, securityAudit(ctx, 'account.totp_disable'));
  });
}
