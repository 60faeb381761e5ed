/**
 * Several server processes on one port (MAILLON_WORKERS, decision 043): the workers share the
 * port and the database, the requests of one session are answered whichever worker takes them,
 * SIGTERM stops them all cleanly, and a worker that dies stops the server (exit 1) rather than
 * leaving it half-running.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { DEMO_PASSWORD } from '../src/seed/demo.seed.js';
import {
  spawnServer,
  stopServer,
  waitHealthy,
  type TServerProcess,
} from './helpers/server-process.js';

const adminUrl = process.env.DATABASE_URL;
const skip = adminUrl ? false : 'PostgreSQL only: DATABASE_URL is not set';
const WORKERS = 2;

/** The pids of a process's node children (Linux /proc; tsx may also start an esbuild). */
function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const command = readFileSync(`/proc/${name}/comm`, 'utf8').trim();
      if (parent === pid && command === 'node') children.push(Number(name));
    } catch {
      // ended meanwhile
    }
  }
  return children;
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe(`${WORKERS} server workers on one port`, { skip }, () => {
  let url = '';
  let name = '';
  const env = () => ({
    DATABASE_URL: url,
    SESSION_SECRET: randomBytes(32).toString('hex'),
    SEED_DEMO: 'true',
    LOG_LEVEL: 'warn',
    MAILLON_WORKERS: String(WORKERS),
  });
  const servers: TServerProcess[] = [];

  before(async () => {
    name = `maillon_workers_${process.pid}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const parsed = new URL(adminUrl!);
    parsed.pathname = `/${name}`;
    url = parsed.toString();
  });

  after(async () => {
    await Promise.all(servers.map((server) => stopServer(server)));
    const dropper = new pg.Client({ connectionString: adminUrl });
    await dropper.connect();
    await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await dropper.end();
  });

  test('serve one session from every worker, then all stop cleanly on SIGTERM', async () => {
    const server = await spawnServer(env());
    servers.push(server);
    await waitHealthy(server, 180_000);
    const workers = childrenOf(server.child.pid!);
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
    const [victim, ...others] = childrenOf(server.child.pid!);
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
