/**
 * Two server processes on one PostgreSQL (issue 18): the scale-out path of the README, tested.
 * Started together on an empty database: the migrations and the demo seed run once. A session
 * opened on one works on the other, a logout on one ends it on both; concurrent edits through
 * both give one success and one 409, never a lost update; the audit chain verifies after writes
 * through both; one mail is sent once although both run a mailer.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { openPostgres } from '../src/db/client.js';
import { sealAuditLog } from '../src/modules/audit/audit.seal.js';
import { verifyAuditChain } from '../src/modules/audit/audit.verify.js';
import { DEMO_PASSWORD } from '../src/seed/demo.seed.js';
import {
  freePort,
  spawnServer,
  stopServer,
  waitHealthy,
  type TServerProcess,
} from './helpers/server-process.js';
import { createPostgresDatabase, type TPostgresDatabase } from './helpers/database-template.js';

const adminUrl = process.env.DATABASE_URL;
const skip = adminUrl ? false : 'PostgreSQL only: DATABASE_URL is not set';

type TClient = { cookie: string; csrf: string };

async function login(server: TServerProcess, email: string): Promise<TClient> {
  const response = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  assert.equal(response.status, 200, await response.clone().text());
  const body = (await response.json()) as { status: string; session: { csrfToken: string } };
  assert.equal(body.status, 'ok');
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { cookie, csrf: body.session.csrfToken };
}

const call = (
  server: TServerProcess,
  client: TClient,
  method: string,
  path: string,
  body?: unknown,
) =>
  fetch(`${server.url}${path}`, {
    method,
    headers: {
      cookie: client.cookie,
      'x-csrf-token': client.csrf,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe('two server processes on one PostgreSQL', { skip }, () => {
  let database: TPostgresDatabase | undefined;
  let url = '';
  let servers: TServerProcess[] = [];
  let smtp: SMTPServer;
  const mails: string[] = [];

  before(async () => {
    // empty, not from the template: the two servers' race for the migrations is under test
    database = await createPostgresDatabase(adminUrl!, { prefix: 'maillon_two', empty: true });
    url = database.url;

    const smtpPort = await freePort();
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, _session, done) {
        let text = '';
        stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
        stream.on('end', () => {
          mails.push(text);
          done();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(smtpPort, '127.0.0.1', resolve));

    const env = {
      DATABASE_URL: url,
      SESSION_SECRET: randomBytes(32).toString('hex'),
      SEED_DEMO: 'true',
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      LOG_LEVEL: 'warn',
    };
    // started together on an empty database: both race for the migrations and the seed
    servers = await Promise.all([spawnServer(env), spawnServer(env)]);
    await Promise.all(servers.map((server) => waitHealthy(server, 120_000)));
  });

  after(async () => {
    await Promise.all(servers.map((server) => stopServer(server)));
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await database?.drop();
  });

  test('the migrations and the demo seed ran once', async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const migrations = await client.query<{ n: number; distinct: number }>(
        'SELECT count(*)::int AS n, count(DISTINCT hash)::int AS distinct FROM drizzle.__drizzle_migrations',
      );
      assert.equal(migrations.rows[0]!.n, migrations.rows[0]!.distinct);
      const accounts = await client.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM users WHERE email = 'coordinatrice@reseau-demo.fr'",
      );
      assert.equal(accounts.rows[0]!.n, 1);
    } finally {
      await client.end();
    }
  });

  test('a session opened on one works on the other; a logout on one ends it on both', async () => {
    const [a, b] = servers as [TServerProcess, TServerProcess];
    const client = await login(a, 'coordinatrice@reseau-demo.fr');
    assert.equal((await call(b, client, 'GET', '/api/auth/session')).status, 200);
    assert.equal((await call(b, client, 'GET', '/api/persons')).status, 200);
    assert.equal((await call(a, client, 'POST', '/api/auth/logout')).status < 300, true);
    assert.equal((await call(b, client, 'GET', '/api/persons')).status, 401);
    assert.equal((await call(a, client, 'GET', '/api/persons')).status, 401);
  });

  test('concurrent edits through both give one success and one 409, never a lost update', async () => {
    const [a, b] = servers as [TServerProcess, TServerProcess];
    const onA = await login(a, 'coordinatrice@reseau-demo.fr');
    const onB = await login(b, 'coordinatrice@reseau-demo.fr');
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      const person = (
        await db.query<{ id: string; version: number }>(
          "SELECT p.id, p.version FROM persons p JOIN members m ON m.id = p.case_manager_id JOIN users u ON u.member_id = m.id WHERE u.email = 'coordinatrice@reseau-demo.fr' ORDER BY p.last_name LIMIT 1",
        )
      ).rows[0]!;
      const answers = await Promise.all([
        call(a, onA, 'PATCH', `/api/persons/${person.id}`, {
          phone: '0601020304',
          version: person.version,
        }),
        call(b, onB, 'PATCH', `/api/persons/${person.id}`, {
          phone: '0605060708',
          version: person.version,
        }),
      ]);
      const statuses = answers.map((answer) => answer.status).sort();
      assert.deepEqual(statuses, [200, 409]);
      const winner = answers.findIndex((answer) => answer.status === 200);
      const stored = (
        await db.query<{ phone: string; version: number }>(
          'SELECT phone, version FROM persons WHERE id = $1',
          [person.id],
        )
      ).rows[0]!;
      assert.equal(stored.phone, winner === 0 ? '0601020304' : '0605060708');
      assert.equal(stored.version, person.version + 1);
    } finally {
      await db.end();
    }
  });

  test('one mail is sent once although both instances run a mailer', async () => {
    const [a] = servers as [TServerProcess];
    // only this mail counts: the demo's other mails (an urgent notification, a digest) may be
    // delivered meanwhile
    const resets = () =>
      mails.filter(
        (mail) => mail.includes('medecin@reseau-demo.fr') && /mot de passe|password/i.test(mail),
      ).length;
    const before = resets();
    const response = await fetch(`${a.url}/api/auth/password-reset`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'medecin@reseau-demo.fr' }),
    });
    assert.equal(response.status, 202);
    for (let waited = 0; waited < 30_000 && resets() === before; waited += 200) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    // both mailers have had several turns since
    await new Promise((resolve) => setTimeout(resolve, 4000));
    assert.equal(resets() - before, 1);
  });

  test('the audit chain verifies after writes through both', async () => {
    const database = await openPostgres(url, 2);
    try {
      await sealAuditLog(database.db);
      const result = await verifyAuditChain(database.db);
      assert.equal(result.ok, true, result.problems.join('; '));
      assert.ok(result.checked > 5);
    } finally {
      await database.close();
    }
  });
});
