/**
 * Sign-in writes racing account changes. The slow checks (password hash, code) run outside any
 * transaction; these tests land a disable, a new password or another admin's action exactly in
 * that window — deterministically, by running it just before the service opens its next
 * transaction — and check the later transaction sees it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq, isNull } from 'drizzle-orm';
import type { TDb } from '../../db/client.js';
import { sessions, users } from '../../db/schema/index.js';
import type { TAnonymousContext, TContext } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { agentFrom, createTestApp, type TTestApp } from '../../../test/helpers/app.js';
import { buildUser, TEST_PASSWORD } from '../../../test/helpers/factories.js';
import { setUserEnabled } from './admin-users.service.js';
import { insertInvitation } from './invitations.repository.js';
import { acceptInvitation } from './invitations.service.js';
import { completeMfa, login } from './login.service.js';
import { hashPassword } from './passwords.js';
import { completePasswordReset } from './password-reset.service.js';
import { revokeUserSessions } from './sessions.repository.js';
import { actorOf } from './sessions.service.js';
import { digestToken, newToken } from './tokens.js';
import { newTotpSecret, totpFor } from './totp.js';
import { findUserById, updateUser } from './users.repository.js';

/** The same database, running `hook` just before the nth transaction the code under test opens. */
function withHookBeforeTransaction(db: TDb, nth: number, hook: () => Promise<void>): TDb {
  let opened = 0;
  return new Proxy(db, {
    get(target, property) {
      if (property === 'transaction') {
        return async (...args: Parameters<TDb['transaction']>) => {
          opened += 1;
          if (opened === nth) await hook();
          return target.transaction(...args);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
    },
  });
}

describe('sign-in racing account changes (user row locked first, state checked again)', () => {
  let t: TTestApp;
  let adminCtx: TContext;
  before(async () => {
    t = await createTestApp();
    const admin = await buildUser(t.database.db, { role: 'admin' });
    adminCtx = { db: t.database.db, config: t.config, actor: actorOf(admin), requestId: 'race' };
  });
  after(() => t.close());

  const anonymous = (db: TDb): TAnonymousContext => ({
    db,
    config: t.config,
    actor: null,
    requestId: 'race',
    ip: '192.0.2.1',
  });
  const liveSessions = async (userId: string) =>
    t.database.db
      .select()
      .from(sessions)
      .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
  const refusal = (code: string) => (error: unknown) =>
    error instanceof AppError && error.code === code;

  it('a login whose password check overlaps a disable opens no session', async () => {
    const user = await buildUser(t.database.db, { role: 'professional' });
    // transaction 1 takes the attempt, 2 opens the session: the disable lands between them
    const db = withHookBeforeTransaction(t.database.db, 2, async () => {
      await setUserEnabled(adminCtx, user.id, false);
    });
    await assert.rejects(
      login(anonymous(db), { email: user.email, password: TEST_PASSWORD }),
      refusal('unauthenticated'),
    );
    assert.equal((await liveSessions(user.id)).length, 0, 'nothing to come back on re-enabling');
    await setUserEnabled(adminCtx, user.id, true);
    assert.equal((await liveSessions(user.id)).length, 0);
  });

  it('a login with the old password overlapping a new password opens no session', async () => {
    const user = await buildUser(t.database.db, { role: 'coordinator' });
    const newHash = await hashPassword('the password after the reset');
    const db = withHookBeforeTransaction(t.database.db, 2, async () => {
      // what a reset or a change commits: the new hash, every session closed
      await t.database.db.transaction(async (tx) => {
        await updateUser(tx, user.id, { passwordHash: newHash });
        await revokeUserSessions(tx, user.id);
      });
    });
    await assert.rejects(
      login(anonymous(db), { email: user.email, password: TEST_PASSWORD }),
      refusal('unauthenticated'),
    );
    assert.equal((await liveSessions(user.id)).length, 0);
  });

  it('a second-factor step overlapping a disable opens no session', async () => {
    const secret = newTotpSecret();
    const user = await buildUser(t.database.db, { role: 'social', totpSecret: secret });
    const pending = agentFrom(
      t.app,
      await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: user.email, password: TEST_PASSWORD },
      }),
    );
    const [row] = await liveSessions(user.id);
    assert.ok(row?.mfaPending);
    const db = withHookBeforeTransaction(t.database.db, 2, async () => {
      await setUserEnabled(adminCtx, user.id, false);
    });
    await assert.rejects(
      completeMfa(anonymous(db), {
        userId: user.id,
        tokenHash: row.tokenHash,
        code: totpFor(secret, 'test').generate(),
      }),
      refusal('unauthenticated'),
    );
    assert.equal((await liveSessions(user.id)).length, 0);
    assert.equal((await pending.request('GET', '/api/auth/session')).statusCode, 401);
  });

  it('a password reset overlapping a disable changes nothing', async () => {
    const user = await buildUser(t.database.db, { role: 'professional' });
    const token = newToken();
    await insertInvitation(t.database.db, {
      userId: user.id,
      tokenHash: digestToken(token),
      invitedBy: null,
      expiresAt: new Date(Date.now() + 60 * 60 * 1000),
      purpose: 'password_reset',
    });
    // the link is read and the password hashed before the reset's one transaction
    const db = withHookBeforeTransaction(t.database.db, 1, async () => {
      await setUserEnabled(adminCtx, user.id, false);
    });
    await assert.rejects(
      completePasswordReset(anonymous(db), { token, password: 'a new password chosen late' }),
      refusal('gone'),
    );
    const after = await findUserById(t.database.db, user.id);
    assert.equal(after!.passwordHash, user.passwordHash);
    assert.equal(after!.status, 'disabled');
  });

  it('an invitation accepted while the account is being disabled does not bring it back', async () => {
    const user = await buildUser(t.database.db, { role: 'professional' });
    await updateUser(t.database.db, user.id, { status: 'invited', passwordHash: null });
    const token = newToken();
    await insertInvitation(t.database.db, {
      userId: user.id,
      tokenHash: digestToken(token),
      invitedBy: null,
      expiresAt: new Date(Date.now() + 60 * 60 * 1000),
    });
    // the link is read and the password hashed before the acceptance's one transaction
    const db = withHookBeforeTransaction(t.database.db, 1, async () => {
      await setUserEnabled(adminCtx, user.id, false);
    });
    await assert.rejects(
      acceptInvitation(anonymous(db), { token, password: 'a password chosen late' }),
      refusal('gone'),
    );
    const after = await findUserById(t.database.db, user.id);
    assert.equal(after!.status, 'disabled');
    assert.equal(after!.passwordHash, null);
    assert.equal((await liveSessions(user.id)).length, 0);
  });

  it('password resets and disables of the same accounts at once never deadlock', async () => {
    // Before, a reset locked the link then the user, a disable the user then the link.
    const people = await Promise.all(
      Array.from({ length: 12 }, () => buildUser(t.database.db, { role: 'professional' })),
    );
    const tokens = await Promise.all(
      people.map(async (user) => {
        const token = newToken();
        await insertInvitation(t.database.db, {
          userId: user.id,
          tokenHash: digestToken(token),
          invitedBy: null,
          expiresAt: new Date(Date.now() + 60 * 60 * 1000),
          purpose: 'password_reset',
        });
        return token;
      }),
    );
    const results = await Promise.allSettled(
      people.flatMap((user, i) => [
        completePasswordReset(anonymous(t.database.db), {
          token: tokens[i]!,
          password: 'a new password in a hurry',
        }),
        setUserEnabled(adminCtx, user.id, false),
      ]),
    );
    const unexpected = results.filter((r) => r.status === 'rejected' && !refusal('gone')(r.reason));
    assert.deepEqual(unexpected, [], 'only clean refusals (link gone), no deadlock');
    for (const user of people) {
      assert.equal((await findUserById(t.database.db, user.id))!.status, 'disabled');
      assert.equal((await liveSessions(user.id)).length, 0);
    }
  });

  it('two admins disabling each other at once: exactly one succeeds', async () => {
    for (let round = 0; round < 3; round++) {
      const first = await buildUser(t.database.db, { role: 'admin' });
      const second = await buildUser(t.database.db, { role: 'admin' });
      const ctxOf = (user: typeof first): TContext => ({
        ...adminCtx,
        actor: actorOf(user),
      });
      const results = await Promise.allSettled([
        setUserEnabled(ctxOf(first), second.id, false),
        setUserEnabled(ctxOf(second), first.id, false),
      ]);
      const refused = results.filter((r) => r.status === 'rejected');
      assert.equal(refused.length, 1, `round ${round}: ${JSON.stringify(results)}`);
      assert.ok(refusal('forbidden')((refused[0] as PromiseRejectedResult).reason));
      const statuses = await t.database.db
        .select({ status: users.status })
        .from(users)
        .where(eq(users.role, 'admin'));
      assert.ok(
        statuses.some((s) => s.status === 'active'),
        'an administrator is left',
      );
      const pair = [
        await findUserById(t.database.db, first.id),
        await findUserById(t.database.db, second.id),
      ];
      assert.deepEqual(pair.map((u) => u!.status).sort(), ['active', 'disabled'], `round ${round}`);
    }
  });

  it('a disabled admin cannot disable anyone with a session opened before', async () => {
    const acting = await buildUser(t.database.db, { role: 'admin' });
    const target = await buildUser(t.database.db, { role: 'professional' });
    const actingCtx: TContext = { ...adminCtx, actor: actorOf(acting) };
    await setUserEnabled(adminCtx, acting.id, false);
    await assert.rejects(setUserEnabled(actingCtx, target.id, false), refusal('forbidden'));
    assert.equal((await findUserById(t.database.db, target.id))!.status, 'active');
  });
});
