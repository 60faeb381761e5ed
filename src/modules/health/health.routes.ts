import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TAppDeps } from '../../server/app.js';
import { VERSION } from '../../server/version.js';

const ZHealth = z.object({
  status: z.literal('ok'),
  db: z.enum(['pglite', 'postgres']).describe('Which database driver this instance runs on'),
  version: z.string(),
});

/** GET /api/health: liveness and database reachability, for load balancers and start scripts. */
export async function healthRoutes(app: FastifyInstance, deps: TAppDeps): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/health',
    {
      config: { auth: 'public' },
      schema: { tags: ['platform'], summary: 'Health check', response: { 200: ZHealth } },
    },
    async () => {
      await deps.db.execute(sql`select 1`);
      return { status: 'ok' as const, db: deps.driver, version: VERSION };
    },
  );
}
