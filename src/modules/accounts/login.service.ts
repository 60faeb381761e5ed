import type { TAnonymousContext } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { withTransaction } from '../../server/transaction.js';
import { appendAudit } from '../audit/audit.repository.js';
import { verifyPassword } from './passwords.js';
import { openSession } from './sessions.service.js';
import { findLiveSession, revokeSession } from './sessions.repository.js';
import { codeKey, emailKey, giveBackAddressAttempt, takeAttempt } from './sign-in-checks.js';
import { clearThrottle } from './throttle.repository.js';
import { totpStepOf } from './totp.js';
import { claimTotpStep, findUserByEmail, findUserById, lockUserById } from './users.repository.js';

export {
  ACCOUNT_LOCK_MS,
  ACCOUNT_MAX_FAILURES,
  emailKey,
  IP_MAX_ATTEMPTS,
  IP_WINDOW_MS,
} from './sign-in-checks.js';

/** Audits a failed attempt (its slots stay taken: the caller then answers an error). */
async function recordFailure(
  ctx: TAnonymousContext,
  userId: string | null,
  reason: string,
): Promise<void> {
  await withTransaction(ctx.db, (tx) =>
    appendAudit(tx, {
      actorUserId: userId,
      actorRole: null,
      action: 'auth.login',
      resourceType: 'user',
      resourceId: userId,
      outcome: 'failure',
      reason,
      requestId: ctx.requestId,
    }),
  );
}

export type TLoginResult = { token: string; mfaPending: boolean };

/** Checks e-mail and password under throttling; opens a session (pending its second factor). */
export async function login(
  ctx: TAnonymousContext,
  options: { email: string; password: string },
): Promise<TLoginResult> {
  await takeAttempt(ctx.db, ctx.ip, emailKey(options.email), new Date());
  const user = await findUserByEmail(ctx.db, options.email.trim());
  const isActive = user?.status === 'active';
  const isValid = await verifyPassword(isActive ? user.passwordHash : null, options.password);
  if (!user || !isActive || !isValid) {
    await recordFailure(
      ctx,
      user?.id ?? null,
      !user ? 'unknown account' : !isActive ? `account ${user.status}` : 'wrong password',
    );
    throw new AppError('unauthenticated', 'auth.invalid_credentials');
  }
  const result = await withTransaction(ctx.db, async (tx) => {
    // The user row first, then what hangs on it (same order as reset, disable, second factor).
    // The password was checked on a row read before the slow hash: an account disabled or given
    // a new password meanwhile opens no session.
    const locked = await lockUserById(tx, user.id);
    if (locked?.status !== 'active' || locked.passwordHash !== user.passwordHash) return null;
    await clearThrottle(tx, emailKey(options.email));
    const token = await openSession(tx, locked.id, { mfaPending: locked.totpEnabled });
    await appendAudit(tx, {
      actorUserId: locked.id,
      actorRole: locked.role,
      action: 'auth.login',
      resourceType: 'user',
      resourceId: locked.id,
      outcome: 'success',
      reason: locked.totpEnabled ? 'password accepted, second factor pending' : 'password accepted',
      requestId: ctx.requestId,
    });
    return { token, mfaPending: locked.totpEnabled };
  });
  if (!result) {
    await recordFailure(ctx, user.id, 'account changed during the password check');
    throw new AppError('unauthenticated', 'auth.invalid_credentials');
  }
  await giveBackAddressAttempt(ctx.db, ctx.ip);
  return result;
}

/** Second step: a valid TOTP code turns a pending session into a full one, under a new token. */
export async function completeMfa(
  ctx: TAnonymousContext,
  options: { userId: string; tokenHash: string; code: string },
): Promise<string> {
  const user = await findUserById(ctx.db, options.userId);
  if (!user) throw new AppError('unauthenticated', 'auth.required');
  // The codes' own counter: a right password does not clear it.
  await takeAttempt(ctx.db, ctx.ip, codeKey(user.id), new Date());
  const step =
    user.totpSecret && user.totpEnabled ? totpStepOf(user.totpSecret, options.code) : null;
  if (step === null) {
    await recordFailure(ctx, user.id, 'wrong second-factor code');
    throw new AppError('unauthenticated', 'auth.mfa_code_invalid');
  }
  type TOutcome = { token: string; failed?: never } | { failed: string; token?: never };
  const outcome = await withTransaction(ctx.db, async (tx): Promise<TOutcome> => {
    const locked = await lockUserById(tx, user.id);
    const session = await findLiveSession(tx, options.tokenHash);
    // Disabled, second factor changed, or this pending session closed (password reset) meanwhile.
    if (
      locked?.status !== 'active' ||
      !locked.totpEnabled ||
      locked.totpSecret !== user.totpSecret ||
      session?.session.userId !== locked.id
    ) {
      return { failed: 'account changed during the code check' };
    }
    if (!(await claimTotpStep(tx, locked.id, step))) {
      return { failed: 'second-factor code already used' };
    }
    await clearThrottle(tx, codeKey(locked.id));
    await revokeSession(tx, options.tokenHash);
    const fresh = await openSession(tx, locked.id, { mfaPending: false });
    await appendAudit(tx, {
      actorUserId: locked.id,
      actorRole: locked.role,
      action: 'auth.mfa',
      resourceType: 'user',
      resourceId: locked.id,
      outcome: 'success',
      requestId: ctx.requestId,
    });
    return { token: fresh };
  });
  if (outcome.failed !== undefined) {
    await recordFailure(ctx, user.id, outcome.failed);
    throw new AppError(
      'unauthenticated',
      outcome.failed === 'second-factor code already used' ? 'auth.mfa_code_used' : 'auth.required',
    );
  }
  await giveBackAddressAttempt(ctx.db, ctx.ip);
  return outcome.token;
}
