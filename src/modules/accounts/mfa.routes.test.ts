import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import QRCode from 'qrcode';
import { eq } from 'drizzle-orm';
import { TOTP } from 'otpauth';
import { users } from '../../db/schema/index.js';
import { agentFrom, createTestApp, loginAs, type TTestApp } from '../../../test/helpers/app.js';
import { buildUser, TEST_PASSWORD } from '../../../test/helpers/factories.js';
import { newTotpSecret, totpFor } from './totp.js';

const codeFor = (secret: string, offsetSeconds = 0) =>
  totpFor(secret, 'test').generate({ timestamp: Date.now() + offsetSeconds * 1000 });

describe('two-factor authentication (TOTP, RFC 6238)', () => {
  let t: TTestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  /** Logs in with password and code; returns the full session. */
  async function fullSession(email: string, secret: string, offsetSeconds = 0) {
    const step1 = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password: TEST_PASSWORD },
    });
    const step2 = await agentFrom(t.app, step1).request('POST', '/api/auth/totp', {
      code: codeFor(secret, offsetSeconds),
    });
    assert.equal(step2.statusCode, 200, step2.body);
    return agentFrom(t.app, step2);
  }

  it('produces the RFC 6238 reference code for SHA-1', () => {
    // RFC 6238 appendix B: secret "12345678901234567890", T = 59 s → 94287082 (8 digits).
    const totp = new TOTP({
      secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
      digits: 8,
      period: 30,
      algorithm: 'SHA1',
    });
    assert.equal(totp.generate({ timestamp: 59_000 }), '94287082');
  });

  it('enrols: setup gives a secret, a valid code turns it on', async () => {
    const user = await buildUser(t.database.db, { role: 'professional' });
    const agent = await loginAs(t.app, user.email, TEST_PASSWORD);
    const setup = await agent.request('POST', '/api/account/totp/setup', {
      password: TEST_PASSWORD,
    });
    assert.equal(setup.statusCode, 200);
    const { secret, otpauthUrl, qrSvg } = setup.json();
    assert.match(otpauthUrl, /^otpauth:\/\/totp\/Maillon:/);
    assert.match(qrSvg, /^<svg[^>]*viewBox="0 0 \d+ \d+"[\s\S]*<path[\s\S]*<\/svg>\s*$/);
    assert.equal(
      qrSvg,
      await QRCode.toString(otpauthUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }),
      'the QR code carries the otpauth address itself',
    );
    const wrong = await agent.request('POST', '/api/account/totp/enable', { code: '000000' });
    assert.equal(wrong.statusCode, 422);
    const ok = await agent.request('POST', '/api/account/totp/enable', { code: codeFor(secret) });
    assert.equal(ok.statusCode, 204);
    const session = await agent.request('GET', '/api/auth/session');
    assert.equal(session.json().user.mfaEnabled, true);
  });

  it('asks for the code after the password, and gives nothing before it', async () => {
    const secret = newTotpSecret();
    const user = await buildUser(t.database.db, { role: 'coordinator', totpSecret: secret });
    const step1 = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: user.email, password: TEST_PASSWORD },
    });
    assert.equal(step1.statusCode, 200);
    assert.equal(step1.json().status, 'mfa_required');
    const pending = agentFrom(t.app, step1);
    const blocked = await pending.request('GET', '/api/persons');
    assert.equal(blocked.statusCode, 401);
    assert.equal(blocked.json().error.code, 'mfa_required');
    const wrong = await pending.request('POST', '/api/auth/totp', { code: '123456' });
    assert.equal(wrong.statusCode, 401);
    const step2 = await pending.request('POST', '/api/auth/totp', { code: codeFor(secret, -30) });
    assert.equal(step2.statusCode, 200);
    const full = agentFrom(t.app, step2);
    assert.notEqual(full.cookie, pending.cookie, 'the session token is rotated');
    assert.equal((await full.request('GET', '/api/persons')).statusCode, 200);
    assert.equal((await pending.request('GET', '/api/auth/session')).statusCode, 401);
  });

  it('never accepts the same code twice, even from a second login (RFC 6238 §5.2)', async () => {
    const secret = newTotpSecret();
    const user = await buildUser(t.database.db, { role: 'coordinator', totpSecret: secret });
    const passwordStep = async () =>
      agentFrom(
        t.app,
        await t.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email: user.email, password: TEST_PASSWORD },
        }),
      );
    const code = codeFor(secret);
    const first = await (await passwordStep()).request('POST', '/api/auth/totp', { code });
    assert.equal(first.statusCode, 200);
    const replay = await (await passwordStep()).request('POST', '/api/auth/totp', { code });
    assert.equal(replay.statusCode, 401, 'someone who saw the code over a shoulder gets nothing');
    assert.match(replay.json().error.message, /déjà servi/);
    const older = await (
      await passwordStep()
    ).request('POST', '/api/auth/totp', {
      code: codeFor(secret, -30),
    });
    assert.equal(older.statusCode, 401, 'nor an earlier code still in the drift window');
    const next = await (
      await passwordStep()
    ).request('POST', '/api/auth/totp', {
      code: codeFor(secret, 30),
    });
    assert.equal(next.statusCode, 200, 'the next code works');
  });

  it('lets the network require a second factor for a role: until enrolled, only the account works', async () => {
    const admin = await loginAs(
      t.app,
      (await buildUser(t.database.db, { role: 'admin' })).email,
      TEST_PASSWORD,
    );
    const social = await buildUser(t.database.db, { role: 'social' });
    const put = await admin.request('PUT', '/api/admin/settings', { mfaRequiredRoles: ['social'] });
    assert.deepEqual(put.json().mfaRequiredRoles, ['social']);
    const agent = await loginAs(t.app, social.email, TEST_PASSWORD);
    const session = await agent.request('GET', '/api/auth/session');
    assert.equal(session.json().mfaSetupRequired, true);
    const blocked = await agent.request('GET', '/api/persons');
    assert.equal(blocked.statusCode, 403);
    assert.equal(blocked.json().error.code, 'mfa_setup_required');
    const { secret } = (
      await agent.request('POST', '/api/account/totp/setup', { password: TEST_PASSWORD })
    ).json();
    assert.equal(
      (await agent.request('POST', '/api/account/totp/enable', { code: codeFor(secret) }))
        .statusCode,
      204,
    );
    assert.equal((await agent.request('GET', '/api/persons')).statusCode, 200);
    const disable = await agent.request('POST', '/api/account/totp/disable', {
      password: TEST_PASSWORD,
      code: codeFor(secret, 30),
    });
    assert.equal(disable.statusCode, 422, 'cannot turn off what the network requires');
    const [row] = await t.database.db.select().from(users).where(eq(users.id, social.id));
    assert.equal(row!.totpEnabled, true);
    await admin.request('PUT', '/api/admin/settings', { mfaRequiredRoles: [] });
  });

  it('turns the second factor off with the password and the current code', async () => {
    const secret = newTotpSecret();
    const user = await buildUser(t.database.db, { role: 'professional', totpSecret: secret });
    const full = await fullSession(user.email, secret);
    const wrong = await full.request('POST', '/api/account/totp/disable', {
      password: 'wrong password!',
      code: codeFor(secret, 30),
    });
    assert.equal(wrong.statusCode, 422);
    assert.equal(wrong.json().error.details.fields[0].field, 'password');
    const noCode = await full.request('POST', '/api/account/totp/disable', {
      password: TEST_PASSWORD,
    });
    assert.equal(noCode.statusCode, 422);
    assert.equal(noCode.json().error.details.fields[0].field, 'code');
    assert.equal(
      (
        await full.request('POST', '/api/account/totp/disable', {
          password: TEST_PASSWORD,
          code: codeFor(secret, 30),
        })
      ).statusCode,
      204,
    );
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: user.email, password: TEST_PASSWORD },
    });
    assert.equal(again.json().status, 'ok');
  });
});
