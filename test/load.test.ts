/**
 * The load test in small (npm run load is the long one): a few seconds, 5 virtual users, on the
 * test run's driver, through the same runLoad() — real server process, HTTP on loopback.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { runLoad, type TLoadReport } from '../scripts/load/run.js';
import { TEST_DRIVER } from './helpers/database.js';

describe('load test, short run', { timeout: 120_000 }, () => {
  let report: TLoadReport;
  const phases = () => [report.main, report.capacity!];
  const unexpected = () =>
    JSON.stringify(
      phases().flatMap((p) => p.routes.flatMap((r) => r.examples)),
      null,
      2,
    );

  before(async () => {
    report = await runLoad({
      users: 5,
      durationMs: 2500,
      warmupMs: 0,
      thinkMs: 50,
      capacityMs: 1000,
      ceilingMs: 1000,
      driver: TEST_DRIVER,
      databaseUrl: process.env.DATABASE_URL,
      logLevel: 'warn',
      playEveryStepFirst: true,
    });
  });

  it('plays every persona, each with at least one virtual user', () => {
    assert.deepEqual(report.skippedPersonas, []);
    assert.ok(report.personas.every((p) => p.users > 0));
  });

  it('exercises every step of every persona', () => {
    const runs = new Map<string, number>();
    for (const step of phases().flatMap((p) => p.steps)) {
      const key = `${step.persona} / ${step.step}`;
      runs.set(key, (runs.get(key) ?? 0) + step.runs);
    }
    const never = [...runs].filter(([, n]) => n === 0).map(([key]) => key);
    assert.deepEqual(never, []);
  });

  it('gets no 5xx and no network error', () => {
    for (const phase of [...phases(), report.setup.calls]) {
      assert.equal(phase.serverErrors, 0, unexpected());
      assert.equal(phase.networkErrors, 0, unexpected());
    }
    assert.deepEqual(report.problems, []);
    assert.deepEqual(report.serverErrorLog, []);
    assert.equal(report.isOk, true);
  });

  it('gets no unexpected 4xx (conflicts are counted apart)', () => {
    for (const phase of phases()) assert.equal(phase.clientErrors, 0, unexpected());
  });

  it('reports latency percentiles and counts per route', () => {
    const routes = new Set(report.main.routes.map((r) => r.route));
    for (const route of [
      'GET /api/persons',
      'GET /api/persons/:personId',
      'GET /api/directory/search',
    ]) {
      assert.ok(routes.has(route), `${route} missing from ${[...routes].join(', ')}`);
    }
    for (const route of report.main.routes) {
      assert.ok(route.count > 0 && route.p50 > 0, route.route);
      assert.ok(route.p50 <= route.p95 && route.p95 <= route.p99 && route.p99 <= route.max);
    }
    assert.ok(report.main.perSecond > 0);
  });

  it('measures both ceilings', () => {
    assert.ok((report.ceilings.bareFastify?.perSecond ?? 0) > 0);
    assert.ok((report.ceilings.rawQuery?.perSecond ?? 0) > 0);
    assert.ok((report.ratios.capacityToBareFastify ?? 0) > 0);
  });
});
