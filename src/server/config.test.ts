import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig, redactSecrets } from './config.js';

const tempDir = () => mkdtempSync(join(tmpdir(), 'maillon-config-'));

describe('configuration', () => {
  it('uses the documented defaults', () => {
    const config = loadConfig({ DATA_DIR: tempDir() });
    assert.equal(config.port, 3000);
    assert.equal(config.databaseUrl, undefined);
    assert.equal(config.timeZone, 'Europe/Paris');
    assert.equal(config.logLevel, 'info');
    assert.equal(config.smtpUrl, undefined);
    assert.equal(config.publicUrl, 'http://localhost:3000');
  });

  it('names every bad value in one readable error', () => {
    assert.throws(
      () =>
        loadConfig({
          DATA_DIR: tempDir(),
          PORT: 'eighty',
          DATABASE_URL: 'mysql://x',
          TZ_NETWORK: 'Mars/Olympus',
          LOG_LEVEL: 'loud',
          PUBLIC_URL: 'not a url',
          SMTP_URL: 'http://mail',
        }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        const text = error.message;
        for (const name of [
          'PORT',
          'DATABASE_URL',
          'TZ_NETWORK',
          'LOG_LEVEL',
          'PUBLIC_URL',
          'SMTP_URL',
        ]) {
          assert.match(text, new RegExp(`${name}=`), `${name} is named`);
        }
        assert.match(text, /Europe\/Paris/);
        return true;
      },
    );
  });

  it('seeds the demo by default only on the embedded database', () => {
    assert.equal(loadConfig({ DATA_DIR: tempDir() }).seedDemo, true);
    assert.equal(
      loadConfig({ DATA_DIR: tempDir(), DATABASE_URL: 'postgres://db/maillon' }).seedDemo,
      false,
    );
    assert.equal(
      loadConfig({ DATA_DIR: tempDir(), DATABASE_URL: 'postgres://db/maillon', SEED_DEMO: 'true' })
        .seedDemo,
      true,
    );
    assert.equal(loadConfig({ DATA_DIR: tempDir() }).trustProxy, false);
  });

  it('takes TRUST_PROXY as a list of proxy addresses or networks, and refuses "any proxy"', () => {
    assert.equal(loadConfig({ DATA_DIR: tempDir(), TRUST_PROXY: 'false' }).trustProxy, false);
    assert.deepEqual(
      loadConfig({
        DATA_DIR: tempDir(),
        TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1,fd00::/8,loopback',
      }).trustProxy,
      ['127.0.0.1', '10.0.0.0/8', '::1', 'fd00::/8', 'loopback'],
    );
    assert.throws(
      () => loadConfig({ DATA_DIR: tempDir(), TRUST_PROXY: 'true' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.equal(error.problems.length, 1);
        assert.match(
          error.message,
          /TRUST_PROXY="true": .*list the addresses of your reverse proxies/,
        );
        return true;
      },
    );
    for (const bad of [
      'yes',
      '10.0.0.0/33',
      '::1/129',
      '10.0.0.1,',
      'proxy.example.org',
      '1.2.3.4/8/1',
    ]) {
      assert.throws(
        () => loadConfig({ DATA_DIR: tempDir(), TRUST_PROXY: bad }),
        /TRUST_PROXY=.*comma-separated list of proxy addresses/,
        bad,
      );
    }
  });

  it('runs one server process by default, several only on PostgreSQL (MAILLON_WORKERS)', () => {
    assert.equal(loadConfig({ DATA_DIR: tempDir() }).workers, 1);
    const postgres = { DATA_DIR: tempDir(), DATABASE_URL: 'postgres://u@localhost/db' };
    assert.equal(loadConfig({ ...postgres, MAILLON_WORKERS: '2' }).workers, 2);
    assert.throws(
      () => loadConfig({ DATA_DIR: tempDir(), MAILLON_WORKERS: '2' }),
      (error: unknown) =>
        error instanceof ConfigError && /MAILLON_WORKERS=2: .*PostgreSQL/.test(error.message),
    );
    for (const bad of ['0', '1.5', 'two', '65']) {
      assert.throws(
        () => loadConfig({ ...postgres, MAILLON_WORKERS: bad }),
        (error: unknown) => error instanceof ConfigError && /MAILLON_WORKERS/.test(error.message),
        bad,
      );
    }
  });

  it('refuses a port out of range', () => {
    assert.throws(() => loadConfig({ DATA_DIR: tempDir(), PORT: '70000' }), /PORT="70000"/);
  });

  it('generates the session secret once and keeps it in DATA_DIR', () => {
    const dir = tempDir();
    const first = loadConfig({ DATA_DIR: dir }).sessionSecret;
    const second = loadConfig({ DATA_DIR: dir }).sessionSecret;
    assert.equal(first, second);
    assert.ok(first.length >= 32);
    assert.equal(readFileSync(join(dir, 'session-secret'), 'utf8'), first);
  });

  it('prefers SESSION_SECRET when given and refuses a short one', () => {
    const secret = 'x'.repeat(40);
    assert.equal(loadConfig({ DATA_DIR: tempDir(), SESSION_SECRET: secret }).sessionSecret, secret);
    assert.throws(
      () => loadConfig({ DATA_DIR: tempDir(), SESSION_SECRET: 'short' }),
      /SESSION_SECRET/,
    );
  });
});

describe('configuration errors', () => {
  it('never print a password or the session secret', () => {
    const secrets = ['S3cret-Db/Pw', 'short-secret-12', 'Mail:Pw9', 'Sp3cial@pw'];
    assert.throws(
      () =>
        loadConfig({
          DATA_DIR: tempDir(),
          DATABASE_URL: 'postgress://maillon:S3cret-Db/Pw@db.example.org:5432/maillon',
          SESSION_SECRET: 'short-secret-12',
          SMTP_URL: 'smtpx://mailer:Mail:Pw9@smtp.example.org',
          PUBLIC_URL: 'ftp://web:Sp3cial@pw@example.org',
        }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        for (const secret of secrets) assert.ok(!error.message.includes(secret), secret);
        assert.ok(!error.problems.join('\n').includes('short-secret'));
        // what is wrong stays readable: the name, the host, the length of the secret
        assert.match(error.message, /DATABASE_URL=.*db\.example\.org/);
        assert.match(error.message, /SMTP_URL=.*smtp\.example\.org/);
        assert.match(error.message, /SESSION_SECRET=\(hidden, 15 characters\)/);
        return true;
      },
    );
  });

  it('never print a password given as a query parameter either', () => {
    const url = 'postgress://db.example.org/maillon?user=maillon&password=Qu3ry-Pw-99';
    assert.throws(
      () => loadConfig({ DATA_DIR: tempDir(), DATABASE_URL: url }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.ok(!error.message.includes('Qu3ry-Pw-99'), error.message);
        assert.match(error.message, /password=\*\*\*/);
        return true;
      },
    );
    const text = `connect failed for postgres://db.example.org/maillon?password=Qu3ry-Pw-99`;
    const env = { DATABASE_URL: 'postgres://db.example.org/maillon?password=Qu3ry-Pw-99' };
    assert.ok(!redactSecrets(text, env).includes('Qu3ry-Pw-99'));
  });

  it('cut the secrets of the environment out of any start-up failure text', () => {
    const env = {
      DATABASE_URL: 'postgres://maillon:db-Pass-42@db.example.org/maillon',
      SESSION_SECRET: 'z'.repeat(40),
      SMTP_URL: 'smtp://mailer:mail-Pass-7@smtp.example.org',
    };
    const text = redactSecrets(
      `connect failed: ${env.DATABASE_URL} with ${env.SESSION_SECRET}; smtp ${env.SMTP_URL}`,
      env,
    );
    assert.doesNotMatch(text, /db-Pass-42|zzzz|mail-Pass-7/);
    assert.match(text, /db\.example\.org/);
  });
});
