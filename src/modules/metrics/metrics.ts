import { timingSafeEqual, createHash } from 'node:crypto';
import { count, and, isNull } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { TDb } from '../../db/client.js';
import { outbox } from '../../db/schema/index.js';
import type { TAppDeps } from '../../server/app.js';
import { sendError } from '../../server/errors.handler.js';

/**
 * Prometheus metrics (issue 18, README "Metrics"), kept in one registry for the process. What an
 * operator watches: request durations by route and status, the database pool, the time an audit
 * append takes, the mails waiting in the outbox, housekeeping runs. Nothing in them names a
 * person or a user.
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: 'maillon_' });

const requestDuration = new Histogram({
  name: 'maillon_http_request_duration_seconds',
  help: 'HTTP requests by route pattern, method and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
  registers: [metricsRegistry],
});

export const auditAppendDuration = new Histogram({
  name: 'maillon_audit_append_seconds',
  help: 'Time to append audit rows (one statement, all the rows of a request)',
  buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5],
  registers: [metricsRegistry],
});

export const housekeepingRuns = new Counter({
  name: 'maillon_housekeeping_runs_total',
  help: 'Housekeeping runs by outcome (ok, chain_broken, failed)',
  labelNames: ['outcome'] as const,
  registers: [metricsRegistry],
});

/** The databases of the apps built in this process (one in production; tests build several). */
const sources = new Set<TDb>();

const poolOf = (db: TDb) => {
  const client = (db as { $client?: unknown }).$client;
  return client instanceof pg.Pool ? client : null;
};

new Gauge({
  name: 'maillon_db_pool_connections',
  help: 'Database connections by state: in use, idle, and requests waiting for one (PGlite: one connection)',
  labelNames: ['state'] as const,
  registers: [metricsRegistry],
  collect() {
    let inUse = 0;
    let idle = 0;
    let waiting = 0;
    for (const db of sources) {
      const pool = poolOf(db);
      if (!pool) {
        idle += 1;
        continue;
      }
      inUse += pool.totalCount - pool.idleCount;
      idle += pool.idleCount;
      waiting += pool.waitingCount;
    }
    this.set({ state: 'in_use' }, inUse);
    this.set({ state: 'idle' }, idle);
    this.set({ state: 'waiting' }, waiting);
  },
});

new Gauge({
  name: 'maillon_outbox_pending',
  help: 'Mails not sent yet and not given up (the backlog of the outbox)',
  registers: [metricsRegistry],
  async collect() {
    let pending = 0;
    for (const db of sources) {
      const [row] = await db
        .select({ n: count() })
        .from(outbox)
        .where(and(isNull(outbox.sentAt), isNull(outbox.gaveUpAt)));
      pending += row?.n ?? 0;
    }
    this.set(pending);
  },
});

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * GET /metrics in Prometheus' text format, only with `Authorization: Bearer <METRICS_TOKEN>`;
 * without a token configured the route does not exist (404), so metrics are never public by
 * mistake. Not in the OpenAPI document: it is for the operator's scraper, not for the app.
 */
export function registerMetrics(app: FastifyInstance, deps: TAppDeps): void {
  sources.add(deps.db);
  app.addHook('onClose', async () => {
    sources.delete(deps.db);
  });
  app.addHook('onResponse', async (request, reply) => {
    // the route's pattern, never the URL itself (no ids, no search text in a label)
    const route = request.routeOptions.url ?? 'unmatched';
    requestDuration.observe(
      { method: request.method, route, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
  const token = deps.config.metricsToken;
  app.get(
    '/metrics',
    { config: { auth: 'none' }, schema: { hide: true } },
    async (request, reply) => {
      const given = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
      if (!token)
        return sendError(reply, 404, 'not_found', 'No metrics: METRICS_TOKEN is not set.');
      if (!timingSafeEqual(digest(given), digest(token))) {
        reply.header('www-authenticate', 'Bearer realm="metrics"');
        return sendError(
          reply,
          401,
          'unauthorized',
          'The metrics need the METRICS_TOKEN bearer token.',
        );
      }
      return reply
        .header('content-type', metricsRegistry.contentType)
        .header('cache-control', 'no-store')
        .send(await metricsRegistry.metrics());
    },
  );
}
