import type { TAnonymousContext } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { withTransaction } from '../../server/transaction.js';
import { appendAudit } from '../audit/audit.repository.js';
import { verifyPassword } from './passwords.js';
import { openSession } from './sessions.service.js';
import { revokeSession } from './sessions.repository.js';
import { clearThrottle, releaseThrottleSlot, takeThrottleSlot } from './throttle.repository.js';
import { totpStepOf } from './totp.js';
import { claimTotpStep, findUserByEmail, findUserById } from './users.repository.js';

/** Failed attempts on one account before it is locked (an attempt in progress counts)… */
export const ACCOUNT_MAX_FAILURES = 5;
/** …for this long (the window opens at the first failure). */
export const ACCOUNT_LOCK_MS = 15 * 60 * 1000;
/** Failed attempts from one address in a window, whatever the account. */
export const IP_MAX_ATTEMPTS = 50;
export const IP_WINDOW_MS = 15 * 60 * 1000;

export const emailKey = (email: string) => `email:${email.trim().toLowerCase()}`;
const ipKey = (ip: string) => `ip:${ip}`;

const minutesUntil = (end: Date, now: Date) => Math.ceil((end.getTime() - now.getTime()) / 60000);
const secondsUntil = (end: Date, now: Date) => Math.ceil((end.getTime() - now.getTime()) / 1000);

/**
 * Takes one attempt on the address and on the account before the (slow) password or code check,
 * in one committed transaction: parallel attempts cannot pass the limits together. A refused
 * attempt rolls back and counts for nothing.
 */
async function takeAttempt(ctx: TAnonymousContext, email: string, now: Date): Promise<void> {
  await withTransaction(ctx.db, async (tx) => {
    const address = await takeThrottleSlot(tx, ipKey(ctx.ip), IP_WINDOW_MS, now);
    if (address.count > IP_MAX_ATTEMPTS) {
      throw new AppError(
        'too_many_requests',
        'auth.ip_throttled',
        { minutes: minutesUntil(address.windowEnds, now) },
        { retryAfterSeconds: secondsUntil(address.windowEnds, now) },
      );
    }
    const account = await takeThrottleSlot(tx, emailKey(email), ACCOUNT_LOCK_MS, now);
    if (account.count > ACCOUNT_MAX_FAILURES) {
      throw new AppError(
        'account_locked',
        'auth.locked',
        { minutes: minutesUntil(account.windowEnds, now) },
        { retryAfterSeconds: secondsUntil(account.windowEnds, now) },
      );
    }
  });
}

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

/**
 * After a success, once its transaction committed: the address gets its attempt back. Kept out of
 * that transaction: the address's row is shared by everyone behind one network address (a
 * hospital), holding it until commit serialised their logins and could deadlock with the audit.
 */
async function giveBackAddressAttempt(ctx: TAnonymousContext): Promise<void> {
  // At worst the attempt stays counted: the address gets one try less in this window.
  await releaseThrottleSlot(ctx.db, ipKey(ctx.ip)).catch(() => undefined);
}

export type TLoginResult = { token: string; mfaPending: boolean };

/** Checks e-mail and password under throttling; opens a session (pending its second factor). */
export async function login(
  ctx: TAnonymousContext,
  options: { email: string; password: string },
): Promise<TLoginResult> {
  await takeAttempt(ctx, options.email, new Date());
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
    await clearThrottle(tx, emailKey(options.email));
    const token = await openSession(tx, user.id, { mfaPending: user.totpEnabled });
    await appendAudit(tx, {
      actorUserId: user.id,
      actorRole: user.role,
      action: 'auth.login',
      resourceType: 'user',
      resourceId: user.id,
      outcome: 'success',
      reason: user.totpEnabled ? 'password accepted, second factor pending' : 'password accepted',
      requestId: ctx.requestId,
    });
    return { token, mfaPending: user.totpEnabled };
  });
  await giveBackAddressAttempt(ctx);
  return result;
}

/** Second step: a valid TOTP code turns a pending session into a full one, under a new token. */
export async function completeMfa(
  ctx: TAnonymousContext,
  options: { userId: string; tokenHash: string; code: string },
): Promise<string> {
  const user = await findUserById(ctx.db, options.userId);
  if (!user) throw new AppError('unauthenticated', 'auth.required');
  await takeAttempt(ctx, user.email, new Date());
  const step =
    user.totpSecret && user.totpEnabled ? totpStepOf(user.totpSecret, options.code) : null;
  if (step === null) {
    await recordFailure(ctx, user.id, 'wrong second-factor code');
    throw new AppError('unauthenticated', 'auth.mfa_code_invalid');
  }
  if (!(await claimTotpStep(ctx.db, user.id, step))) {
    await recordFailure(ctx, user.id, 'second-factor code already used');
    throw new AppError('unauthenticated', 'auth.mfa_code_used');
  }
  const token = await withTransaction(ctx.db, async (tx) => {
    await clearThrottle(tx, emailKey(user.email));
    await revokeSession(tx, options.tokenHash);
    const fresh = await openSession(tx, user.id, { mfaPending: false });
    await appendAudit(tx, {
      actorUserId: user.id,
      actorRole: user.role,
      action: 'auth.mfa',
      resourceType: 'user',
      resourceId: user.id,
      outcome: 'success',
      requestId: ctx.requestId,
    });
    return fresh;
  });
  await giveBackAddressAttempt(ctx);
  return token;
}
