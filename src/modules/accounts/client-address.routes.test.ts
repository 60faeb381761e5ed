import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { TDatabase } from '../../db/client.js';
import { buildApp, type TApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { createTestDatabase } from '../../../test/helpers/database.js';
import { IP_MAX_ATTEMPTS } from './sign-in-checks.js';

describe('the client address behind trusted proxies (TRUST_PROXY)', () => {
  let app: TApp;
  let database: TDatabase;
  before(async () => {
    database = await createTestDatabase();
    const config = loadConfig({
      DATA_DIR: mkdtempSync(join(tmpdir(), 'maillon-test-')),
      SESSION_SECRET: 'test-secret-test-secret-test-secret-0123',
      LOG_LEVEL: 'silent',
      // the proxy runs on the same machine; light-my-request connects from 127.0.0.1
      TRUST_PROXY: '127.0.0.1',
    });
    app = await buildApp({ db: database.db, driver: database.driver, config }, { logger: false });
    await app.ready();
  });
  after(async () => {
    await app.close();
    await database.close();
  });

  const failedLogin = (forwardedFor: string, remoteAddress = '127.0.0.1') =>
    app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress,
      headers: { 'x-forwarded-for': forwardedFor },
      payload: { email: `nobody-${Math.random()}@test.maillon.fr`, password: 'wrong password' },
    });

  it('a client cannot escape the address limit by sending its own X-Forwarded-For', async () => {
    // The client sends a new made-up address each time; the proxy appends the real one.
    const statuses: number[] = [];
    for (let i = 0; i <= IP_MAX_ATTEMPTS; i++) {
      statuses.push((await failedLogin(`10.9.${i}.1, 203.0.113.7`)).statusCode);
    }
    assert.deepEqual(statuses, [...Array<number>(IP_MAX_ATTEMPTS).fill(401), 429]);
    const refused = await failedLogin('203.0.113.7');
    assert.equal(refused.json().error.code, 'too_many_requests');
    // another client behind the same proxy is not held back
    assert.equal((await failedLogin('198.51.100.9')).statusCode, 401);
  });

  it('does not believe X-Forwarded-For from an address that is not a listed proxy', async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= IP_MAX_ATTEMPTS; i++) {
      statuses.push((await failedLogin(`10.8.${i}.1`, '192.0.2.50')).statusCode);
    }
    assert.equal(statuses.at(-1), 429, 'the connection address is counted');
  });
});
