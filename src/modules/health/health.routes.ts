import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TDb } from '../../db/client.js';
import { runStatement, statement } from '../../db/statements.js';
import type { TAppDeps } from '../../server/app.js';
import { VERSION } from '../../server/version.js';

const ZHealth = z.object({
  status: z.literal('ok'),
  db: z.enum(['pglite', 'postgres']).describe('Which database driver this instance runs on'),
  version: z.string(),
});

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
}
