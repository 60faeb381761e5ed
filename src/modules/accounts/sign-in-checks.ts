import type { TDb } from '../../db/client.js';
import type { TContext } from '../../server/context.js';
import { AppError, fieldError } from '../../server/errors.js';
import { withTransaction } from '../../server/transaction.js';
import { appendAudit } from '../audit/audit.repository.js';
import { verifyPassword } from './passwords.js';
import { clearThrottle, releaseThrottleSlot, takeThrottleSlot } from './throttle.repository.js';
import { totpStepOf } from './totp.js';
import { claimTotpStep, lockUserById, type TUserRow } from './users.repository.js';

/** Failed attempts on one secret of an account before it is locked (an attempt in progress counts)… */
export const ACCOUNT_MAX_FAILURES = 5;
/** …for this long (the window opens at the first failure). */
export const ACCOUNT_LOCK_MS = 15 * 60 * 1000;
/** Failed attempts from one address in a window, whatever the account or the secret. */
export const IP_MAX_ATTEMPTS = 50;
export const IP_WINDOW_MS = 15 * 60 * 1000;

/** Counter of wrong passwords of an account (login and every "confirm your password"). */
export const emailKey = (email: string) => `email:${email.trim().toLowerCase()}`;
/**
 * Counter of wrong second-factor codes of an account. Its own counter: only a right code clears
 * it, so a known password does not buy more code guesses.
 */
export const codeKey = (userId: string) => `totp:${userId}`;
const ipKey = (ip: string) => `ip:${ip}`;

const minutesUntil = (end: Date, now: Date) => Math.ceil((end.getTime() - now.getTime()) / 60000);
const secondsUntil = (end: Date, now: Date) => Math.ceil((end.getTime() - now.getTime()) / 1000);

/**
 * Takes one attempt on the address and on the secret's key before the (slow) check, in one
 * committed transaction: parallel attempts cannot pass the limits together. A refused attempt
 * rolls back and counts for nothing.
 */
export async function takeAttempt(db: TDb, ip: string, key: string, now: Date): Promise<void> {
  await withTransaction(db, async (tx) => {
    const address = await takeThrottleSlot(tx, ipKey(ip), IP_WINDOW_MS, now);
    if (address.count > IP_MAX_ATTEMPTS) {
      throw new AppError(
        'too_many_requests',
        'auth.ip_throttled',
        { minutes: minutesUntil(address.windowEnds, now) },
        { retryAfterSeconds: secondsUntil(address.windowEnds, now) },
      );
    }
    const account = await takeThrottleSlot(tx, key, ACCOUNT_LOCK_MS, now);
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

/**
 * After a success, once its transaction committed: the address gets its attempt back. Kept out of
 * that transaction: the address's row is shared by everyone behind one network address (a
 * hospital), holding it until commit serialised their logins and could deadlock with the audit.
 */
export async function giveBackAddressAttempt(db: TDb, ip: string): Promise<void> {
  // At worst the attempt stays counted: the address gets one try less in this window.
  await releaseThrottleSlot(db, ipKey(ip)).catch(() => undefined);
}

/** Where the answers of a signed-in user's confirmation go: the operation and its form fields. */
export type TFactorCheck = {
  /** Client address (the address limit is shared with login). */
  ip: string;
  /** Audit action of the operation the secrets confirm (its failures are audited under it). */
  action: string;
  password: string;
  passwordField: string;
  /** Current second-factor code: required when the account has one. */
  code: string | undefined;
  codeField: string;
};

async function auditFailure(ctx: TContext, action: string, reason: string): Promise<void> {
  await withTransaction(ctx.db, (tx) =>
    appendAudit(tx, {
      actorUserId: ctx.actor.userId,
      actorRole: ctx.actor.role,
      action,
      resourceType: 'user',
      resourceId: ctx.actor.userId,
      outcome: 'failure',
      reason,
      requestId: ctx.requestId,
    }),
  );
}

/**
 * A signed-in user changing a sign-in factor proves again who they are: the current password,
 * then the current code when the account has a second factor — so a stolen session cannot change
 * either. Each check takes an attempt from the same counters as login (a wrong answer here is a
 * guess like any other) and a wrong answer is audited under the operation's action.
 */
export async function confirmSignInFactors(
  ctx: TContext,
  user: TUserRow,
  check: TFactorCheck,
): Promise<void> {
  // A missing code is not a guess: refused before anything is counted.
  if (user.totpEnabled && !check.code) throw fieldError(check.codeField, 'account.code_required');

  await takeAttempt(ctx.db, check.ip, emailKey(user.email), new Date());
  if (!(await verifyPassword(user.passwordHash, check.password))) {
    await auditFailure(ctx, check.action, 'wrong current password');
    throw fieldError(check.passwordField, 'account.wrong_password');
  }
  await clearThrottle(ctx.db, emailKey(user.email));
  await giveBackAddressAttempt(ctx.db, check.ip);

  if (!user.totpEnabled || !user.totpSecret || !check.code) return;
  await takeAttempt(ctx.db, check.ip, codeKey(user.id), new Date());
  const step = totpStepOf(user.totpSecret, check.code);
  if (step === null) {
    await auditFailure(ctx, check.action, 'wrong second-factor code');
    throw fieldError(check.codeField, 'auth.mfa_code_invalid');
  }
  if (!(await claimTotpStep(ctx.db, user.id, step))) {
    await auditFailure(ctx, check.action, 'second-factor code already used');
    throw fieldError(check.codeField, 'auth.mfa_code_used');
  }
  await clearThrottle(ctx.db, codeKey(user.id));
  await giveBackAddressAttempt(ctx.db, check.ip);
}

/**
 * First statement of a transaction that changes what a check was made on: locks the user row
 * (always first, so every such transaction takes the same locks in the same order) and refuses
 * when the row changed since it was read — the account was disabled, or a password or second
 * factor was changed by a request that ran during the slow check.
 */
export async function lockUnchangedUser(tx: TDb, read: TUserRow): Promise<TUserRow> {
  const user = await lockUserById(tx, read.id);
  if (
    !user ||
    user.status !== read.status ||
    user.passwordHash !== read.passwordHash ||
    user.totpEnabled !== read.totpEnabled ||
    user.totpSecret !== read.totpSecret
  ) {
    throw new AppError('conflict', 'account.changed_meanwhile');
  }
  return user;
}
