import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { buildApp, type TApp } from '../../server/app.js';
import { createTestApp, loginAs, type TTestApp } from '../../../test/helpers/app.js';
import { buildUser, TEST_PASSWORD } from '../../../test/helpers/factories.js';
import { queueMail } from '../mail/mail.service.js';

const TOKEN = 'metrics-token-metrics-token-0123456789';

describe('metrics and readiness (issue 18)', () => {
  let t: TTestApp;
  let withToken: TApp;
  before(async () => {
    t = await createTestApp();
    withToken = await buildApp(
      {
        db: t.database.db,
        driver: t.database.driver,
        config: { ...t.config, metricsToken: TOKEN },
      },
      { logger: false },
    );
    await withToken.ready();
  });
  after(async () => {
    await withToken.close();
    await t.close();
  });

  it('has no /metrics without METRICS_TOKEN, and refuses a missing or wrong token', async () => {
    assert.equal((await t.app.inject({ method: 'GET', url: '/metrics' })).statusCode, 404);
    const none = await withToken.inject({ method: 'GET', url: '/metrics' });
    assert.equal(none.statusCode, 401);
    assert.match(none.json<{ error: { message: string } }>().error.message, /METRICS_TOKEN/);
    const wrong = await withToken.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${TOKEN}x` },
    });
    assert.equal(wrong.statusCode, 401);
  });

  it('counts requests by route pattern and status, the pool, audit appends and the outbox backlog', async () => {
    const user = await buildUser(t.database.db, { role: 'coordinator' });
    const agent = await loginAs(withToken, user.email, TEST_PASSWORD);
    const personId = '00000000-0000-4000-8000-000000000001';
    await agent.request('GET', `/api/persons/${personId}`); // 404, audited
    await queueMail(t.database.db, { to: 'x@example.org', subject: 's', body: 'b' });
    const response = await withToken.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    assert.equal(response.statusCode, 200);
    assert.match(response.headers['content-type'] as string, /text\/plain/);
    const text = response.body;
    // the route's pattern, never the id in the URL
    assert.match(
      text,
      /maillon_http_request_duration_seconds_count\{method="GET",route="\/api\/persons\/:personId",status="404"\} [1-9]/,
    );
    assert.equal(text.includes(personId), false);
    assert.match(
      text,
      /maillon_http_request_duration_seconds_count\{method="POST",route="\/api\/auth\/login",status="200"\} [1-9]/,
    );
    assert.match(text, /maillon_audit_append_seconds_count [1-9]/);
    assert.match(text, /maillon_outbox_pending [1-9]/);
    assert.match(text, /maillon_db_pool_connections\{state="waiting"\} 0/);
    assert.match(text, /maillon_housekeeping_runs_total/);
    assert.match(text, /maillon_process_resident_memory_bytes/);

    // the whole answer read by a Prometheus text-format parser (prom-client ships none)
    const families = new Map(
      parsePrometheusTextFormat(text).map((family) => [family.name, family] as const),
    );
    const typeOf = (name: string) => families.get(name)?.type;
    assert.equal(typeOf('maillon_http_request_duration_seconds'), 'HISTOGRAM');
    assert.equal(typeOf('maillon_audit_append_seconds'), 'HISTOGRAM');
    assert.equal(typeOf('maillon_db_pool_connections'), 'GAUGE');
    assert.equal(typeOf('maillon_outbox_pending'), 'GAUGE');
    assert.equal(typeOf('maillon_housekeeping_runs_total'), 'COUNTER');
    const pool = families.get('maillon_db_pool_connections')!.metrics as {
      labels: { state: string };
    }[];
    assert.deepEqual(pool.map((metric) => metric.labels.state).sort(), [
      'idle',
      'in_use',
      'waiting',
    ]);
    // (this parser keeps a histogram's buckets, not its labels: those are checked above)
    const requests = families.get('maillon_http_request_duration_seconds')!.metrics;
    assert.ok(requests.length > 0);
    assert.ok(requests.every((metric) => metric.buckets?.['+Inf'] !== undefined));
  });

  it('is ready once the migrations are done, and says when they are not', async () => {
    const ready = await t.app.inject({ method: 'GET', url: '/api/health/ready' });
    assert.equal(ready.statusCode, 200);
    const body = ready.json<{ ready: boolean; migrations: { applied: number; shipped: number } }>();
    assert.equal(body.ready, true);
    assert.equal(body.migrations.applied, body.migrations.shipped);
    // the last migration's record removed, as a database an older version migrated would be
    await t.database.db.execute(
      sql`DELETE FROM drizzle.__drizzle_migrations WHERE created_at = (SELECT max(created_at) FROM drizzle.__drizzle_migrations)`,
    );
    const pending = await t.app.inject({ method: 'GET', url: '/api/health/ready' });
    assert.equal(pending.statusCode, 503);
    assert.match(pending.json<{ message: string }>().message, /Migrations pending/);
  });
});
