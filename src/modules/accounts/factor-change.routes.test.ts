import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, asc, eq } from 'drizzle-orm';
import { auditLog, outbox, users } from '../../db/schema/index.js';
import { agentFrom, createTestApp, loginAs, type TTestApp } from '../../../test/helpers/app.js';
import { buildUser, TEST_PASSWORD } from '../../../test/helpers/factories.js';
import { ACCOUNT_MAX_FAILURES } from './sign-in-checks.js';
import { newTotpSecret, totpFor } from './totp.js';

const codeFor = (secret: string, offsetSeconds = 0) =>
  totpFor(secret, 'test').generate({ timestamp: Date.now() + offsetSeconds * 1000 });

describe('changing a sign-in factor (password, second factor)', () => {
  let t: TTestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  const login = (email: string, password = TEST_PASSWORD) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });

  /** Logs in with password and code; returns the full session. */
  async function fullSession(email: string, secret: string, offsetSeconds = 0) {
    const step2 = await agentFrom(t.app, await login(email)).request('POST', '/api/auth/totp', {
      code: codeFor(secret, offsetSeconds),
    });
    assert.equal(step2.statusCode, 200, step2.body);
    return agentFrom(t.app, step2);
  }

  const userRow = async (id: string) =>
    (await t.database.db.select().from(users).where(eq(users.id, id)))[0]!;
  const mailsTo = (email: string) =>
    t.database.db
      .select()
      .from(outbox)
      .where(eq(outbox.toAddress, email))
      .orderBy(asc(outbox.createdAt));
  const auditOf = (userId: string, action: string) =>
    t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.resourceId, userId), eq(auditLog.action, action)))
      .orderBy(asc(auditLog.seq));

  it('a stolen session cannot replace the second factor without the password and current code', async () => {
    const secret = newTotpSecret();
    const user = await buildUser(t.database.db, { role: 'coordinator', totpSecret: secret });
    const session = await fullSession(user.email, secret);

    const bare = await session.request('POST', '/api/account/totp/setup');
    assert.equal(bare.statusCode, 400, 'no password: refused');
    const noCode = await session.request('POST', '/api/account/totp/setup', {
      password: TEST_PASSWORD,
    });
    assert.equal(noCode.statusCode, 422);
    assert.equal(noCode.json().error.details.fields[0].field, 'code');
    const wrongCode = await session.request('POST', '/api/account/totp/setup', {
      password: TEST_PASSWORD,
      code: '000000',
    });
    assert.equal(wrongCode.statusCode, 422);
    assert.equal(wrongCode.json().error.details.fields[0].field, 'code');
    const wrongPassword = await session.request('POST', '/api/account/totp/setup', {
      password: 'not the password',
      code: codeFor(secret, 30),
    });
    assert.equal(wrongPassword.statusCode, 422);
    assert.equal(wrongPassword.json().error.details.fields[0].field, 'password');
    const kept = await userRow(user.id);
    assert.equal(kept.totpEnabled, true, 'the second factor is still on');
    assert.equal(kept.totpSecret, secret, 'and still the same');
    assert.equal((await mailsTo(user.email)).length, 0, 'nothing changed, nothing mailed');

    // With both, the user replaces it (new phone); the old code stops, the new one is confirmed.
    const replaced = await session.request('POST', '/api/account/totp/setup', {
      password: TEST_PASSWORD,
      code: codeFor(secret, 30),
    });
    assert.equal(replaced.statusCode, 200, replaced.body);
    const fresh = replaced.json<{ secret: string }>().secret;
    assert.notEqual(fresh, secret);
    const enabled = await session.request('POST', '/api/account/totp/enable', {
      code: codeFor(fresh),
    });
    assert.equal(enabled.statusCode, 204);
    const after = await userRow(user.id);
    assert.deepEqual([after.totpEnabled, after.totpSecret], [true, fresh]);
    const setupAudit = await auditOf(user.id, 'account.totp_setup');
    assert.deepEqual(
      setupAudit.map((row) => [row.outcome, row.reason ?? row.details]),
      [
        ['failure', 'wrong second-factor code'],
        ['failure', 'wrong current password'],
        ['success', { replacing: true }],
      ],
      'each refusal audited, then the replacement',
    );
    assert.equal((await auditOf(user.id, 'account.totp_enable')).length, 1);
    const mails = await mailsTo(user.email);
    assert.equal(mails.length, 2, 'told of the start of the replacement, then of the new factor');
    for (const mail of mails) {
      assert.match(mail.body, /double authentification/);
      assert.ok(!mail.body.includes(secret) && !mail.body.includes(fresh), 'no secret in a mail');
    }
  });

  it('a first second factor also needs the password before any secret is given', async () => {
    const user = await buildUser(t.database.db, { role: 'professional', locale: 'en' });
    const agent = await loginAs(t.app, user.email, TEST_PASSWORD);
    const wrong = await agent.request('POST', '/api/account/totp/setup', { password: 'nope' });
    assert.equal(wrong.statusCode, 422);
    assert.ok(!('secret' in wrong.json()));
    const setup = await agent.request('POST', '/api/account/totp/setup', {
      password: TEST_PASSWORD,
    });
    assert.equal(setup.statusCode, 200);
    const { secret } = setup.json<{ secret: string }>();
    assert.equal(
      (await agent.request('POST', '/api/account/totp/enable', { code: codeFor(secret) }))
        .statusCode,
      204,
    );
    const mails = await mailsTo(user.email);
    assert.equal(mails.length, 1);
    assert.match(mails[0]!.subject, /sign-in setting/);
    assert.match(mails[0]!.body, /Two-factor authentication of your Maillon account is on/);
  });

  it('a password change with a second factor on needs the current code, and is mailed', async () => {
    const secret = newTotpSecret();
    const user = await buildUser(t.database.db, { role: 'social', totpSecret: secret });
    const session = await fullSession(user.email, secret);
    const newPassword = 'a brand new passphrase';
    const noCode = await session.request('POST', '/api/account/password', {
      currentPassword: TEST_PASSWORD,
      newPassword,
    });
    assert.equal(noCode.statusCode, 422);
    assert.equal(noCode.json().error.details.fields[0].field, 'code');
    assert.equal((await userRow(user.id)).passwordHash, user.passwordHash);
    const ok = await session.request('POST', '/api/account/password', {
      currentPassword: TEST_PASSWORD,
      newPassword,
      code: codeFor(secret, 30),
    });
    assert.equal(ok.statusCode, 204, ok.body);
    const [mail] = await mailsTo(user.email);
    assert.match(mail!.body, /mot de passe de votre compte Maillon a été changé/);
    assert.ok(!mail!.body.includes(newPassword), 'the password is not in the mail');
    assert.equal((await auditOf(user.id, 'account.password_change')).length, 1);
  });

  it('a right password does not clear the count of wrong codes', async () => {
    const secret = newTotpSecret();
    const user = await buildUser(t.database.db, { role: 'coordinator', totpSecret: secret });
    const statuses: number[] = [];
    // Two wrong codes per login, three logins: before, each right password reset the count.
    for (let round = 0; round < 3; round++) {
      const pending = agentFrom(t.app, await login(user.email));
      for (const code of ['111111', '222222']) {
        statuses.push((await pending.request('POST', '/api/auth/totp', { code })).statusCode);
      }
    }
    assert.deepEqual(statuses, [...Array<number>(ACCOUNT_MAX_FAILURES).fill(401), 429]);
    // The right code is refused too while locked; the password alone still opens a pending session.
    const pending = agentFrom(t.app, await login(user.email));
    const locked = await pending.request('POST', '/api/auth/totp', { code: codeFor(secret) });
    assert.equal(locked.statusCode, 429);
    assert.equal(locked.json().error.code, 'account_locked');
  });

  it('wrong current passwords on the account page share the login limit and are audited', async () => {
    const user = await buildUser(t.database.db, { role: 'professional' });
    const agent = await loginAs(t.app, user.email, TEST_PASSWORD);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const answer = await agent.request('POST', '/api/account/password', {
        currentPassword: `guess number ${i}`,
        newPassword: 'a new long passphrase',
      });
      statuses.push(answer.statusCode);
    }
    for (let i = 0; i < 2; i++) {
      const answer = await agent.request('POST', '/api/account/totp/setup', {
        password: `other guess ${i}`,
      });
      statuses.push(answer.statusCode);
    }
    assert.deepEqual(statuses, [422, 422, 422, 422, 422, 429]);
    // the same counter as login: the right password is refused at the door too
    const locked = await login(user.email);
    assert.equal(locked.statusCode, 429);
    assert.equal(locked.json().error.code, 'account_locked');
    const failures = [
      ...(await auditOf(user.id, 'account.password_change')),
      ...(await auditOf(user.id, 'account.totp_setup')),
    ];
    assert.equal(failures.length, ACCOUNT_MAX_FAILURES);
    assert.ok(failures.every((row) => row.outcome === 'failure'));
    assert.equal((await userRow(user.id)).passwordHash, user.passwordHash);
  });

  it('wrong current codes when turning the second factor off count against the code limit', async () => {
    const secret = newTotpSecret();
    const user = await buildUser(t.database.db, { role: 'professional', totpSecret: secret });
    const session = await fullSession(user.email, secret);
    const statuses: number[] = [];
    for (let i = 0; i < ACCOUNT_MAX_FAILURES + 1; i++) {
      const answer = await session.request('POST', '/api/account/totp/disable', {
        password: TEST_PASSWORD,
        code: String(100000 + i),
      });
      statuses.push(answer.statusCode);
    }
    assert.deepEqual(statuses, [...Array<number>(ACCOUNT_MAX_FAILURES).fill(422), 429]);
    assert.equal((await userRow(user.id)).totpEnabled, true);
    const audited = await auditOf(user.id, 'account.totp_disable');
    assert.equal(audited.length, ACCOUNT_MAX_FAILURES);
    assert.ok(audited.every((row) => row.reason === 'wrong second-factor code'));
    // and the code step of a new login is locked as well
    const pending = agentFrom(t.app, await login(user.email));
    const step = await pending.request('POST', '/api/auth/totp', { code: codeFor(secret, 30) });
    assert.equal(step.statusCode, 429);
  });

  it('turning the second factor off is mailed', async () => {
    const secret = newTotpSecret();
    const user = await buildUser(t.database.db, { role: 'professional', totpSecret: secret });
    const session = await fullSession(user.email, secret);
    const off = await session.request('POST', '/api/account/totp/disable', {
      password: TEST_PASSWORD,
      code: codeFor(secret, 30),
    });
    assert.equal(off.statusCode, 204);
    const [mail] = await mailsTo(user.email);
    assert.match(mail!.body, /double authentification de votre compte Maillon est désactivée/);
    assert.equal((await auditOf(user.id, 'account.totp_disable'))[0]!.outcome, 'success');
  });
});
