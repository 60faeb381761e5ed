import type { TDb } from '../../db/client.js';
import type { TContext } from '../../server/context.js';
import { AppError, notFound } from '../../server/errors.js';
import { withTransaction } from '../../server/transaction.js';
import { appendAudit, type TAuditEntry } from '../audit/audit.repository.js';
import { queueMail } from '../mail/mail.service.js';
import { factorChangeMail } from './factor-change.mail.js';
import { revokeOpenInvitations } from './invitations.repository.js';
import { revokeUserSessions } from './sessions.repository.js';
import { lockUserById, updateUser, type TUserRow } from './users.repository.js';

function auditUserChange(
  ctx: TContext,
  action: string,
  user: TUserRow,
  details?: Record<string, unknown>,
): TAuditEntry {
  return {
    actorUserId: ctx.actor.userId,
    actorRole: ctx.actor.role,
    action,
    resourceType: 'user',
    resourceId: user.id,
    personId: user.personId,
    outcome: 'success',
    requestId: ctx.requestId,
    ...(details ? { details } : {}),
  };
}

/**
 * Locks the acting admin's row and the target's, always in the order of their ids (two admins
 * acting on each other at once cannot deadlock, and one waits for the other), then checks the
 * actor is still an active admin: of two admins disabling each other at once, the second finds
 * itself disabled and is refused. Returns the target row, locked.
 */
async function lockActorAndTarget(
  ctx: TContext,
  tx: TDb,
  targetId: string,
): Promise<TUserRow | undefined> {
  const rows = new Map<string, TUserRow | undefined>();
  for (const id of [...new Set([ctx.actor.userId, targetId])].sort()) {
    rows.set(id, await lockUserById(tx, id));
  }
  const actor = rows.get(ctx.actor.userId);
  if (actor?.status !== 'active' || actor.role !== 'admin') {
    throw new AppError('forbidden', 'admin.actor_not_enabled');
  }
  return rows.get(targetId);
}

/**
 * Someone leaves the network: the account is disabled at once (every session ends, open links
 * stop working) — nothing is deleted, the audit trail keeps their actions. Re-enabling gives the
 * account back as it was (active, or invited if they had never chosen a password).
 */
export async function setUserEnabled(
  ctx: TContext,
  userId: string,
  enabled: boolean,
): Promise<TUserRow> {
  return withTransaction(ctx.db, async (tx) => {
    const user = await lockActorAndTarget(ctx, tx, userId);
    if (!user) throw notFound('user');
    if (!enabled && user.id === ctx.actor.userId) {
      throw new AppError('unprocessable', 'admin.cannot_disable_self');
    }
    const isDisabled = user.status === 'disabled';
    if (enabled === !isDisabled) return user; // already so: nothing to change, nothing to audit
    if (!enabled) {
      const updated = await updateUser(tx, user.id, { status: 'disabled' });
      await revokeUserSessions(tx, user.id);
      await revokeOpenInvitations(tx, user.id);
      await appendAudit(tx, auditUserChange(ctx, 'user.disable', user, { from: user.status }));
      return updated;
    }
    const status = user.passwordHash ? 'active' : 'invited';
    const updated = await updateUser(tx, user.id, { status });
    await appendAudit(tx, auditUserChange(ctx, 'user.enable', user, { to: status }));
    return updated;
  });
}

/**
 * A lost phone: the user's second factor is removed and their sessions end; they log in with
 * their password and enrol again (at once, if their role requires a second factor). An admin
 * removes their own second factor from their account page, with their password.
 */
export async function resetSecondFactor(ctx: TContext, userId: string): Promise<TUserRow> {
  return withTransaction(ctx.db, async (tx) => {
    const user = await lockActorAndTarget(ctx, tx, userId);
    if (!user) throw notFound('user');
    if (user.id === ctx.actor.userId)
      throw new AppError('unprocessable', 'admin.own_second_factor');
    if (!user.totpEnabled && !user.totpSecret) {
      throw new AppError('conflict', 'admin.no_second_factor');
    }
    const updated = await updateUser(tx, user.id, {
      totpEnabled: false,
      totpSecret: null,
      totpLastStep: null,
    });
    await revokeUserSessions(tx, user.id);
    await queueMail(
      tx,
      factorChangeMail(user, 'totp_removed_by_admin', new Date(), ctx.config.timeZone),
    );
    await appendAudit(tx, auditUserChange(ctx, 'user.mfa_reset', user));
    return updated;
  });
}
