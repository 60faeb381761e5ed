import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { buildApp, type TApp } from './app.js';
import { loadConfig } from './config.js';
import type { TDatabase } from '../db/client.js';
import { createTestApp, loginAs, type TTestApp } from '../../test/helpers/app.js';
import { createTestDatabase } from '../../test/helpers/database.js';
import { buildDirectoryMember } from '../../test/helpers/directory-factories.js';
import { buildPerson, buildUser, TEST_PASSWORD } from '../../test/helpers/factories.js';
import viteConfig from '../../web/vite.config.js';

describe('request hardening', () => {
  let t: TTestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  it('refuses JSON nested deeper than 64 levels with a 400, before any check walks it', async () => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    for (const payload of [deep, `{"email":${deep},"password":"x"}`]) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'content-type': 'application/json' },
        payload,
      });
      assert.equal(response.statusCode, 400, response.body);
      assert.equal(response.json().error.code, 'bad_request');
    }
    // 64 levels inside a string are text, not nesting; ordinary bodies pass.
    const text = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: '['.repeat(100), password: '{'.repeat(100) }),
    });
    assert.equal(text.statusCode, 400);
    assert.equal(text.json().error.code, 'validation_failed');
  });

  it('marks every API answer Cache-Control: no-store (a person read, a directory read)', async () => {
    const db = t.database.db;
    const manager = await buildUser(db, { role: 'coordinator' });
    const person = await buildPerson(db, { caseManagerId: manager.memberId });
    const member = await buildDirectoryMember(db);
    const agent = await loginAs(t.app, manager.email, TEST_PASSWORD);
    for (const url of [
      `/api/persons/${person.id}`,
      `/api/directory/members/${member.id}`,
      '/api/directory/search?q=a',
      '/api/persons/00000000-0000-4000-8000-000000000000',
    ]) {
      const response = await agent.request('GET', url);
      assert.ok(response.statusCode < 500, `${url}: ${response.statusCode}`);
      assert.equal(response.headers['cache-control'], 'no-store', url);
    }
  });
});

describe('the built web app', () => {
  it('is built without source maps', () => {
    assert.equal(viteConfig.build?.sourcemap, false);
  });

  it('never serves a source map, even one left in the build folder', async () => {
    const webDist = mkdtempSync(join(tmpdir(), 'maillon-web-'));
    mkdirSync(join(webDist, 'assets'));
    writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>Maillon</title>');
    writeFileSync(join(webDist, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(webDist, 'assets', 'app.js.map'), '{"sources":["secret.ts"]}');
    const database = await createTestDatabase();
    const config = loadConfig({ SESSION_SECRET: 'x'.repeat(40), DATA_DIR: webDist });
    const app = await buildApp(
      { db: database.db, driver: database.driver, config },
      { logger: false, webDist },
    );
    try {
      assert.equal((await app.inject('/assets/app.js')).statusCode, 200);
      for (const url of ['/assets/app.js.map', '/assets/APP.JS.MAP', '/assets/app.js.map?x=1']) {
        const map = await app.inject(url);
        assert.equal(map.statusCode, 404, url);
        assert.doesNotMatch(map.body, /secret\.ts/);
      }
    } finally {
      await app.close();
      await database.close();
      rmSync(webDist, { recursive: true, force: true });
    }
  });
});

describe('request logs', () => {
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
    await app.ready();
  });
  after(async () => {
    await app.close();
    await database.close();
  });

  it('never carry search text as typed (query string values are cut)', async () => {
    const user = await buildUser(database.db, { role: 'professional' });
    const agent = await loginAs(app, user.email, TEST_PASSWORD);
    await agent.request('GET', '/api/directory/search?q=Jeanne%20Roux%20diab%C3%A8te&page=1');
    await agent.request('GET', '/api/admin/users?q=martine.dupont');
    await app.inject('/api/directory/search?q=Dupont');
    assert.match(lines, /\/api\/directory\/search/);
    assert.doesNotMatch(lines, /Jeanne|Roux|diab|martine|Dupont/i);
  });
});
