import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { buildApp, type TApp } from './app.js';
import { loadConfig } from './config.js';
import type { TDatabase } from '../db/client.js';
import { createTestDatabase } from '../../test/helpers/database.js';
import { buildUser, TEST_PASSWORD } from '../../test/helpers/factories.js';

describe('logs', () => {
  let database: TDatabase;
  let app: TApp;
  let lines = '';
  before(async () => {
    database = await createTestDatabase();
    const config = loadConfig({
      SESSION_SECRET: 'x'.repeat(40),
      LOG_LEVEL: 'info',
      DATA_DIR: '/tmp',
    });
    const logStream = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        lines += chunk.toString();
        callback();
      },
    });
    app = await buildApp({ db: database.db, driver: database.driver, config }, { logStream });
    app.get('/api/test/query-fails', { config: { auth: 'public' } }, async () => {
      await database.db.execute(
        // a failing query whose parameters carry personal data
        (await import('drizzle-orm')).sql`select ${'Jeanne Confidentielle'}::int`,
      );
    });
    await app.ready();
  });
  after(async () => {
    await app.close();
    await database.close();
  });

  it('are structured JSON with a request id, and never carry personal data', async () => {
    const user = await buildUser(database.db, {
      role: 'professional',
      email: 'alice.secret@msp.fr',
    });
    await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: user.email, password: TEST_PASSWORD },
    });
    await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: user.email, password: 'wrong password' },
    });
    const token = 'a'.repeat(43);
    await app.inject({ method: 'GET', url: `/api/invitations/${token}` });
    await app.inject({ method: 'GET', url: `/api/password-resets/${token}` });
    await app.inject({ method: 'GET', url: `/password-reset/${token}` });
    await app.inject({ method: 'GET', url: `/invitation/${token}` });
    const failed = await app.inject({ method: 'GET', url: '/api/test/query-fails' });
    assert.equal(failed.statusCode, 500);
    const records = lines
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.ok(records.length >= 8);
    assert.ok(records.every((r) => typeof r.level === 'number'));
    assert.ok(records.some((r) => typeof r.reqId === 'string'));
    assert.doesNotMatch(lines, /alice\.secret|Jeanne Confidentielle|correct horse|wrong password/);
    assert.doesNotMatch(lines, new RegExp(token), 'invitation and reset tokens are cut from URLs');
    assert.match(lines, /unexpected error/);
  });
});
