import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { MIGRATIONS_DIR, type TDb } from '../../db/client.js';
import { runStatement, statement } from '../../db/statements.js';
import type { TAppDeps } from '../../server/app.js';
import { VERSION } from '../../server/version.js';

const ZHealth = z.object({
  status: z.literal('ok'),
  db: z.enum(['pglite', 'postgres']).describe('Which database driver this instance runs on'),
  version: z.string(),
});

const LATEST_TAG =
  (
    JSON.parse(readFileSync(join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8')) as {
      entries: { tag: string }[];
    }
  ).entries.at(-1)?.tag ?? 'none';

/** A database that answered this recently counts as reachable without asking again. */
export const HEALTH_FRESH_MS = 1000;

const PING = statement('health_ping', 'SELECT 1');

/**
 * The database check, cheap under many probes: probes arriving together share one query, and a
 * success stands for HEALTH_FRESH_MS — a load balancer polling every few seconds still sees each
 * outage, and a burst of probes costs one query instead of one each. A failure is never reused.
 */
function databaseCheck(db: TDb): () => Promise<void> {
  let checkedAt = -Infinity;
  let inFlight: Promise<void> | null = null;
  return () => {
    if (performance.now() - checkedAt < HEALTH_FRESH_MS) return Promise.resolve();
    inFlight ??= runStatement(db, PING, [])
      .then(() => {
        checkedAt = performance.now();
      })
      .finally(() => {
        inFlight = null;
      });
    return inFlight;
  };
}

const ZReady = z.object({
  ready: z.boolean(),
  migrations: z.object({
    applied: z.number().int().describe('Migrations recorded in the database'),
    shipped: z.number().int().describe('Migrations this version ships'),
    latest: z.string().describe("The tag of this version's last migration"),
  }),
  message: z.string(),
});

let shippedMigrations: number[] | undefined;

const APPLIED = statement(
  'health_migrations',
  'SELECT count(*)::int AS n, coalesce(max(created_at), 0)::text AS last FROM drizzle.__drizzle_migrations',
);

/**
 * Whether this version's migrations are all in the database (a rolling upgrade, a restore of an
 * older backup while the process runs, a login without the right to migrate would leave them
 * missing). Read from the database every time (a few probes a minute): nothing kept in memory.
 */
async function readiness(db: TDb) {
  // what this version ships: read once (the files do not change under a running process)
  shippedMigrations ??= readMigrationFiles({ migrationsFolder: MIGRATIONS_DIR }).map(
    (migration) => migration.folderMillis,
  );
  const shipped = shippedMigrations;
  const latestWhen = Math.max(...shipped);
  const [row] = await runStatement<{ n: number; last: string }>(db, APPLIED, []);
  const applied = row?.n ?? 0;
  const ready = Number(row?.last ?? 0) >= latestWhen;
  return {
    ready,
    migrations: { applied, shipped: shipped.length, latest: LATEST_TAG },
    message: ready
      ? 'Migrations done: this instance can take requests.'
      : `Migrations pending: the database has ${applied} of the ${shipped.length} this version needs (npm run db:migrate).`,
  };
}

/** GET /api/health: liveness and database reachability, for load balancers and start scripts. */
export async function healthRoutes(app: FastifyInstance, deps: TAppDeps): Promise<void> {
  const checkDatabase = databaseCheck(deps.db);
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/health',
    {
      // Nothing in the answer depends on who asks: no session lookup.
      config: { auth: 'none' },
      schema: { tags: ['platform'], summary: 'Health check', response: { 200: ZHealth } },
    },
    async () => {
      await checkDatabase();
      return { status: 'ok' as const, db: deps.driver, version: VERSION };
    },
  );
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/health/ready',
    {
      config: { auth: 'none' },
      schema: {
        tags: ['platform'],
        summary: 'Readiness: 200 once every migration of this version is in the database, else 503',
        response: { 200: ZReady, 503: ZReady },
      },
    },
    async (_request, reply) => {
      const answer = await readiness(deps.db);
      return reply.status(answer.ready ? 200 : 503).send(answer);
    },
  );
}
