/**
 * npm run bench:caseload in small (the region-scale run is the long one): the fixture generator
 * and one short pass of every route on the test run's driver, so the script cannot rot.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CASELOAD_ROUTES,
  formatCaseloadBench,
  runCaseloadBench,
} from '../scripts/bench-caseload.js';
import { EVENTS_PER_PERSON } from '../scripts/bench/caseload-data.js';

describe('bench:caseload, tiny scale', { timeout: 180_000 }, () => {
  it('generates the fixture and every route answers 200', async () => {
    // The test run's driver is PGlite here: the PostgreSQL run would drop the bench database.
    const result = await runCaseloadBench({
      driver: 'pglite',
      managers: 3,
      perManager: 4,
      concurrency: 3,
      durationMs: 300,
      warmupMs: 0,
    });
    const { rows } = result.fixture;
    assert.equal(result.fixture.managers, 3);
    assert.equal(rows.care_plan_versions, 3 * rows.care_plans!);
    assert.equal(rows.pathway_events, 3 * 4 * EVENTS_PER_PERSON + rows.persons! - 12);
    assert.deepEqual(
      result.measures.map((r) => r.name),
      CASELOAD_ROUTES.map((r) => r.name),
    );
    for (const { name, report } of result.measures) {
      const route = report.routes[0]!;
      assert.ok(route.count > 0, `${name}: no request`);
      assert.equal(route.ok, route.count, `${name}: ${JSON.stringify(route.examples)}`);
    }
    assert.match(formatCaseloadBench(result), /GET \/api\/caseload/);
  });
});
