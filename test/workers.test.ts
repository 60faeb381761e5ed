/**
 * Several server processes on one port (MAILLON_WORKERS, decision 043): the workers share the
 * port and the database, the requests of one session are answered whichever worker takes them,
 * SIGTERM stops them all cleanly, and a worker that dies stops the server (exit 1) rather than
 * leaving it half-running.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { childrenOf } from '../scripts/load/cpu.js';
import { DEMO_PASSWORD } from '../src/seed/demo.seed.js';
import { createPostgresDatabase, type TPostgresDatabase } from './helpers/database-template.js';
import {
  spawnServer,
  stopServer,
  waitHealthy,
  type TServerProcess,
} from './helpers/server-process.js';

const adminUrl = process.env.DATABASE_URL;
const skip = adminUrl ? false : 'PostgreSQL only: DATABASE_URL is not set';
const WORKERS = 2;

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe(`${WORKERS} server workers on one port`, { skip }, () => {
  let database: TPostgresDatabase | undefined;
  const env = () => ({
    DATABASE_URL: database!.url,
    SESSION_SECRET: randomBytes(32).toString('hex'),
    SEED_DEMO: 'true',
    LOG_LEVEL: 'warn',
    MAILLON_WORKERS: String(WORKERS),
  });
  const servers: TServerProcess[] = [];

  // A copy of the migrated template (decision 045): the workers, not the migrations, are tested
  // here (test/two-instances.test.ts starts from an empty database).
  before(async () => {
    database = await createPostgresDatabase(adminUrl!, { prefix: 'maillon_workers' });
  });

  after(async () => {
    await Promise.all(servers.map((server) => stopServer(server)));
    await database?.drop();
  });

  test('serve one session from every worker, then all stop cleanly on SIGTERM', async () => {
    const server = await spawnServer(env());
    servers.push(server);
    await waitHealthy(server, 180_000);
    const workers = childrenOf(server.child.pid!, 'node');
    assert.equal(workers.length, WORKERS, `workers: ${workers.join(', ')}\n${server.output()}`);
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'coordinatrice@reseau-demo.fr', password: DEMO_PASSWORD }),
    });
    assert.equal(login.status, 200);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    // New connections go to the workers in turn: every one of them knows the session.
    for (let i = 0; i < 4 * WORKERS; i++) {
      const response = await fetch(`${server.url}/api/persons`, {
        headers: { cookie, connection: 'close' },
      });
      assert.equal(response.status, 200);
    }
    server.child.kill('SIGTERM');
    assert.equal(await server.exited, 0, server.output());
    assert.ok(
      workers.every((pid) => !isAlive(pid)),
      'no worker is left behind',
    );
  });

  test('a worker that dies stops the server with exit code 1', async () => {
    const server = await spawnServer(env());
    servers.push(server);
    await waitHealthy(server, 180_000);
    const [victim, ...others] = childrenOf(server.child.pid!, 'node');
    assert.ok(victim, server.output());
    process.kill(victim, 'SIGKILL');
    assert.equal(await server.exited, 1, server.output());
    assert.match(server.output(), /a server worker stopped/);
    assert.ok(
      others.every((pid) => !isAlive(pid)),
      'the other workers stopped too',
    );
  });
});
