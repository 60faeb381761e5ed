/**
 * npm run test:crash — a server acknowledges committed writes while it is killed with SIGKILL at
 * random moments (CRASH_CYCLES times, default 20), restarted each time; at the end every
 * acknowledged write must be in the database and the audit chain must verify. Runs on PGlite, and
 * on PostgreSQL when DATABASE_URL is set. Exits 1 on any lost write.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import pg from 'pg';
import { openPglite, openPostgres, type TDatabase } from '../src/db/client.js';
import { organisations } from '../src/db/schema/index.js';
import { verifyAuditChain } from '../src/modules/audit/audit.verify.js';
import { spawnServer, waitHealthy, type TServerProcess } from '../test/helpers/server-process.js';

const CYCLES = Number(process.env.CRASH_CYCLES ?? 20);
let seed = 7;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed / 2147483648);

async function login(url: string) {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@reseau-demo.fr', password: 'Maillon-demo-2026!' }),
  });
  if (!response.ok) throw new Error(`login failed: ${response.status}`);
  const cookie = response.headers.get('set-cookie')!.split(';')[0]!;
  const { session } = (await response.json()) as { session: { csrfToken: string } };
  return { cookie, csrf: session.csrfToken };
}

/** Writes until the server dies; returns the names whose creation was acknowledged (201). */
async function writeUntilKilled(
  server: TServerProcess,
  killAfterMs: number,
  acknowledged: string[],
) {
  const { cookie, csrf } = await login(server.url);
  const killer = setTimeout(() => server.child.kill('SIGKILL'), killAfterMs);
  let alive = true;
  void server.exited.then(() => (alive = false));
  const writer = async () => {
    while (alive) {
      const name = `Crash ${randomBytes(6).toString('hex')}`;
      try {
        const response = await fetch(`${server.url}/api/directory/organisations`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
          body: JSON.stringify({ name, type: 'msp', commune: 'Lavergne' }),
        });
        if (response.status === 201) acknowledged.push(name);
        else if (alive) throw new Error(`unexpected ${response.status}: ${await response.text()}`);
      } catch (error) {
        // A connection cut by the kill: wait for the exit to be sure it was the kill.
        const died = await Promise.race([
          server.exited.then(() => true),
          new Promise((r) => setTimeout(() => r(false), 5000)),
        ]);
        if (!died) throw error;
        return;
      }
    }
  };
  await Promise.all([writer(), writer(), writer()]);
  clearTimeout(killer);
  await server.exited;
}

async function run(label: string, env: Record<string, string>, open: () => Promise<TDatabase>) {
  const acknowledged: string[] = [];
  let server = await spawnServer({ ...env, SEED_DEMO: 'true', LOG_LEVEL: 'error' });
  for (let cycle = 0; cycle < CYCLES; cycle++) {
    await waitHealthy(server);
    await writeUntilKilled(server, 200 + Math.floor(random() * 1300), acknowledged);
    server = await spawnServer({ ...env, SEED_DEMO: 'true', LOG_LEVEL: 'error' });
  }
  await waitHealthy(server);
  server.child.kill('SIGTERM');
  await server.exited;
  const database = await open();
  try {
    const found = new Set<string>();
    for (let i = 0; i < acknowledged.length; i += 1000) {
      const rows = await database.db
        .select({ name: organisations.name })
        .from(organisations)
        .where(inArray(organisations.name, acknowledged.slice(i, i + 1000)));
      rows.forEach((r) => found.add(r.name));
    }
    const lost = acknowledged.filter((name) => !found.has(name));
    const chain = await verifyAuditChain(database.db);
    process.stdout.write(
      `${label}: ${CYCLES} SIGKILLs, ${acknowledged.length} acknowledged writes, ${lost.length} lost; audit chain ${chain.ok ? `verifies (${chain.checked} rows, ${chain.unsealed} left unsealed after the clean restart)` : `BROKEN: ${chain.problems.join('; ')}`}\n`,
    );
    // No acknowledged write at all would make "0 lost" say nothing.
    if (acknowledged.length === 0) process.stdout.write(`${label}: no write was acknowledged\n`);
    return lost.length === 0 && chain.ok && chain.unsealed === 0 && acknowledged.length > 0;
  } finally {
    await database.close();
  }
}

let ok = true;
const dataDir = mkdtempSync(join(tmpdir(), 'maillon-crash-'));
try {
  ok = (await run('PGlite', { DATA_DIR: dataDir }, () => openPglite(dataDir))) && ok;
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
if (process.env.DATABASE_URL) {
  const name = `maillon_crash_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  admin.on('error', () => undefined); // the server's own connections die with it; this one may be told
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `/${name}`;
  try {
    ok =
      (await run(
        'PostgreSQL',
        {
          DATABASE_URL: url.toString(),
          DATA_DIR: mkdtempSync(join(tmpdir(), 'maillon-crash-pg-')),
        },
        () => openPostgres(url.toString(), 2),
      )) && ok;
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}
process.exit(ok ? 0 : 1);
