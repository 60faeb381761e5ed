/**
 * The ceilings our throughput is compared with, measured with the same concurrency and no think
 * time: a bare Fastify route in a process of its own, and a raw single-row query by primary key
 * on the run's database (pg pool on PostgreSQL; PGlite in the load process, since PGlite is an
 * in-process database: there is no server to connect to).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { TDatabase } from '../../src/db/client.js';
import { freePort } from '../../test/helpers/server-process.js';
import { createHttpClient } from './http.js';
import type { TLoadDatabase } from './data.js';
import {
  createRecorder,
  recordSample,
  summariseRecorder,
  type TOutcome,
  type TPhaseReport,
} from './stats.js';

export type TCeiling = TPhaseReport & { what: string; note: string };

/** Runs `concurrency` callers of `operation` back to back for durationMs. */
async function runClosedLoop(
  route: string,
  options: { concurrency: number; durationMs: number },
  operation: () => Promise<{ outcome: TOutcome; status: number | null; detail?: string }>,
): Promise<TPhaseReport> {
  const recorder = createRecorder();
  const started = performance.now();
  const deadline = started + options.durationMs;
  const caller = async () => {
    while (performance.now() < deadline) {
      const t = performance.now();
      let result: Awaited<ReturnType<typeof operation>>;
      try {
        result = await operation();
      } catch (error) {
        result = { outcome: 'network_error', status: null, detail: (error as Error).message };
      }
      recordSample(recorder, route, { ms: performance.now() - t, ...result });
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, caller));
  return summariseRecorder(recorder, performance.now() - started);
}

/**
 * A bare Fastify 5 server (bare-server.ts) in a child process, driven like Maillon's server:
 * GET /ping, or with the run's database (closed in every other process) GET /row, one
 * primary-key select — issue 12's "Fastify + pg, one select".
 */
async function measureBareServer(
  options: { concurrency: number; durationMs: number },
  path: '/ping' | '/row',
  env: Record<string, string> = {},
): Promise<TPhaseReport> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'bare-server.ts')],
    { env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const client = createHttpClient(`http://127.0.0.1:${port}`, { timeoutMs: 10_000 });
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const status = await client.send('GET', path).then(
        (r) => r.status,
        () => 0,
      );
      if (status === 200) break;
      if (Date.now() > deadline || child.exitCode !== null) {
        throw new Error(`the bare Fastify server (${path}) did not start`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    return await runClosedLoop(`GET ${path}`, options, async () => {
      const response = await client.send('GET', path);
      const isOk = response.status === 200;
      return { outcome: isOk ? 'ok' : 'server_error', status: response.status };
    });
  } finally {
    client.close();
    child.kill('SIGTERM');
    await exited;
  }
}

export async function measureBareFastify(options: {
  concurrency: number;
  durationMs: number;
}): Promise<TCeiling> {
  return {
    ...(await measureBareServer(options, '/ping')),
    what: 'bare Fastify 5, GET /ping → small JSON, own process, no logger',
    note: 'same HTTP client and concurrency as the main load, no think time',
  };
}

/**
 * Fastify + the database, one select: the raw ceiling as issue 12 defines it (its first table),
 * the same query as measureRawQuery, sent by a bare Fastify route in a process of its own. The
 * run's database must not be open in any other process (PGlite's data folder is locked).
 */
export async function measureFastifyQuery(
  loadDatabase: TLoadDatabase,
  options: { concurrency: number; durationMs: number },
): Promise<TCeiling> {
  const env: Record<string, string> =
    loadDatabase.driver === 'pglite'
      ? { CEILING_DATA_DIR: loadDatabase.dataDir }
      : { CEILING_DATABASE_URL: loadDatabase.url! };
  return {
    ...(await measureBareServer(options, '/row', env)),
    what: `bare Fastify 5 + ${loadDatabase.driver === 'pglite' ? 'PGlite' : 'pg (pool of 10)'}: GET /row → ${QUERY}`,
    note: 'own process, no logger; same HTTP client and concurrency as the routes',
  };
}

const QUERY = 'SELECT id FROM users WHERE id = $1';

/** The raw primary-key query, on the run's database (which must not be open in the server). */
export async function measureRawQuery(
  loadDatabase: TLoadDatabase,
  database: TDatabase,
  options: { concurrency: number; durationMs: number },
): Promise<TCeiling> {
  const ids = (await database.db.query.users.findMany({ columns: { id: true }, limit: 200 })).map(
    (u) => u.id,
  );
  if (ids.length === 0) throw new Error('no users to query');
  let i = 0;
  const nextId = () => ids[i++ % ids.length]!;
  const single = (rows: number) =>
    rows === 1
      ? { outcome: 'ok' as const, status: 200 }
      : { outcome: 'server_error' as const, status: 500, detail: `${rows} rows` };
  if (loadDatabase.driver === 'pglite') {
    const client = (database.db as unknown as { $client: PGlite }).$client;
    const report = await runClosedLoop(QUERY, options, async () =>
      single((await client.query(QUERY, [nextId()])).rows.length),
    );
    return {
      ...report,
      what: `PGlite: ${QUERY}`,
      note: 'PGlite is in-process: queried from the load process itself (no network, no server), one connection as in Maillon',
    };
  }
  const pool = new pg.Pool({ connectionString: loadDatabase.url, max: 10 });
  try {
    const report = await runClosedLoop(QUERY, options, async () =>
      single((await pool.query(QUERY, [nextId()])).rowCount ?? 0),
    );
    return {
      ...report,
      what: `PostgreSQL via pg: ${QUERY}`,
      note: 'pool of 10 connections, as Maillon’s server has; same concurrency as the main load',
    };
  } finally {
    await pool.end();
  }
}
