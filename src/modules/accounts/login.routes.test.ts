import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, count, eq } from 'drizzle-orm';
import { auditLog, sessions, users } from '../../db/schema/index.js';
import { IP_MAX_ATTEMPTS } from './login.service.js';
import { AppError } from '../../server/errors.js';
import { createTestApp, loginAs, type TTestApp } from '../../../test/helpers/app.js';
import { buildUser, TEST_PASSWORD } from '../../../test/helpers/factories.js';

describe('login, sessions and request hygiene', () => {
  let t: TTestApp;
  before(async () => {
    t = await createTestApp((app) => {
      app.get('/api/test/boom', { config: { auth: 'public' } }, () => {
        throw new Error('secret internal detail');
      });
      app.get('/api/test/app-error', { config: { auth: 'public' } }, () => {
        throw new AppError('conflict', 'person.already_in_team');
      });
    });
  });
  after(() => t.close());

  const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url, payload: payload as object, headers });
  const sessionCount = async () =>
    (await t.database.db.select({ n: count() }).from(sessions))[0]!.n;

  it('logs in with the right password and returns the session with a CSRF token', async () => {
    const user = await buildUser(t.database.db, { role: 'coordinator' });
    const response = await post('/api/auth/login', {
      email: user.email.toUpperCase(),
      password: TEST_PASSWORD,
    });
    assert.equal(response.statusCode, 200);
    const body = response.json();
    assert.equal(body.status, 'ok');
    assert.equal(body.session.user.email, user.email);
    assert.equal(typeof body.session.csrfToken, 'string');
    const cookie = response.cookies.find((c) => c.name === 'maillon_session');
    assert.ok(cookie?.httpOnly);
    assert.equal(cookie?.sameSite, 'Lax');
  });

  it('names each empty field with a 400', async () => {
    const response = await post('/api/auth/login', { email: '', password: '' });
    assert.equal(response.statusCode, 400);
    const { error } = response.json();
    assert.equal(error.code, 'validation_failed');
    const fields = error.details.fields.map((f: { field: string }) => f.field).sort();
    assert.deepEqual(fields, ['email', 'password']);
    assert.match(error.message, /champs/);
  });

  it('answers validation errors in English when the browser prefers English', async () => {
    const response = await post(
      '/api/auth/login',
      { email: 'nope' },
      { 'accept-language': 'en-GB,en' },
    );
    const { error } = response.json();
    assert.match(error.message, /fields/);
    assert.deepEqual(error.details.fields.map((f: { field: string }) => f.field).sort(), [
      'email',
      'password',
    ]);
  });

  it('answers 401 to a wrong password, then locks the account: 20 tries change nothing', async () => {
    const user = await buildUser(t.database.db, { role: 'professional' });
    const before = await sessionCount();
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      const response = await post('/api/auth/login', { email: user.email, password: `wrong-${i}` });
      statuses.push(response.statusCode);
      if (response.statusCode === 429) {
        assert.equal(response.json().error.code, 'account_locked');
        assert.ok(Number(response.headers['retry-after']) > 0);
      }
    }
    assert.deepEqual(statuses.slice(0, 5), [401, 401, 401, 401, 401]);
    assert.ok(statuses.slice(5).every((s) => s === 429));
    // Even the right password is refused while locked, and no session was ever created.
    const locked = await post('/api/auth/login', { email: user.email, password: TEST_PASSWORD });
    assert.equal(locked.statusCode, 429);
    assert.equal(await sessionCount(), before);
    const [row] = await t.database.db.select().from(users).where(eq(users.id, user.id));
    assert.equal(row!.passwordHash, user.passwordHash);
    assert.equal(row!.status, 'active');
  });

  it('lets a burst of parallel guesses try no more passwords than the limit', async () => {
    const user = await buildUser(t.database.db, { role: 'professional' });
    const guesses = Array.from({ length: 12 }, (_, i) =>
      post('/api/auth/login', { email: user.email, password: `guess-${i}` }),
    );
    const statuses = (await Promise.all(guesses)).map((r) => r.statusCode).sort();
    assert.deepEqual(statuses, [...Array(5).fill(401), ...Array(7).fill(429)]);
    const failures = await t.database.db
      .select({ n: count() })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.resourceId, user.id),
          eq(auditLog.action, 'auth.login'),
          eq(auditLog.outcome, 'failure'),
        ),
      );
    assert.equal(failures[0]!.n, 5, 'exactly five passwords were checked');
    const locked = await post('/api/auth/login', { email: user.email, password: TEST_PASSWORD });
    assert.equal(locked.statusCode, 429);
  });

  it('logs in many people from one address at once, each from two tabs', async () => {
    const people = await Promise.all(
      Array.from({ length: 8 }, () => buildUser(t.database.db, { role: 'professional' })),
    );
    // one hospital network behind one address; the same person twice at once once deadlocked
    for (const round of [1, 2, 3]) {
      const answers = await Promise.all(
        [...people, ...people].map((p) =>
          post('/api/auth/login', { email: p.email, password: TEST_PASSWORD }),
        ),
      );
      assert.deepEqual(
        answers.map((a) => a.statusCode),
        answers.map(() => 200),
        `round ${round}: ${answers.map((a) => a.body).join('\n')}`,
      );
    }
  });

  it('does not count successful logins against the address', async () => {
    const user = await buildUser(t.database.db, { role: 'professional' });
    for (let i = 0; i <= IP_MAX_ATTEMPTS; i++) {
      const response = await post('/api/auth/login', {
        email: user.email,
        password: TEST_PASSWORD,
      });
      assert.equal(response.statusCode, 200, `login ${i + 1}: ${response.body}`);
    }
  });

  it('treats an unknown e-mail exactly like a wrong password', async () => {
    const response = await post('/api/auth/login', {
      email: 'nobody@nowhere.fr',
      password: 'whatever-123',
    });
    assert.equal(response.statusCode, 401);
    assert.equal(response.json().error.code, 'unauthenticated');
  });

  it('refuses garbage JSON with a 400 and a readable message', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": "a@b.fr", "password": ',
    });
    assert.equal(response.statusCode, 400);
    assert.equal(response.json().error.code, 'bad_request');
  });

  it('accepts a bodiless POST sent as JSON (logout from a script)', async () => {
    const user = await buildUser(t.database.db, { role: 'social' });
    const agent = await loginAs(t.app, user.email, TEST_PASSWORD);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: {
        cookie: agent.cookie,
        'x-csrf-token': agent.csrfToken,
        'content-type': 'application/json',
      },
    });
    assert.equal(response.statusCode, 204);
  });

  it('stores passwords as argon2id hashes, never in clear', async () => {
    const user = await buildUser(t.database.db, { role: 'social' });
    assert.match(user.passwordHash!, /^\$argon2id\$/);
    assert.ok(!user.passwordHash!.includes(TEST_PASSWORD));
  });

  it('refuses a 10 MB body with a 413', async () => {
    const response = await post('/api/auth/login', {
      email: 'a@b.fr',
      password: 'x'.repeat(10 * 1024 * 1024),
    });
    assert.equal(response.statusCode, 413);
    assert.equal(response.json().error.code, 'payload_too_large');
  });

  it('refuses a session cookie once logged out', async () => {
    const user = await buildUser(t.database.db, { role: 'social' });
    const agent = await loginAs(t.app, user.email, TEST_PASSWORD);
    assert.equal((await agent.request('GET', '/api/auth/session')).statusCode, 200);
    assert.equal((await agent.request('POST', '/api/auth/logout')).statusCode, 204);
    const after = await agent.request('GET', '/api/auth/session');
    assert.equal(after.statusCode, 401);
    assert.equal(after.json().error.code, 'unauthenticated');
    assert.equal((await agent.request('GET', '/api/persons')).statusCode, 401);
  });

  it('ends a session after an hour without activity', async () => {
    const user = await buildUser(t.database.db, { role: 'social' });
    const agent = await loginAs(t.app, user.email, TEST_PASSWORD);
    await t.database.db
      .update(sessions)
      .set({ lastSeenAt: new Date(Date.now() - 61 * 60 * 1000) })
      .where(eq(sessions.userId, user.id));
    assert.equal((await agent.request('GET', '/api/auth/session')).statusCode, 401);
  });

  it('ends a session at its absolute expiry even when active', async () => {
    const user = await buildUser(t.database.db, { role: 'social' });
    const agent = await loginAs(t.app, user.email, TEST_PASSWORD);
    await t.database.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.userId, user.id));
    assert.equal((await agent.request('GET', '/api/auth/session')).statusCode, 401);
  });

  it('refuses a state-changing request without the CSRF token, and from another origin', async () => {
    const user = await buildUser(t.database.db, { role: 'professional' });
    const agent = await loginAs(t.app, user.email, TEST_PASSWORD);
    const noToken = await t.app.inject({
      method: 'PATCH',
      url: '/api/account',
      headers: { cookie: agent.cookie },
      payload: { displayName: 'Hacked' },
    });
    assert.equal(noToken.statusCode, 403);
    assert.equal(noToken.json().error.code, 'csrf_failed');
    const foreign = await t.app.inject({
      method: 'PATCH',
      url: '/api/account',
      headers: {
        cookie: agent.cookie,
        'x-csrf-token': agent.csrfToken,
        origin: 'https://evil.example',
        host: 'localhost:3000',
      },
      payload: { displayName: 'Hacked' },
    });
    assert.equal(foreign.statusCode, 403);
    const [row] = await t.database.db.select().from(users).where(eq(users.id, user.id));
    assert.equal(row!.displayName, user.displayName);
  });

  it('changes the password, closes other sessions and keeps this one', async () => {
    const user = await buildUser(t.database.db, { role: 'coordinator' });
    const here = await loginAs(t.app, user.email, TEST_PASSWORD);
    const elsewhere = await loginAs(t.app, user.email, TEST_PASSWORD);
    const wrong = await here.request('POST', '/api/account/password', {
      currentPassword: 'nope-nope-nope',
      newPassword: 'a new long passphrase',
    });
    assert.equal(wrong.statusCode, 422);
    assert.equal(wrong.json().error.details.fields[0].field, 'currentPassword');
    const short = await here.request('POST', '/api/account/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'short',
    });
    assert.equal(short.statusCode, 422);
    const ok = await here.request('POST', '/api/account/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'a new long passphrase',
    });
    assert.equal(ok.statusCode, 204);
    assert.equal((await here.request('GET', '/api/auth/session')).statusCode, 200);
    assert.equal((await elsewhere.request('GET', '/api/auth/session')).statusCode, 401);
    await loginAs(t.app, user.email, 'a new long passphrase');
  });

  it('updates name and language, and answers in the chosen language', async () => {
    const user = await buildUser(t.database.db, { role: 'professional' });
    const agent = await loginAs(t.app, user.email, TEST_PASSWORD);
    const response = await agent.request('PATCH', '/api/account', {
      displayName: 'Dr Alice Durand',
      locale: 'en',
    });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(
      [response.json().user.displayName, response.json().user.locale],
      ['Dr Alice Durand', 'en'],
    );
    const missing = await agent.request('GET', '/api/persons/00000000-0000-4000-8000-000000000000');
    assert.match(missing.json().error.message, /Not found/);
    const extra = await agent.request('PATCH', '/api/account', { role: 'admin' });
    assert.equal(extra.statusCode, 400);
  });

  it('refuses a NUL character anywhere in the input with a 400, not a database error', async () => {
    const response = await post('/api/auth/login', { email: 'a@b.fr', password: 'abc\u0000def' });
    assert.equal(response.statusCode, 400);
    assert.equal(response.json().error.details.fields[0].field, 'password');
    const query = await t.app.inject({ method: 'GET', url: '/api/health?x=%00' });
    assert.equal(query.statusCode, 400);
  });

  it('answers an over-long path parameter with a 414 in the one error shape', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/invitations/${'x'.repeat(300)}`,
    });
    assert.equal(response.statusCode, 414);
    assert.equal(response.json().error.code, 'bad_request');
  });

  it('answers an unknown API route with a JSON 404', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/nothing-here' });
    assert.equal(response.statusCode, 404);
    assert.equal(response.json().error.code, 'not_found');
  });

  it('answers an unexpected failure with a 500 carrying a request id and no internals', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/test/boom' });
    assert.equal(response.statusCode, 500);
    const { error } = response.json();
    assert.equal(error.code, 'internal');
    assert.equal(error.details.requestId, response.headers['x-request-id']);
    assert.doesNotMatch(response.body, /secret internal detail|at .*\.ts/);
  });

  it('maps an AppError to its status and the one error shape', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/test/app-error' });
    assert.equal(response.statusCode, 409);
    assert.deepEqual(Object.keys(response.json().error).sort(), ['code', 'details', 'message']);
  });
});
